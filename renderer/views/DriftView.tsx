/**
 * Drift: the open dataset (current) against a baseline, which is another file (opened through
 * the host and attached beside the working set) or a split of the same data (rows where a column
 * has one value against rows where it has another). A table of every column, most drifted first,
 * with method, statistic, p-value, threshold, verdict and a sparkline of both distributions;
 * a column's detail shows its distributions and turns into a drift step with one click.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { driftExclusions } from './role-defaults';
import { useViewSetting } from './view-settings';
import { byDriftScore, isTestMethod } from '../../pipelines/stats/drift/drift';
import type { ColumnDrift, DriftMethod, Relation } from '../../pipelines/stats/drift/types';
import type { SideLabels } from '../charts/drift-charts';
import { sparkline } from '../charts/drift-charts';
import { formatPValue, formatValue } from '../charts/format';
import { driftSummary, rowsBasis, type SideRows } from './drift-summary';
import { sourceName } from './check-steps';
import { DriftDetail, METHOD_NAMES, thresholdText } from './DriftDetail';
import { splitRelations, splitValues, type SplitValue } from './split-relations';
import { useColumnDistributions, useDriftComparison, useSparklines, type Sparkline } from './use-drift';
import { Field, PlotFigure, problemText, SampleNote, sortedBy, SortHeader, useSort, type ViewDataset, type ViewProps, ViewStatus } from './view-parts';
import { useLiveEffect } from '../components/use-live-effect';

/** A baseline opened from a file; `source` names it in the spec (default: from its label). */
export type OpenedBaseline = ViewDataset & { source?: string };

export interface DriftViewProps extends ViewProps {
  /** Opens `uri` through the host and attaches it beside the working set. */
  openBaseline(uri: string): Promise<OpenedBaseline>;
}

const SHORT_METHOD_NAMES: Record<DriftMethod, string> = { ks: 'KS', chi2: 'χ²', wasserstein: 'Wasserstein', psi: 'PSI', js: 'JS', linf: 'L∞' };

type SortKey = 'score' | 'column' | 'kind' | 'method' | 'statistic' | 'pValue' | 'verdict';

/** The value split that marks the baseline and the current side. */
interface Split {
  column: string;
  baseline: string | null;
  current: string | null;
}

const valueKey = (value: string | null) => (value === null ? '\u0000null' : `=${value}`);
const valueOf = (key: string) => (key === '\u0000null' ? null : key.slice(1));
const valueText = (value: string | null) => (value === null ? '(missing)' : value);

function SparklineCell({ line, column }: { line: Sparkline | undefined; column: string }) {
  const build = useCallback(
    () => sparkline(line!.baseline, line!.current, { kind: line!.kind, ariaLabel: `Distributions of ${column}: baseline and current` }),
    [line, column],
  );
  if (!line) return <span className="muted">…</span>;
  return <PlotFigure build={build} label={`Distributions of ${column}`} className="sparkline" />;
}

