/**
 * DuckDB's error text, said for the cell it belongs to: which field of the step it is about and
 * one readable line ("no column "delay_min" (did you mean "delay"?)"), not "Binder Error: …"
 * with a caret under a line of SQL the person never wrote.
 */
import { didYouMean } from '../../pipelines/spec/did-you-mean';
import type { StepSpec } from '../../pipelines/spec/types';

export interface StepProblem {
  /** The step's field the problem is about, when it can be told; otherwise the step as a whole. */
  field?: string;
  message: string;
}

/** Fields whose value is SQL, in the order a problem is most likely about them. */
const sqlFields = ['expr', 'where', 'predicate', 'query'];

const typeWords: Record<string, string> = { INTEGER_LITERAL: 'a number', DECIMAL_LITERAL: 'a number', STRING_LITERAL: 'a text', INT32: 'INTEGER', INT64: 'BIGINT' };
const word = (type: string) => typeWords[type] ?? type;

function fieldNaming(step: StepSpec, column: string | undefined): string | undefined {
  if (column !== undefined) {
    for (const [field, value] of Object.entries(step)) {
      if (value === column || (Array.isArray(value) && value.includes(column)) || (value && typeof value === 'object' && column in (value as object))) return field;
    }
  }
  return sqlFields.find((field) => typeof step[field] === 'string');
}

/** The problem an engine error says about `step`. */
export function stepProblem(raw: string, step: StepSpec): StepProblem {
  const [first = raw] = raw.split('\n');
  const text = first.replace(/^[A-Za-z ]+Error: /, '').trim();
  let match: RegExpExecArray | null;

  if ((match = /Referenced column "([^"]+)" not found/.exec(text))) {
    const candidates = [...(/Candidate bindings: (.+)/.exec(raw)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((candidate) => candidate[1]!.split('.').pop()!);
    return { field: fieldNaming(step, match[1]), message: `no column "${match[1]}" here${didYouMean(match[1]!, candidates)}` };
  }
  if ((match = /Cannot compare values of type (\w+) and (?:type )?(\w+)/.exec(text))) {
    return { field: fieldNaming(step, typeof step.column === 'string' ? step.column : undefined), message: `compares ${word(match[1]!)} with ${word(match[2]!)}: the column's type and the value's differ; cast one of them` };
  }
  if ((match = /(?:Scalar|Aggregate|Table) Function with name "?(\w+)"? does not exist/.exec(text))) {
    const suggestion = /Did you mean "([^"]+)"/.exec(raw)?.[1];
    return { field: fieldNaming(step, undefined), message: `no SQL function "${match[1]}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` };
  }
  if ((match = /syntax error at or near "([^"]*)"/.exec(text)) || /syntax error at end of input/.test(text)) {
    return { field: fieldNaming(step, undefined), message: match ? `SQL syntax error near "${match[1]}"` : 'SQL syntax error: the expression ends too early' };
  }
  if ((match = /Could not convert string '([^']*)' to '?(\w+)'?/.exec(text))) {
    return { field: fieldNaming(step, undefined), message: `the value "${match[1]}" cannot be read as ${word(match[2]!)}` };
  }
  if (typeof step.pattern === 'string' && /regex|regular expression|missing \)|missing \]|invalid (escape|repetition|character class)|trailing \\/i.test(raw)) {
    return { field: 'pattern', message: `not a valid regular expression (RE2 syntax): ${text.replace(/^.*?(missing|invalid|trailing)/i, '$1')}` };
  }
  if ((match = /Type with name (\w+) does not exist/.exec(text))) {
    return { field: fieldNaming(step, undefined), message: `no type "${match[1]}" (write e.g. INTEGER, DOUBLE, VARCHAR, DATE, TIMESTAMP)` };
  }
  return { field: fieldNaming(step, undefined), message: text || raw };
}
