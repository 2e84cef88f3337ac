/**
 * What the HTML report is written from: the manifest, plus what only the engine could still tell
 * at the end of the run (the kept data's profile, the distributions behind each drift check,
 * a few rejected rows). Plain data, so a report can be rendered again without the engine.
 */
import type { CategoryShares, Histograms } from '../charts/drift-distributions';
import type { Manifest } from '../manifest/manifest';
import type { OnFail } from '../spec/types';
import type { Profile } from '../stats/profile/types';

/**
 * Both sides of a numeric column on shared bins, as the app's Drift tab computes them
 * (pipelines/charts/drift-distributions.ts): every value is in a bin, long tails folded into
 * open outer bins.
 */
export interface BinnedSides extends Histograms {
  /** Bin edges are epoch seconds of a DATE or TIMESTAMP column. */
  temporal: boolean;
}

/** Both sides of a categorical column: the categories with the largest shares, and each side's total. */
export type CategorySides = CategoryShares;

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
