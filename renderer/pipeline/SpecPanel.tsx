/**
 * The whole spec besides its steps: name, seed, the run's as-of time, sources (the input and
 * drift baselines; format, reader options, pinned column types), outputs (name, which rows, format,
 * shards, with the rows each would get on the working set) and gates. Every field edits the spec
 * text in place and shows the validator's message for it as you type.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { LineCounter, parseDocument } from 'yaml';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import { outputFrom, splitPartNames } from '../../pipelines/spec/output-from';
import { parseSpec, SpecErrors } from '../../pipelines/spec/parse';
import type { Gates, OutputSpec, SourceSpec } from '../../pipelines/spec/types';
import { splitColumn } from '../../pipelines/steps/transforms/split';
import type { BrowserEngine } from '../engine/browser-engine';
import { PROJECT_SPEC_FILE as SPEC_FILE } from '../../pipelines/protocol/host';
import { inputName, type SpecDraft } from '../state/spec-draft';
import { useApp, useDraft } from '../state/store';
import type { LiveRun } from './use-live-run';
import { RolesSummary } from './RolesSummary';
import './pipeline.css';

type Section = 'pipeline' | 'sources' | 'roles' | 'outputs' | 'gates';

const sectionOfKey: Record<string, Section> = {
  version: 'pipeline',
  name: 'pipeline',
  seed: 'pipeline',
  input: 'sources',
  sources: 'sources',
  columns: 'roles',
  outputs: 'outputs',
  gates: 'gates',
};
const formats = ['csv', 'tsv', 'json', 'ndjson', 'parquet', 'arrow'] as const;

/** The validator's messages for everything but the steps, by the section of the spec they are in. */
function specProblems(specYaml: string): Record<Section, string[]> {
  const problems: Record<Section, string[]> = { pipeline: [], sources: [], roles: [], outputs: [], gates: [] };
  try {
    parseSpec(specYaml, SPEC_FILE);
  } catch (error) {
    if (!(error instanceof SpecErrors)) return problems;
    const lines = new LineCounter();
    const document = parseDocument(specYaml, { lineCounter: lines });
    const starts = (
      document.contents && 'items' in document.contents ? (document.contents.items as { key: { value?: unknown; range?: [number, number, number] } }[]) : []
    )
      .filter((pair) => pair.key?.range)
      .map((pair) => ({ key: String(pair.key.value), line: lines.linePos(pair.key.range![0]).line }));
    for (const problem of error.errors) {
      if (problem.place.stepId) continue;
      const line = problem.place.line ?? 0;
      const owner = [...starts].reverse().find((start) => start.line <= line);
      const section: Section =
        (owner && sectionOfKey[owner.key]) ?? (problem.place.field ? sectionOfKey[problem.place.field.split('.')[0]!] : undefined) ?? 'pipeline';
      problems[section].push(
        `${problem.place.line ? `line ${problem.place.line}: ` : ''}${problem.place.field ? `${problem.place.field}: ` : ''}${problem.message}`,
      );
    }
  }
  return problems;
}

function Problems({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((message) => (
        <p key={message} className="field-problem" role="alert">
          {message}
        </p>
      ))}
    </>
  );
}

/** A text field whose edits are one undo step while typing. */
function TextField({
  id,
  label,
  value,
  placeholder,
  onChange,
  code,
  invalid,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange(value: string): void;
  code?: boolean;
  invalid?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={code ? 'code' : undefined}
        value={draft ?? value}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(event.target.value);
        }}
        onBlur={() => setDraft(null)}
      />
    </div>
  );
}

