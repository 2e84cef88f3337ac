/**
 * DuckDB's error text, said for the step it belongs to: which field of the step it is about and
 * one readable line ("no column "delay_min" here (did you mean "delay"?)"), not "Binder Error: …"
 * with a caret under a line of SQL the person never wrote. The runner (`winnow run`, `winnow
 * validate`) and the app both read engine errors through here.
 */
import { WinnowError } from '../errors';
import { didYouMean } from '../spec/did-you-mean';
import type { StepSpec } from '../spec/types';

export interface StepProblem {
  /** The step's field the problem is about, when it can be told; otherwise the step as a whole. */
  field?: string;
  message: string;
}

/** Fields whose value is SQL, in the order a problem is most likely about them. */
const sqlFields = ['expr', 'where', 'predicate', 'query'];
/** Fields naming the columns a step reads, for a problem about the data rather than a value of the spec. */
const columnFields = ['column', 'columns'];

/** DuckDB's names of types in its messages, in the words of a spec. */
const typeWords: Record<string, string> = {
  INTEGER_LITERAL: 'a number',
  DECIMAL_LITERAL: 'a number',
  STRING_LITERAL: 'a text',
  INT8: 'TINYINT',
  INT16: 'SMALLINT',
  INT32: 'INTEGER',
  INT64: 'BIGINT',
  INT128: 'HUGEINT',
};
const word = (type: string) => typeWords[type] ?? type;

/** DuckDB's own errors start with their class: "Binder Error: ", "Conversion Error: ", ... */
const ENGINE_ERROR = /^[A-Za-z ]+ Error: /;

/** Whether `error` is DuckDB's (native or wasm) rather than Winnow's or JavaScript's. */
export function isEngineError(error: unknown): boolean {
  return !(error instanceof WinnowError) && error instanceof Error && ENGINE_ERROR.test(error.message) && !/^INTERRUPT Error/i.test(error.message);
}

function holds(value: unknown, text: string): boolean {
  if (value === text) return true;
  if (Array.isArray(value)) return value.some((item) => String(item) === text);
  if (value && typeof value === 'object') return text in (value as object) || Object.values(value as object).some((inner) => String(inner) === text);
  return typeof value === 'number' && String(value) === text;
}

/** Keys of a step that are not its parameters: a column may share a name with a step kind. */
const NOT_PARAMETERS = ['id', 'check', 'transform', 'on_fail', 'mostly', 'enabled', 'description'];

/** The field of `step` that holds `text` (a column name, a value), else its SQL or column field. */
function fieldNaming(step: StepSpec, text: string | undefined): string | undefined {
  if (text !== undefined) {
    for (const [field, value] of Object.entries(step)) {
      if (!NOT_PARAMETERS.includes(field) && holds(value, text)) return field;
    }
  }
  return [...sqlFields, ...columnFields].find((field) => step[field] !== undefined && (sqlFields.includes(field) ? typeof step[field] === 'string' : true));
}

/** The column a step compares, in words, when it has one. */
function columnOf(step: StepSpec): string {
  return typeof step.column === 'string' ? `column "${step.column}"` : 'the column';
}

/** The problem an engine error says about `step`. */
export function stepProblem(raw: string, step: StepSpec): StepProblem {
  const [first = raw] = raw.split('\n');
  const text = first.replace(/^[A-Za-z ]+Error: /, '').trim();
  let match: RegExpExecArray | null;

  if ((match = /Referenced column "([^"]+)" not found/.exec(text) ?? /Referenced column (\S+) not found/.exec(text))) {
    const candidates = [...(/Candidate bindings: (.+)/.exec(raw)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((candidate) => candidate[1]!.split('.').pop()!);
    return { field: fieldNaming(step, match[1]), message: `no column "${match[1]}" here${didYouMean(match[1]!, candidates)}` };
  }
  if ((match = /Cannot compare values of type (\w+) and (?:type )?(\w+)/.exec(text))) {
    const field = fieldNaming(step, typeof step.column === 'string' ? step.column : undefined);
    const [left, right] = [word(match[1]!), word(match[2]!)];
    if (left === 'VARCHAR' && /number/.test(right)) {
      return {
        field,
        message: `${columnOf(step)} is text (VARCHAR) here, compared with a number: read it as a number (the source's options.types, or a cast step before this one); values with thousands separators, decimal commas or a repeated header row make a column text`,
      };
    }
    return { field, message: `compares ${left} with ${right}: the column's type and the value's differ; cast one of them` };
  }
  if ((match = /(?:Scalar|Aggregate|Table) Function with name "?(\w+)"? does not exist/.exec(text))) {
    const suggestion = /Did you mean "([^"]+)"/.exec(raw)?.[1];
    return { field: fieldNaming(step, undefined), message: `no SQL function "${match[1]}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` };
  }
  if ((match = /syntax error at or near "([^"]*)"/.exec(text)) || /syntax error at end of input/.test(text)) {
    return { field: fieldNaming(step, undefined), message: match ? `SQL syntax error near "${match[1]}"` : 'SQL syntax error: the expression ends too early' };
  }
  if ((match = /Could not convert string '([^']*)' to '?(\w+)'?(?: when casting from source column (\S+))?/.exec(text))) {
    return {
      field: fieldNaming(step, match[3] ?? match[1]),
      message: `the value "${match[1]}" cannot be read as ${word(match[2]!)}${match[3] ? ` (column "${match[3]}")` : ''}`,
    };
  }
  if ((match = /(date|timestamp|time) field value out of range: "([^"]*)"/i.exec(text))) {
    return { field: fieldNaming(step, match[2]), message: `"${match[2]}" is not a valid ${match[1]!.toLowerCase()}` };
  }
  if (typeof step.pattern === 'string' && /regex|regular expression|missing \)|missing \]|invalid (escape|repetition|character class)|trailing \\/i.test(raw)) {
    return { field: 'pattern', message: `not a valid regular expression (RE2 syntax): ${text.replace(/^.*?(missing|invalid|trailing)/i, '$1')}` };
  }
  if ((match = /Type with name (\w+) does not exist/.exec(text))) {
    return { field: fieldNaming(step, match[1]), message: `no type "${match[1]}" (write e.g. INTEGER, DOUBLE, VARCHAR, DATE, TIMESTAMP)` };
  }
  if (/^Permission Error/.test(first)) {
    return {
      field: fieldNaming(step, undefined),
      message: `${text} (Permission Error: once its sources are read, a run reads and writes only under its own folders)`,
    };
  }
  return { field: fieldNaming(step, undefined), message: text || raw };
}

/**
 * `error`, raised while running or binding `step`, as one WinnowError with the spec file, the
 * step and the field: DuckDB's text read by stepProblem, Winnow's own errors given the place
 * they lack. Anything else (a cancel, a bug) is returned unchanged.
 */
export function stepError(error: unknown, step: StepSpec, file: string): unknown {
  if (error instanceof WinnowError) {
    if (error.kind === 'internal' || (error.place.file && error.place.stepId)) return error;
    return new WinnowError(error.message, { file, ...error.place, stepId: error.place.stepId ?? step.id }, error.kind);
  }
  if (!isEngineError(error)) return error;
  const problem = stepProblem((error as Error).message, step);
  return new WinnowError(problem.message, { file, stepId: step.id, field: problem.field }, 'spec');
}