function DriftTable({
  columns,
  sparklines,
  selected,
  onSelect,
}: {
  columns: readonly ColumnDrift[];
  sparklines: Map<string, Sparkline>;
  selected: string | null;
  onSelect(column: string): void;
}) {
  const [sort, toggle] = useSort<SortKey>({ key: 'score', descending: true }, ['score', 'statistic', 'verdict']);
  const rows = useMemo(() => {
    if (sort.key === 'score') {
      const ranked = byDriftScore(columns);
      return sort.descending ? ranked : ranked.reverse();
    }
    const value = (drift: ColumnDrift) =>
      ({
        column: drift.column,
        kind: drift.type,
        method: METHOD_NAMES[drift.method],
        statistic: drift.statistic,
        pValue: drift.pValue,
        verdict: drift.drifted ? 1 : 0,
      })[sort.key as Exclude<SortKey, 'score'>];
    return sortedBy(columns, value, sort.descending);
  }, [columns, sort]);
  const header = (label: string, key: SortKey, numeric = false, title?: string) => (
    <SortHeader label={label} sortKey={key} sort={sort} onSort={toggle} numeric={numeric} title={title} />
  );
  return (
    <table className="view-table" aria-label="Drift by column">
      <thead>
        <tr>
          {header('Column', 'column')}
          {header('Kind', 'kind')}
          {header('Method', 'method')}
          {header('Statistic', 'statistic', true)}
          {header('p-value', 'pValue', true)}
          <th scope="col" className="numeric">
            Drifts when
          </th>
          {header('Drift score', 'score', true, 'Sort by drift score: how far past its threshold a column is (above 1 is drift), drifted columns first')}
          {header('Verdict', 'verdict')}
          <th scope="col">
            <span className="legend-baseline">baseline</span> / <span className="legend-current">current</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((drift) => (
          <tr
            key={drift.column}
            className={`${drift.column === selected ? 'selected' : ''}${drift.drifted ? ' drifted' : ''}`}
            aria-current={drift.column === selected ? 'true' : undefined}
          >
            <th scope="row">
              <button type="button" className="link" onClick={() => onSelect(drift.column)} aria-label={`Show drift of ${drift.column}`}>
                {drift.column}
              </button>
            </th>
            <td className="muted">{drift.type}</td>
            <td title={METHOD_NAMES[drift.method]}>{SHORT_METHOD_NAMES[drift.method]}</td>
            <td className="numeric">{formatValue(drift.statistic)}</td>
            <td className="numeric">{isTestMethod(drift.method) ? formatPValue(drift.pValue) : '—'}</td>
            <td className="numeric muted">{thresholdText(drift)}</td>
            <td className="numeric">{drift.score === null ? '—' : formatValue(drift.score)}</td>
            <td>
              <span className={`verdict ${drift.drifted ? 'drifted' : 'stable'}`}>{drift.drifted ? '▲ drifted' : 'no drift'}</span>
            </td>
            <td>
              <SparklineCell line={sparklines.get(drift.column)} column={drift.column} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DriftView({ engine, current, onAddStep, openBaseline, sampled, takenStepIds, roles }: DriftViewProps) {
  const [mode, setMode] = useViewSetting<'file' | 'split'>('drift', 'mode', 'file');
  const [path, setPath] = useViewSetting('drift', 'baselinePath', '');
  const [opened, setOpened] = useState<OpenedBaseline | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<string | null>(null);

  const [splitColumn, setSplitColumn] = useViewSetting('drift', 'splitColumn', '');
  const [values, setValues] = useState<SplitValue[]>([]);
  const [split, setSplit] = useState<Split | null>(null);
  const [splitSides, setSplitSides] = useState<{ baseline: Relation; current: Relation } | null>(null);
  const [splitError, setSplitError] = useState<string | null>(null);

  const [selected, setSelected] = useState<string | null>(null);
  // The current data as a relation, stable while its table and columns are (the props object may not be).
  const currentRelation = useMemo<Relation>(() => ({ table: current.table, columns: current.columns }), [current.table, current.columns]);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const uri = path.trim();
    if (!uri) return;
    setOpening(true);
    setOpenError(null);
    openBaseline(uri).then(
      (baseline) => {
        setOpened(baseline);
        setOpening(false);
      },
      (failure) => {
        setOpenError(problemText(failure));
        setOpening(false);
      },
    );
  };

  // Another dataset opened: its columns may differ, so the split starts over.
  // Another dataset opened: a split column it does not have is cleared (a saved one it has stays).
  useEffect(() => {
    if (splitColumn && !current.columns.some((column) => column.name === splitColumn)) setSplitColumn('');
    // Only a change of dataset clears; the setting itself is not a dependency.
  }, [current.columns]);

  // The split column's values, most frequent first; the two most frequent are the default sides.
  useLiveEffect(
    (live) => {
      setValues([]);
      setSplit(null);
      if (mode !== 'split' || !splitColumn) return;
      splitValues(engine, current.table, splitColumn).then(
        (found) => {
          if (!live()) return;
          setValues(found);
          if (found.length >= 2) setSplit({ column: splitColumn, baseline: found[0]!.value, current: found[1]!.value });
        },
        (failure) => live() && setSplitError(problemText(failure)),
      );
    },
    [engine, current.table, mode, splitColumn],
  );

  useLiveEffect(
    (live) => {
      setSplitSides(null);
      setSplitError(null);
      if (mode !== 'split' || !split) return;
      if (split.baseline === split.current) {
        setSplitError('Choose two different values: each side is the rows with one of them.');
        return;
      }
      splitRelations(engine, currentRelation, split.column, split.baseline, split.current).then(
        (sides) => live() && setSplitSides(sides),
        (failure) => live() && setSplitError(problemText(failure)),
      );
    },
    [engine, currentRelation, mode, split],
  );

  const sides = mode === 'file' ? (opened ? { baseline: opened as Relation, current: currentRelation } : null) : splitSides;
  const labels = useMemo<SideLabels>(
    () =>
      mode === 'file'
        ? { baseline: opened?.label ?? 'baseline', current: current.label }
        : {
            baseline: `${split?.column ?? ''} = ${valueText(split?.baseline ?? null)}`,
            current: `${split?.column ?? ''} = ${valueText(split?.current ?? null)}`,
          },
    [mode, opened, current.label, split],
  );
  const baselineSource = mode === 'file' && opened ? (opened.source ?? sourceName(opened.label)) : null;

  // Ids, timestamps and ignored columns differ between datasets by design: as in drift_share, never compared.
  const rolesKey = JSON.stringify(roles ?? null);
  const excluded = useMemo(() => driftExclusions(roles), [rolesKey]);
  const comparison = useDriftComparison(engine, sides?.baseline ?? null, sides?.current ?? null, excluded);
  const sparklines = useSparklines(engine, sides?.baseline ?? null, sides?.current ?? null, comparison.columns, !comparison.running);
  useEffect(() => setSelected(null), [sides?.baseline, sides?.current]);
  const selectedDrift = comparison.columns.find((column) => column.column === selected) ?? null;
  const distributions = useColumnDistributions(engine, sides?.baseline ?? null, sides?.current ?? null, selectedDrift);
  const temporal = /DATE|TIMESTAMP/i.test(current.columns.find((column) => column.name === selected)?.type ?? '');

  const drifted = comparison.columns.filter((column) => column.drifted).length;
  const compared = comparison.columns.length;

  // The rows each side holds, so the tab says what its numbers are computed on.
  const [sideRows, setSideRows] = useState<SideRows>({ baseline: null, current: null });
  useLiveEffect(
    (live) => {
      setSideRows({ baseline: null, current: null });
      if (!sides) return;
      const count = (relation: Relation) => engine.query(`SELECT count(*) AS n FROM ${relation.table}`).then((found) => Number(found[0]?.n ?? 0));
      Promise.all([count(sides.baseline), count(sides.current)]).then(
        ([baseline, current]) => live() && setSideRows({ baseline, current }),
        () => undefined,
      );
    },
    [engine, sides?.baseline, sides?.current],
  );

  return (
    <section className="analysis-view drift-view" aria-label="Drift">
      <header className="view-head">
        <h2>Drift</h2>
        <p className="muted">
          Current: <strong>{current.label}</strong>. Baseline:{' '}
          {mode === 'file' ? opened ? <strong>{opened.label}</strong> : 'open one below' : split ? <strong>{labels.baseline}</strong> : 'choose a split below'}.
        </p>
      </header>
      <div className="view-controls">
        <fieldset className="choice">
          <legend>Baseline</legend>
          <label>
            <input type="radio" name="drift-baseline" checked={mode === 'file'} onChange={() => setMode('file')} /> Another file
          </label>
          <label>
            <input type="radio" name="drift-baseline" checked={mode === 'split'} onChange={() => setMode('split')} /> A split of this data
          </label>
        </fieldset>
        {mode === 'file' ? (
          <form className="view-form" onSubmit={open}>
            <Field label="Baseline path or URL" className="grow">
              <input value={path} onChange={(event) => setPath(event.target.value)} placeholder="/data/last-month.parquet" spellCheck={false} />
            </Field>
            <button type="submit" disabled={!path.trim() || opening}>
              {opening ? 'Opening…' : 'Open baseline'}
            </button>
          </form>
        ) : (
          <div className="view-form">
            <Field label="Split column">
              <select value={splitColumn} onChange={(event) => setSplitColumn(event.target.value)}>
                <option value="">Choose…</option>
                {current.columns.map((column) => (
                  <option key={column.name} value={column.name}>
                    {column.name}
                  </option>
                ))}
              </select>
            </Field>
            {split ? (
              <>
                <Field label="Baseline value">
                  <select value={valueKey(split.baseline)} onChange={(event) => setSplit({ ...split, baseline: valueOf(event.target.value) })}>
                    {values.map((entry) => (
                      <option key={valueKey(entry.value)} value={valueKey(entry.value)}>
                        {valueText(entry.value)} ({entry.rows.toLocaleString('en-US')})
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Current value">
                  <select value={valueKey(split.current)} onChange={(event) => setSplit({ ...split, current: valueOf(event.target.value) })}>
                    {values.map((entry) => (
                      <option key={valueKey(entry.value)} value={valueKey(entry.value)}>
                        {valueText(entry.value)} ({entry.rows.toLocaleString('en-US')})
                      </option>
                    ))}
                  </select>
                </Field>
              </>
            ) : splitColumn && values.length === 1 ? (
              <span className="muted">“{splitColumn}” has one value: nothing to compare.</span>
            ) : null}
          </div>
        )}
      </div>
      <SampleNote sampled={sampled} />
      <ViewStatus loading={opening} error={mode === 'file' ? openError : splitError}>
        Opening the baseline…
      </ViewStatus>
      {sides ? (
        <>
          <div className="view-summary" role="status" aria-label="Drift summary">
            {comparison.running ? (
              <>
                <progress value={comparison.done} max={Math.max(1, comparison.total)} aria-label="Columns compared" />
                <span>
                  Compared {comparison.done} of {comparison.total} columns…
                </span>
                <button type="button" onClick={comparison.stop}>
                  Stop
                </button>
              </>
            ) : (
              <span>{driftSummary({ drifted, compared, skipped: comparison.skipped, stopped: { done: comparison.done, total: comparison.total } })}</span>
            )}
          </div>
          <p className="view-note" aria-label="Rows compared">
            {rowsBasis(sideRows, labels, baselineSource !== null)}
          </p>
          <ViewStatus loading={false} error={comparison.error} />
          <div className="view-columns">
            <div className="view-main">
              {compared > 0 ? <DriftTable columns={comparison.columns} sparklines={sparklines} selected={selected} onSelect={setSelected} /> : null}
            </div>
            <div className="view-side">
              {selectedDrift ? (
                <DriftDetail
                  drift={selectedDrift}
                  distributions={distributions}
                  labels={labels}
                  temporal={temporal}
                  baselineSource={baselineSource}
                  takenStepIds={takenStepIds}
                  onRecompare={(method, threshold) => comparison.recompare(selectedDrift.column, { method, threshold })}
                  onAddStep={onAddStep}
                />
              ) : compared > 0 ? (
                <p className="view-hint">Choose a column to see both distributions, its ECDFs and the check it would make.</p>
              ) : null}
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
