/**
 * A step's parameters as a form, built from the step kind's JSON Schema: column pickers that
 * know column types, lists, numbers, choices and maps; every field labelled, and the spec
 * validator's message for a field shown under it.
 */
import { useState } from 'react';
import type { StepSpec } from '../../pipelines/spec/types';
import type { Column } from '../../pipelines/table/column';
import { fieldShown } from './catalog';

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  items?: PropertySchema;
  oneOf?: PropertySchema[];
  description?: string;
  additionalProperties?: PropertySchema | boolean;
}

export interface FieldProps {
  stepId: string;
  name: string;
  schema: PropertySchema;
  value: unknown;
  columns: readonly Column[];
  required: boolean;
  problem?: string;
  onChange(value: unknown): void;
}

// Parameters that name an existing column use columnParam, whose description starts so.
const isColumn = (schema: PropertySchema | undefined) => schema?.type === 'string' && (schema.description ?? '').startsWith('A column name');
const isColumnList = (schema: PropertySchema) =>
  (schema.type === 'array' && isColumn(schema.items)) || Boolean(schema.oneOf?.some((option) => option.type === 'array' && isColumn(option.items)));

function parseScalar(text: string, types: string[]): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if ((types.includes('number') || types.includes('integer')) && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (types.includes('boolean') && /^(true|false)$/.test(trimmed)) return trimmed === 'true';
  if (types.includes('null') && trimmed === 'null') return null;
  return trimmed;
}

/** `key: value` per line, for maps such as schema columns, renames and split fractions. */
function mapToText(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key}: ${inner === null ? 'null' : String(inner)}`)
    .join('\n');
}

function textToMap(text: string, valueTypes: string[]): Record<string, unknown> | undefined {
  const entries = text
    .split('\n')
    .map((line) => /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => Boolean(match))
    .map((match) => [match[1]!, parseScalar(match[2]!, valueTypes) ?? ''] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function typesOf(schema: PropertySchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

export function Field({ stepId, name, schema, value, columns, required, problem, onChange }: FieldProps) {
  const id = `${stepId}-${name}`;
  const label = (
    <label htmlFor={id} title={schema.description}>
      {name}
      {required ? <span aria-hidden="true"> *</span> : null}
    </label>
  );
  const [draft, setDraft] = useState<string | null>(null);
  let control;
  if (isColumnList(schema)) {
    const selected = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
    control = (
      <select
        id={id}
        multiple
        value={selected}
        size={Math.min(6, Math.max(3, columns.length))}
        aria-label={`${stepId} ${name}`}
        onChange={(event) => onChange(Array.from(event.target.selectedOptions, (option) => option.value))}
      >
        {columns.map((column) => (
          <option key={column.name} value={column.name}>
            {column.name} · {column.type}
          </option>
        ))}
      </select>
    );
  } else if (isColumn(schema)) {
    control = (
      <select
        id={id}
        value={typeof value === 'string' ? value : ''}
        aria-label={`${stepId} ${name}`}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">—</option>
        {columns.map((column) => (
          <option key={column.name} value={column.name}>
            {column.name} · {column.type}
          </option>
        ))}
        {typeof value === 'string' && value && !columns.some((column) => column.name === value) ? (
          <option value={value}>{value} (not in the data)</option>
        ) : null}
      </select>
    );
  } else if (schema.enum) {
    control = (
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        aria-label={`${stepId} ${name}`}
        onChange={(event) => onChange(event.target.value === '' ? undefined : schema.enum!.find((option) => String(option) === event.target.value))}
      >
        <option value="">{required ? '—' : '(default)'}</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'boolean') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-label={`${stepId} ${name}`}
        onChange={(event) => onChange(event.target.checked || undefined)}
      />
    );
  } else if (schema.type === 'object') {
    const valueTypes = typeof schema.additionalProperties === 'object' ? typesOf(schema.additionalProperties) : ['string'];
    control = (
      <textarea
        id={id}
        aria-label={`${stepId} ${name}`}
        rows={Math.max(2, mapToText(value).split('\n').length)}
        placeholder="name: value (one per line)"
        value={draft ?? mapToText(value)}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(textToMap(event.target.value, valueTypes));
        }}
        onBlur={() => setDraft(null)}
        spellCheck={false}
      />
    );
  } else if (schema.type === 'array') {
    const itemTypes = schema.items ? typesOf(schema.items) : ['string'];
    control = (
      <input
        id={id}
        aria-label={`${stepId} ${name}`}
        placeholder="a, b, c"
        value={draft ?? (Array.isArray(value) ? value.join(', ') : '')}
        onChange={(event) => {
          setDraft(event.target.value);
          const items = event.target.value
            .split(',')
            .map((item) => parseScalar(item, itemTypes))
            .filter((item) => item !== undefined);
          onChange(items.length ? items : undefined);
        }}
        onBlur={() => setDraft(null)}
        spellCheck={false}
      />
    );
  } else {
    const types = typesOf(schema);
    control = (
      <input
        id={id}
        aria-label={`${stepId} ${name}`}
        inputMode={types.length === 1 && (types[0] === 'number' || types[0] === 'integer') ? 'decimal' : undefined}
        className={name === 'expr' || name === 'where' || name === 'predicate' || name === 'pattern' ? 'code' : undefined}
        value={draft ?? (value === undefined || value === null ? '' : String(value))}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(parseScalar(event.target.value, types.length ? types : ['string']));
        }}
        onBlur={() => setDraft(null)}
        spellCheck={false}
      />
    );
  }
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      {label}
      {control}
      {problem ? (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** The step's own keys (besides id and kind) as fields, in the schema's order. */
export function ParamForm({
  step,
  properties,
  required,
  columns,
  problems,
  onChange,
}: {
  step: StepSpec;
  properties: Record<string, PropertySchema>;
  required: readonly string[];
  columns: readonly Column[];
  problems: Record<string, string>;
  onChange(step: StepSpec, field: string): void;
}) {
  return (
    <div className="param-form">
      {Object.entries(properties)
        .filter(([name]) => fieldShown(step, name))
        .map(([name, schema]) => (
          <Field
            key={name}
            stepId={step.id}
            name={name}
            schema={schema}
            value={step[name]}
            columns={columns}
            required={required.includes(name)}
            problem={problems[name]}
            onChange={(value) => {
              const next: StepSpec = { ...step };
              if (value === undefined) delete next[name];
              else next[name] = value;
              onChange(next, name);
            }}
          />
        ))}
    </div>
  );
}
