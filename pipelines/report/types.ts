/**
 * What the HTML report is written from: the manifest, plus what only the engine could still tell
 * at the end of the run (the kept data's profile, the distributions behind each drift check,
 * a few rejected rows). Plain data, so a report can be rendered again without the engine.
 */
import type { Manifest } from '../manifest/manifest';
import type { OnFail } from '../spec/types';
import type { Profile } from '../stats/profile/types';

/** Counts of one side per bin or category, with the side's total (the denominator of shares). */
export interface SideCounts {
  counts: number[];
  total: number;
}

/**
 * Both sides of a numeric column on shared equal-width bins: bin i is [edges[i], edges[i + 1]),
 * the last bin closed. Totals count every value, drawn or not.
 */
export interface BinnedSides {
  edges: number[];
  baseline: SideCounts;
  current: SideCounts;
  /** Values below the first edge and above the last, per side, when long tails were cut off the chart. */
  below: { baseline: number; current: number };
  above: { baseline: number; current: number };
  /** Edges are epoch seconds of a DATE or TIMESTAMP column. */
  temporal: boolean;
}

/** Both sides of a categorical column: the most frequent categories, then how many values are in the rest. */
export interface CategorySides {
  categories: string[];
  baseline: SideCounts;
  current: SideCounts;
  /** Values in neither listed category, per side. */
  otherBaseline: number;
  otherCurrent: number;
}

export interface DriftColumnView {
  column: string;
  /** Whether the check judged this column drifted; null when the check does not say. */
  drifted: boolean | null;
  numeric?: BinnedSides;
  categorical?: CategorySides;
  /** Why there is no chart, or how to read it. */
  note?: string;
}

/** A drift or drift_share step, with what its charts need. */
export interface DriftView {
  stepId: string;
  kind: 'drift' | 'drift_share';
  /** The source compared against. */
  baseline: string;
  columns: DriftColumnView[];
  /** Notes on the step's charts as a whole (for example: what the current side is). */
  notes: string[];
}

/** A few rows of the rejects for one reason. */
export interface RejectExample {
  reason: string;
  file: string | null;
  line: number | null;
  row: number | null;
  field: string | null;
  detail: string;
  raw: string | null;
}

/** What the spec says of a step that the manifest does not keep. */
export interface StepNotes {
  description?: string;
  onFail?: OnFail;
  mostly?: number;
}

export interface ReportInput {
  manifest: Manifest;
  /** By step id. */
  stepNotes?: Record<string, StepNotes>;
  /** Each step's time in milliseconds, by step id. */
  durations?: Record<string, number>;
  /** The kept rows' profile; null when nothing was kept. */
  profile?: Profile | null;
  /** Set when the profile was computed on a deterministic sample of the kept rows. */
  profileSample?: { rows: number; of: number } | null;
  drift?: DriftView[];
  rejectExamples?: RejectExample[];
}
