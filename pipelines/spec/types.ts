/**
 * Spec v1: the pipeline as data. spec/schema.ts describes the same shapes as JSON Schema, written
 * there by hand (each step kind's parameters come from its definition in the registry): a change
 * here needs the same change there. pipelines/spec/winnow-spec.schema.json is generated from
 * schema.ts (`winnow schema --write`), and a test keeps the committed file current.
 */
import type { Format } from '../engine/engine';

/** Reader options for a source. Names follow DuckDB's read_csv where they overlap. */
export interface SourceOptions {
  /** Field separator for CSV/TSV; default: sniffed (TSV: tab). */
  delimiter?: string;
  /** Whether the first line names the columns; default: sniffed. */
  header?: boolean;
  /** Quote character; default '"'. */
  quote?: string;
  /** Escape character; default: same as quote. */
  escape?: string;
  /** Strings read as NULL, e.g. ["", "NA"]. */
  null_values?: string[];
  /** Declared column types, e.g. { delay: INTEGER }; values that do not fit are rejected. */
  types?: Record<string, string>;
  /** Every column read as VARCHAR (no type sniffing). */
  all_varchar?: boolean;
  /** Rows the CSV sniffer looks at; -1 for the whole file. */
  sample_size?: number;
  /** strftime format for DATE columns. */
  dateformat?: string;
  /** strftime format for TIMESTAMP columns. */
  timestampformat?: string;
  /** Hive partition folders (key=value) become columns; default true for folders. */
  hive_partitioning?: boolean;
}

/**
 * How to reach an s3:// source. Each setting falls back to the AWS environment (AWS_ENDPOINT_URL_S3,
 * AWS_ENDPOINT_URL, AWS_REGION, AWS_PROFILE). Credentials are never part of a spec.
 *
 * @example
 * { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' }
 */
export interface S3SourceAccess {
  /** An S3-compatible endpoint; on an IP address or localhost, requests are path-style. */
  endpoint?: string;
  region?: string;
  /** Unsigned requests, for public buckets. */
  anonymous?: boolean;
  /** A profile of the shared AWS config and credentials files. */
  profile?: string;
}

export interface SourceSpec {
  /** A file, a folder, a glob, an http(s):// URL or an s3:// URI; relative paths are relative to the spec file. */
  uri: string;
  /** Inferred from the extension when omitted. */
  format?: Format;
  options?: SourceOptions;
  /** For s3:// sources: endpoint, region, anonymous access, profile. */
  s3?: S3SourceAccess;
}

/** What happens when a check does not hold. */
export type OnFail = 'warn' | 'reject' | 'fail';

/** A step as written in the spec: `{id, check|transform, ...params}`. */
export interface StepSpec {
  id: string;
  check?: string;
  transform?: string;
  /** Checks only; default 'fail'. */
  on_fail?: OnFail;
  /** Checks only: the minimum fraction of (non-null) values that must pass; default 1.0. */
  mostly?: number;
  /** A disabled step is kept in the spec but not run. */
  enabled?: boolean;
  /** A note for people reading the spec. */
  description?: string;
  [param: string]: unknown;
}

export interface OutputSpec {
  name: string;
  /**
   * Which data the output takes: a step id for the rows and columns as they are right after that
   * step (`dedupe`), or `<split step id>.<part>` for the rows of that part that reach the end
   * (`split.train`); omitted, every row that reached the end. See outputFrom.
   */
  from?: string;
  /** Default parquet. */
  format?: 'parquet' | 'csv';
  /** Number of files, assigned by the seeded row hash; default 1. */
  shards?: number;
}

export interface Gates {
  /** The run fails when rejected / read exceeds this. */
  max_reject_fraction?: number;
  /** The run fails when fewer rows than this are kept. */
  min_rows?: number;
}

/** A class label as a score's positive class: as it is written in the label column. */
export type ClassValue = string | number | boolean;

/**
 * Which score column holds which class's probability: one column and the class it is for, or one
 * column per class (class -> column; a class may not be called `column` or `positive`).
 *
 * @example
 * { column: p_sick, positive: 1 }
 * { cat: p_cat, dog: p_dog }
 */
export type ScoreRole = { column: string; positive: ClassValue } | Record<string, string>;

/**
 * What each column is, said once for every view and check (Evidently's column mapping). A column
 * has at most one role besides `features` (`text` columns may also be features).
 *
 * @example
 * columns: { id: patient_id, timestamp: seen_at, label: sick, score: { column: p_sick, positive: 1 }, ignore: [notes] }
 */
export interface ColumnRoles {
  /** The row's identifier (one column or several); never tested for drift. */
  id?: string | string[];
  /** When the row happened; never tested for drift. */
  timestamp?: string;
  /** The ground truth (target). */
  label?: string;
  /** A model's predicted class. */
  prediction?: string;
  /** A model's score(s), with the class each is the probability of. */
  score?: ScoreRole;
  /** Who labelled the row, and which item it labels, for agreement. */
  annotator?: string;
  item?: string;
  /** Free text, for near-duplicates. */
  text?: string;
  /** The model's inputs; default: every column without another role. */
  features?: string[];
  /** Columns no statistic looks at. */
  ignore?: string[];
}

export interface Spec {
  version: 1;
  name: string;
  seed: number;
  /** The source the steps run over; default: the first source. */
  input?: string;
  sources: Record<string, SourceSpec>;
  /** What each column of the input is; see ColumnRoles. */
  columns?: ColumnRoles;
  steps: StepSpec[];
  outputs: OutputSpec[];
  gates?: Gates;
}
