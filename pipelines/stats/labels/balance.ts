/**
 * Class balance of a label column: counts per class, the imbalance ratio and the entropy.
 * Labels are compared as text (CAST AS VARCHAR); NULL is a missing label, counted apart.
 *
 * @example
 * const { imbalanceRatio, classes } = await classBalance(engine, table, { label: 'species' });
 */
import type { Engine } from '../../engine/engine';
import { ident } from '../../sql';
import { compareText } from './agreement/tally';
import { big, Ratio } from './exact';

export interface ClassBalanceOptions {
  /** The label column. */
  label: string;
}

export interface ClassCount {
  label: string;
  count: number;
  /** count / labelled rows. */
  share: number;
}

export interface ClassBalance {
  rows: number;
  /** Rows with a label. */
  labelled: number;
  /** Rows whose label is NULL. */
  missing: number;
  /** Largest class first (ties: text order). */
  classes: ClassCount[];
  /** Largest class count / smallest class count; 1 for one class, null for none. */
  imbalanceRatio: number | null;
  /** Shannon entropy of the class shares in nats, −Σ p ln p (scipy.stats.entropy); null for no labels. */
  entropy: number | null;
  /** entropy / ln(number of classes): 1 when perfectly balanced; null for fewer than two classes. */
  normalizedEntropy: number | null;
}

export async function classBalance(engine: Engine, table: string, { label }: ClassBalanceOptions): Promise<ClassBalance> {
  const rows = await engine.query(`SELECT CAST(${ident(label)} AS VARCHAR) AS label, count(*) AS n FROM ${table} GROUP BY 1`);
  const missing = Number(rows.find((row) => row.label === null)?.n ?? 0);
  const counts = rows
    .filter((row) => row.label !== null)
    .map((row) => ({ label: String(row.label), count: big(row.n) }))
    .sort((a, b) => compareText(a.label, b.label));
  const labelled = counts.reduce((total, entry) => total + entry.count, 0n);
  const classes = counts
    .map(({ label, count }) => ({ label, count: Number(count), share: new Ratio(count, labelled || 1n).toNumber() }))
    .sort((a, b) => b.count - a.count || compareText(a.label, b.label));
  const largest = classes[0];
  const smallest = classes.at(-1);
  // Summed in label order, so the result does not depend on the order rows arrived in; `0 -`
  // rather than unary minus, so one class gives 0 and not -0.
  const entropy = labelled === 0n ? null : 0 - counts.reduce((total, { count }) => total + xLogX(Number(count) / Number(labelled)), 0);
  return {
    rows: Number(labelled) + missing,
    labelled: Number(labelled),
    missing,
    classes,
    imbalanceRatio: largest && smallest ? new Ratio(BigInt(largest.count), BigInt(smallest.count)).toNumber() : null,
    entropy,
    normalizedEntropy: entropy !== null && classes.length > 1 ? entropy / Math.log(classes.length) : null,
  };
}

function xLogX(p: number): number {
  return p === 0 ? 0 : p * Math.log(p);
}
