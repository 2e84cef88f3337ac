/**
 * Errors are values with a place: the file, the line, the step and the field they are about.
 * A person sees them as one line; stacks only with --debug.
 */

export interface Place {
  file?: string;
  line?: number;
  stepId?: string;
  field?: string;
}

/** Why a run stopped: the spec is wrong, an input cannot be read, or an input changed. */
export type ErrorKind = 'spec' | 'input' | 'snapshot' | 'internal';

export class WinnowError extends Error {
  constructor(
    message: string,
    readonly place: Place = {},
    readonly kind: ErrorKind = 'spec',
  ) {
    super(message);
    this.name = 'WinnowError';
  }

  /** `file:line: step "id", field "x": message` with the parts that are known. */
  oneLine(): string {
    // A message that already starts with its file (as input errors do) does not repeat it.
    const repeatsFile = this.place.file !== undefined && this.message.startsWith(this.place.file);
    return formatPlace(repeatsFile ? { ...this.place, file: undefined } : this.place) + this.message;
  }
}

export function formatPlace({ file, line, stepId, field }: Place): string {
  const where = [file && (line ? `${file}:${line}` : file), stepId && `step "${stepId}"`, field && `field "${field}"`].filter(Boolean).join(', ');
  return where ? `${where}: ` : '';
}

/** Exit codes of the CLI, as documented in `winnow run --help`. */
export const exitCodeOf: Record<ErrorKind, number> = { spec: 2, input: 2, snapshot: 3, internal: 2 };