const numberOrText = (text: string): number | string | undefined => (text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

function typesToText(types: Record<string, string> | undefined): string {
  return Object.entries(types ?? {})
    .map(([column, type]) => `${column}: ${type}`)
    .join('\n');
}

function textToTypes(text: string): Record<string, string> | undefined {
  const entries = text
    .split('\n')
    .map((line) => /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => Boolean(match))
    .map((match) => [match[1]!, match[2]!] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;

/** The draft with source `from` called `to`, and every reference to it (input, drift baselines) following. */
export function renameSource(draft: SpecDraft, from: string, to: string): SpecDraft {
  const sources = Object.fromEntries(Object.entries(draft.sources).map(([name, source]) => [name === from ? to : name, source]));
  const steps = draft.steps.map((step) => (step.baseline === from ? { ...step, baseline: to } : step));
  return { ...draft, sources, steps, ...(draft.input === from ? { input: to } : {}) };
}

/** Split parts a spec's outputs can name: `split.train` for each part of each split step. */
export function splitParts(draft: SpecDraft): string[] {
  return draft.steps.filter((step) => step.enabled !== false).flatMap((step) => splitPartNames(step).map((part) => `${step.id}.${part}`));
}

/** The split parts no output takes, neither by name (`split.train`) nor with its split's data (`from: split`). */
export function unreachedParts(draft: SpecDraft): string[] {
  const outputs = draft.outputs ?? [];
  return splitParts(draft).filter((part) => !outputs.some((output) => output.from === part || output.from === outputFrom(part).stepId));
}

interface FromChoices {
  parts: { value: string; label: string }[];
  steps: { value: string; label: string }[];
}

/** What an output's "rows from" offers besides every row kept: each split part, and the data right after each step, in the pipeline's order. */
function fromChoices(draft: SpecDraft): FromChoices {
  return {
    parts: splitParts(draft).map((part) => ({ value: part, label: part })),
    steps: draft.steps.filter((step) => step.enabled !== false && typeof step.id === 'string').map((step) => ({ value: step.id, label: `after ${step.id}` })),
  };
}

function SourceEditor({
  name,
  source,
  isInput,
  onlySource,
  problem,
}: {
  name: string;
  source: SourceSpec;
  isInput: boolean;
  onlySource: boolean;
  problem?: boolean;
}) {
  const editSpec = useApp((state) => state.editSpec);
  const [newName, setNewName] = useState(name);
  useEffect(() => setNewName(name), [name]);
  const setSource = (change: (source: SourceSpec) => SourceSpec, group?: string) =>
    editSpec((draft) => ({ ...draft, sources: { ...draft.sources, [name]: withoutUndefined(change(draft.sources[name] ?? source)) } }), group);
  const setOption = (key: string, value: unknown) =>
    setSource((current) => {
      const options = withoutUndefined({ ...(current.options ?? {}), [key]: value });
      return { ...current, options: Object.keys(options).length ? options : undefined };
    }, `source ${name} ${key}`);
  const options = source.options ?? {};
  const validName = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(newName);
  return (
    <fieldset className="source" aria-label={`Source ${name}`}>
      <legend>
        {name}
        {isInput ? <span className="badge">input</span> : null}
      </legend>
      <div className="row">
        <div className={`field${validName ? '' : ' invalid'}`}>
          <label htmlFor={`source-${name}-name`}>name</label>
          <input id={`source-${name}-name`} value={newName} spellCheck={false} onChange={(event) => setNewName(event.target.value)} />
        </div>
        <button
          type="button"
          disabled={!validName || newName === name}
          onClick={() =>
            editSpec((draft) => {
              if (draft.sources[newName]) return draft;
              return renameSource(draft, name, newName);
            })
          }
        >
          Rename
        </button>
      </div>
      <TextField
        id={`source-${name}-uri`}
        label="uri"
        value={source.uri}
        code
        invalid={problem}
        onChange={(uri) => setSource((current) => ({ ...current, uri }), `source ${name} uri`)}
      />
      <div className="row">
        <div className="field">
          <label htmlFor={`source-${name}-format`}>format</label>
          <select
            id={`source-${name}-format`}
            value={source.format ?? ''}
            onChange={(event) => setSource((current) => ({ ...current, format: (event.target.value || undefined) as SourceSpec['format'] }))}
          >
            <option value="">from the extension</option>
            {formats.map((format) => (
              <option key={format}>{format}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`source-${name}-header`}>header</label>
          <select
            id={`source-${name}-header`}
            value={options.header === undefined ? '' : String(options.header)}
            onChange={(event) => setOption('header', event.target.value === '' ? undefined : event.target.value === 'true')}
          >
            <option value="">sniffed</option>
            <option value="true">first line</option>
            <option value="false">none</option>
          </select>
        </div>
        <TextField
          id={`source-${name}-delimiter`}
          label="delimiter"
          value={options.delimiter ?? ''}
          placeholder="sniffed"
          onChange={(value) => setOption('delimiter', value || undefined)}
        />
      </div>
      <TextField
        id={`source-${name}-nulls`}
        label="null values"
        value={(options.null_values ?? []).join(', ')}
        placeholder='e.g. NA, ""'
        onChange={(value) => setOption('null_values', value.trim() ? value.split(',').map((item) => item.trim().replace(/^""$/, '')) : undefined)}
      />
      <div className="field">
        <label htmlFor={`source-${name}-types`}>column types (pinned: values that do not fit are rejected)</label>
        <textarea
          id={`source-${name}-types`}
          rows={Math.max(2, Object.keys(options.types ?? {}).length)}
          placeholder="column: TYPE (one per line)"
          defaultValue={typesToText(options.types)}
          key={typesToText(options.types)}
          spellCheck={false}
          onBlur={(event) => setOption('types', textToTypes(event.target.value))}
        />
      </div>
      <div className="row">
        <label className="inline">
          <input
            type="radio"
            name="input-source"
            checked={isInput}
            onChange={() => editSpec((draft) => ({ ...draft, input: Object.keys(draft.sources)[0] === name && draft.input === undefined ? undefined : name }))}
            aria-label={`Steps run over ${name}`}
          />
          steps run over this source
        </label>
        <span className="spacer" />
        <button
          type="button"
          disabled={onlySource || isInput}
          title={isInput ? 'The input cannot be removed; make another source the input first' : undefined}
          aria-label={`Remove source ${name}`}
          onClick={() =>
            editSpec((draft) => {
              const sources = { ...draft.sources };
              delete sources[name];
              return { ...draft, sources };
            })
          }
        >
          Remove
        </button>
      </div>
    </fieldset>
  );
}

function OutputRows({
  outputs,
  choices,
  counts,
  choiceCounts,
}: {
  outputs: OutputSpec[];
  choices: FromChoices;
  counts: Map<string, number[]> | null;
  choiceCounts: Map<string, number>;
}) {
  const editSpec = useApp((state) => state.editSpec);
  const setOutput = (index: number, change: (output: OutputSpec) => OutputSpec, group?: string) =>
    editSpec(
      (draft) => ({ ...draft, outputs: (draft.outputs ?? []).map((output, position) => (position === index ? withoutUndefined(change(output)) : output)) }),
      group,
    );
  const option = (choice: { value: string; label: string }) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
      {rowsNote(choiceCounts.get(choice.value))}
    </option>
  );
  return (
    <table className="outputs-table">
      <thead>
        <tr>
          <th>name</th>
          <th>format</th>
          <th>shards</th>
          <th>rows</th>
          <th />
        </tr>
      </thead>
      {outputs.map((output, index) => {
        const count = counts?.get(output.name);
        const known = [...choices.parts, ...choices.steps].some((choice) => choice.value === output.from);
        return (
          // Two lines per output: "rows from" gets the panel's width, since a step id can be long.
          <tbody key={index} aria-label={`Output ${output.name}`}>
            <tr>
              <td>
                <input
                  aria-label={`Output ${index + 1} name`}
                  value={output.name}
                  spellCheck={false}
                  onChange={(event) => setOutput(index, (current) => ({ ...current, name: event.target.value }), `output ${index} name`)}
                />
              </td>
              <td>
                <select
                  aria-label={`Output ${output.name} format`}
                  value={output.format ?? ''}
                  onChange={(event) => setOutput(index, (current) => ({ ...current, format: (event.target.value || undefined) as OutputSpec['format'] }))}
                >
                  <option value="">parquet</option>
                  <option value="csv">csv</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={`Output ${output.name} shards`}
                  className="narrow"
                  inputMode="numeric"
                  value={output.shards ?? ''}
                  placeholder="1"
                  onChange={(event) =>
                    setOutput(index, (current) => ({ ...current, shards: numberOrText(event.target.value) as number | undefined }), `output ${index} shards`)
                  }
                />
              </td>
              <td className="numeric" aria-label={`Rows of output ${output.name}`}>
                {count
                  ? `${count[0]!.toLocaleString()}${
                      count.length > 2
                        ? ` (${count
                            .slice(1)
                            .map((n) => n.toLocaleString())
                            .join(' / ')})`
                        : ''
                    }`
                  : '…'}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove output ${output.name}`}
                  onClick={() => editSpec((draft) => ({ ...draft, outputs: (draft.outputs ?? []).filter((_, position) => position !== index) }))}
                >
                  ✕
                </button>
              </td>
            </tr>
            <tr className="output-from">
              <td colSpan={5}>
                <label>
                  rows from
                  <select
                    aria-label={`Output ${output.name} rows from`}
                    value={output.from ?? ''}
                    onChange={(event) => setOutput(index, (current) => ({ ...current, from: event.target.value || undefined }))}
                  >
                    <option value="">every row kept{rowsNote(choiceCounts.get(''))}</option>
                    {output.from !== undefined && !known ? <option value={output.from}>{output.from} (no such step or split part)</option> : null}
                    {choices.parts.length ? <optgroup label="a split part, as it reaches the end">{choices.parts.map(option)}</optgroup> : null}
                    {choices.steps.length ? <optgroup label="the data right after a step">{choices.steps.map(option)}</optgroup> : null}
                  </select>
                </label>
              </td>
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}

const rowsNote = (rows: number | undefined): string => (rows === undefined ? '' : ` · ${rows.toLocaleString()} rows`);

/**
 * Rows each choice of "rows from" would give on the working set: after a step, the live run's
 * rows out of it; a split part, its rows in the final table; every row kept, the kept count.
 */
function useChoiceCounts(engine: BrowserEngine | null, live: LiveRun): Map<string, number> {
  const [parts, setParts] = useState<Map<string, number>>(new Map());
  const result = live.result;
  useEffect(() => {
    const splits = (result?.steps ?? []).filter((step) => step.kind === 'split' && step.status !== 'skipped').map((step) => step.id);
    if (!engine || !result || !splits.length) {
      setParts(new Map());
      return;
    }
    let current = true;
    Promise.all(
      splits.map(async (stepId) => {
        const rows = await engine.query(`SELECT ${ident(splitColumn(stepId))} AS part, count(*) AS n FROM ${result.finalTable} GROUP BY ALL`);
        return rows.map((row) => [`${stepId}.${String(row.part)}`, Number(row.n)] as const);
      }),
    ).then(
      (entries) => current && setParts(new Map(entries.flat())),
      () => current && setParts(new Map()),
    );
    return () => {
      current = false;
    };
  }, [engine, result]);
  return useMemo(() => {
    if (!result) return new Map();
    const steps = result.steps.filter((step) => step.status !== 'skipped').map((step) => [step.id, step.rowsOut] as const);
    return new Map([['', result.rowCounts.kept], ...steps, ...parts]);
  }, [result, parts]);
}

/** Rows each output (and each of its shards) gets on the working set, from the live run's output plans. */
function useOutputCounts(engine: BrowserEngine | null, live: LiveRun): Map<string, number[]> | null {
  const [counts, setCounts] = useState<Map<string, number[]> | null>(null);
  useEffect(() => {
    const plans = live.result?.outputs;
    if (!engine || !plans) {
      setCounts(null);
      return;
    }
    let current = true;
    Promise.all(
      plans.map(async (plan) => {
        const queries = [plan.select, ...(plan.shards > 1 ? Array.from({ length: Math.min(plan.shards, 64) }, (_, index) => plan.shardSelect(index)) : [])];
        const numbers = await Promise.all(queries.map(async (select) => Number((await engine.query(`SELECT count(*) AS n FROM (${select})`))[0]?.n ?? 0)));
        return [plan.name, numbers] as const;
      }),
    ).then(
      (entries) => current && setCounts(new Map(entries)),
      () => current && setCounts(null),
    );
    return () => {
      current = false;
    };
  }, [engine, live.result]);
  return counts;
}

export function SpecPanel({ engine, dataset, live, onClose }: { engine: BrowserEngine | null; dataset: DatasetHandle | null; live: LiveRun; onClose(): void }) {
  const specYaml = useApp((state) => state.document.specYaml);
  const asOf = useApp((state) => state.document.asOf);
  const edit = useApp((state) => state.edit);
  const editSpec = useApp((state) => state.editSpec);
  const draft = useDraft();
  const problems = useMemo(() => specProblems(specYaml), [specYaml]);
  const counts = useOutputCounts(engine, live);
  const choiceCounts = useChoiceCounts(engine, live);
  const parts = splitParts(draft);
  const outputs = draft.outputs ?? [];
  const input = inputName(draft);
  const unreached = unreachedParts(draft);
  const [newSource, setNewSource] = useState({ name: '', uri: '' });
  const gates: Gates = draft.gates ?? {};
  const setGate = (key: keyof Gates, text: string) =>
    editSpec((current) => {
      const next = withoutUndefined({ ...(current.gates ?? {}), [key]: numberOrText(text) });
      return { ...current, gates: Object.keys(next).length ? next : undefined };
    }, `gate ${key}`);

  const section = (title: string, body: ReactNode, messages: string[]) => (
    <section aria-label={title}>
      <h3>{title}</h3>
      {body}
      <Problems messages={messages} />
    </section>
  );
  return (
    <aside className="side-panel spec-panel" aria-label="Pipeline settings">
      <header>
        <h2>Pipeline settings</h2>
        <button type="button" onClick={onClose} aria-label="Close pipeline settings">
          ✕
        </button>
      </header>
      {section(
        'Pipeline',
        <div className="row">
          <TextField
            id="spec-name"
            label="name"
            value={draft.name}
            onChange={(name) => editSpec((current) => ({ ...current, name }), 'name')}
            invalid={problems.pipeline.some((message) => message.includes('name'))}
          />
          <TextField
            id="spec-seed"
            label="seed (splits, samples, shards)"
            value={draft.seed === undefined ? '' : String(draft.seed)}
            placeholder="0"
            onChange={(seed) => editSpec((current) => ({ ...current, seed: numberOrText(seed) as number | undefined }), 'seed')}
            invalid={problems.pipeline.some((message) => message.includes('seed'))}
          />
          <div className="field">
            <label htmlFor="spec-as-of">as of (freshness checks)</label>
            <input id="spec-as-of" type="datetime-local" value={asOf ?? ''} onChange={(event) => edit(() => ({ asOf: event.target.value || null }))} />
          </div>
        </div>,
        problems.pipeline,
      )}
      {section(
        'Sources',
        <>
          {Object.entries(draft.sources).map(([name, source]) => (
            <SourceEditor key={name} name={name} source={source ?? { uri: '' }} isInput={name === input} onlySource={Object.keys(draft.sources).length === 1} />
          ))}
          <form
            className="row add-source"
            onSubmit={(event) => {
              event.preventDefault();
              editSpec((current) =>
                current.sources[newSource.name] ? current : { ...current, sources: { ...current.sources, [newSource.name]: { uri: newSource.uri } } },
              );
              setNewSource({ name: '', uri: '' });
            }}
          >
            <input
              aria-label="New source name"
              placeholder="baseline"
              value={newSource.name}
              onChange={(event) => setNewSource({ ...newSource, name: event.target.value })}
              spellCheck={false}
            />
            <input
              aria-label="New source uri"
              placeholder="path, s3:// or https:// URI"
              value={newSource.uri}
              onChange={(event) => setNewSource({ ...newSource, uri: event.target.value })}
              spellCheck={false}
            />
            <button
              type="submit"
              disabled={!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(newSource.name) || !newSource.uri.trim() || Boolean(draft.sources[newSource.name])}
            >
              Add source
            </button>
          </form>
        </>,
        problems.sources,
      )}
      {section('Column roles', <RolesSummary value={draft.columns} />, problems.roles)}
      {section(
        'Outputs',
        <>
          {outputs.length ? (
            <OutputRows outputs={outputs} choices={fromChoices(draft)} counts={counts} choiceCounts={choiceCounts} />
          ) : (
            <p className="muted">No outputs: a run checks the data and writes only the manifest, rejects and report.</p>
          )}
          {dataset ? (
            <p className="muted">
              {live.sample
                ? `Row counts are on a sample of ${live.sample.rows.toLocaleString()} rows, not the full data.`
                : dataset.workingSet.sampled
                  ? 'Row counts are on the working sample, not the full data.'
                  : 'Row counts are on all rows.'}
            </p>
          ) : null}
          {unreached.length ? (
            <p className="warning" role="status">
              No output takes {unreached.join(', ')}: those rows are not written.
            </p>
          ) : null}
          <div className="row">
            <button
              type="button"
              onClick={() =>
                editSpec((current) => {
                  const taken = new Set((current.outputs ?? []).map((output) => output.name));
                  const part = parts.find((candidate) => !(current.outputs ?? []).some((output) => output.from === candidate));
                  const base = part ? outputFrom(part).part! : 'data';
                  let name = base;
                  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
                  return { ...current, outputs: [...(current.outputs ?? []), withoutUndefined({ name, from: part })] };
                })
              }
            >
              + Add output
            </button>
            {unreached.length > 1 ? (
              <button
                type="button"
                onClick={() =>
                  editSpec((current) => ({
                    ...current,
                    outputs: [
                      ...(current.outputs ?? []),
                      ...unreached
                        .filter((part) => !(current.outputs ?? []).some((output) => output.name === outputFrom(part).part))
                        .map((part) => ({ name: outputFrom(part).part!, from: part })),
                    ],
                  }))
                }
              >
                One output per split part
              </button>
            ) : null}
          </div>
        </>,
        problems.outputs,
      )}
      {section(
        'Gates',
        <div className="row">
          <TextField
            id="gate-max-reject-fraction"
            label="max reject fraction (0–1)"
            value={gates.max_reject_fraction === undefined ? '' : String(gates.max_reject_fraction)}
            placeholder="no limit"
            onChange={(text) => setGate('max_reject_fraction', text)}
          />
          <TextField
            id="gate-min-rows"
            label="min rows kept"
            value={gates.min_rows === undefined ? '' : String(gates.min_rows)}
            placeholder="no limit"
            onChange={(text) => setGate('min_rows', text)}
          />
        </div>,
        problems.gates,
      )}
      {live.result?.gates.length ? (
        <ul className="gate-results" aria-label="Gates on the working set">
          {live.result.gates.map((gate) => (
            <li key={gate.gate} className={gate.passed ? 'passed' : 'failed'}>
              {gate.gate}: observed {gate.gate === 'max_reject_fraction' ? `${(gate.observed * 100).toFixed(2)}%` : gate.observed.toLocaleString()}, limit{' '}
              {gate.gate === 'max_reject_fraction' ? `${(gate.limit * 100).toFixed(2)}%` : gate.limit.toLocaleString()} · {gate.passed ? 'passes' : 'fails'}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
