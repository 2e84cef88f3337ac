/**
 * One column's drift, in detail: its statistics, both distributions (overlaid histograms and the
 * ECDFs with the KS distance, or paired category bars), the deciding method and threshold to
 * adjust, and "Add as check" to turn what is shown into a drift step.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { StepSpec } from '../../pipelines/spec/types';
import { DEFAULT_THRESHOLDS, isTestMethod, methodsFor } from '../../pipelines/stats/drift/drift';
import type { ColumnDrift, DriftMethod } from '../../pipelines/stats/drift/types';
import { driftBars, driftHistograms, ecdfChart, type CategoryShare, type SideLabels } from '../charts/drift-charts';
import { formatPValue, formatShare, formatValue } from '../charts/format';
import { driftStep } from './check-steps';
import type { CategoryShares } from '../../pipelines/charts/drift-distributions';
import type { ColumnDistributions } from './use-drift';
import { AddedNote, chartWidth, Field, PlotFigure, problemText, ViewStatus } from './view-parts';

export const METHOD_NAMES: Record<DriftMethod, string> = {
  ks: 'Kolmogorov–Smirnov',
  chi2: 'chi-square',
  wasserstein: 'Wasserstein (normalised)',
  psi: 'PSI',
  js: 'Jensen–Shannon',
  linf: 'L∞',
};

/** When the method says drifted: a test below its significance level, a distance above its limit. */
export function thresholdText(drift: Pick<ColumnDrift, 'method' | 'threshold'>): string {
  return isTestMethod(drift.method) ? `p < ${formatValue(drift.threshold)}` : `> ${formatValue(drift.threshold)}`;
}

function Metrics({ drift }: { drift: ColumnDrift }) {
  const { metrics } = drift;
  const rows: [string, string, DriftMethod | null][] = [];
  if (metrics.ks) rows.push(['KS distance D', `${formatValue(metrics.ks.statistic)} (p ${formatPValue(metrics.ks.pValue)})`, 'ks']);
  if (metrics.chi2) rows.push(['chi-square', `${formatValue(metrics.chi2.statistic)} (p ${formatPValue(metrics.chi2.pValue)})`, 'chi2']);
  if (metrics.wasserstein !== undefined)
    rows.push(['Wasserstein', `${formatValue(metrics.wasserstein)} (${formatValue(metrics.wassersteinNormalized)} SD)`, 'wasserstein']);
  if (metrics.psi !== undefined) rows.push(['PSI', formatValue(metrics.psi), 'psi']);
  if (metrics.js !== undefined) rows.push(['Jensen–Shannon', formatValue(metrics.js), 'js']);
  if (metrics.linf !== undefined) rows.push(['L∞ (largest share moved)', formatValue(metrics.linf), 'linf']);
  rows.push(['values compared', `${formatValue(drift.baselineCount)} baseline · ${formatValue(drift.currentCount)} current`, null]);
  return (
    <table className="view-stats" aria-label={`Drift statistics of ${drift.column}`}>
      <tbody>
        {rows.map(([name, value, method]) => (
          <tr key={name} className={method === drift.method ? 'deciding' : undefined}>
            <th scope="row">
              {name}
              {method === drift.method ? <span className="muted"> · decides</span> : null}
            </th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the bars leave out: the categories beyond the largest, and their shares. */
function otherCaption({ baseline, current, categories }: CategoryShares): string | undefined {
  if (categories <= baseline.length) return undefined;
  const rest = (shares: CategoryShare[]) => formatShare(1 - shares.reduce((sum, entry) => sum + entry.share, 0));
  return `The ${baseline.length} categories with the largest shares, of ${categories.toLocaleString('en-US')}; the other ${(categories - baseline.length).toLocaleString('en-US')} hold ${rest(baseline)} of the baseline and ${rest(current)} of the current values.`;
}

export interface DriftDetailProps {
  drift: ColumnDrift;
  distributions: ColumnDistributions;
  labels: SideLabels;
  temporal: boolean;
  /** The spec source the step compares with; null when the baseline has none (a split). */
  baselineSource: string | null;
  takenStepIds?: readonly string[];
  onRecompare(method: DriftMethod, threshold: number): Promise<void>;
  onAddStep(step: StepSpec): void;
}

export function DriftDetail({ drift, distributions, labels, temporal, baselineSource, takenStepIds, onRecompare, onAddStep }: DriftDetailProps) {
  const [method, setMethod] = useState<DriftMethod>(drift.method);
  const [threshold, setThreshold] = useState(String(drift.threshold));
  const [recomputing, setRecomputing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    setMethod(drift.method);
    setThreshold(String(drift.threshold));
    setProblem(null);
  }, [drift]);
  useEffect(() => setAdded(null), [drift.column]);

  const thresholdValue = Number(threshold);
  const thresholdValid =
    threshold.trim() !== '' && Number.isFinite(thresholdValue) && thresholdValue >= 0 && (!isTestMethod(method) || (thresholdValue > 0 && thresholdValue < 1));
  const changed = method !== drift.method || thresholdValue !== drift.threshold;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!thresholdValid) return;
    setRecomputing(true);
    setProblem(null);
    onRecompare(method, thresholdValue).then(
      () => setRecomputing(false),
      (failure) => {
        setRecomputing(false);
        setProblem(problemText(failure));
      },
    );
  };

  const add = () => {
    if (!baselineSource) return;
    const step = driftStep({ column: drift.column, baseline: baselineSource, method: drift.method, threshold: drift.threshold }, takenStepIds);
    onAddStep(step);
    setAdded(step.id);
  };

  const { histograms, ecdf, categories } = distributions;
  const buildHistograms = useCallback(
    (width: number) =>
      driftHistograms(histograms!.baseline, histograms!.current, { labels, temporal, width: chartWidth(width), ariaLabel: `Histograms of ${drift.column}` }),
    [histograms, labels, temporal, drift.column],
  );
  // The ECDFs share the histograms' x range, so long tails do not squeeze them either.
  const xDomain = useMemo<[number, number] | undefined>(
    () => (histograms && histograms.baseline.length ? [histograms.baseline[0]!.x1, histograms.baseline.at(-1)!.x2] : undefined),
    [histograms],
  );
  const buildEcdf = useCallback(
    (width: number) =>
      ecdfChart(ecdf!.baseline, ecdf!.current, { labels, temporal, ks: ecdf!.ks, xDomain, width: chartWidth(width), ariaLabel: `ECDFs of ${drift.column}` }),
    [ecdf, labels, temporal, xDomain, drift.column],
  );
  const buildBars = useCallback(
    (width: number) =>
      driftBars(categories!.baseline, categories!.current, { labels, width: chartWidth(width), ariaLabel: `Category shares of ${drift.column}` }),
    [categories, labels, drift.column],
  );

  return (
    <section className="view-detail" aria-label={`Drift of ${drift.column}`}>
      <header className="view-detail-head">
        <h3>{drift.column}</h3>
        <span className="muted">{drift.type}</span>
        <span className={`verdict ${drift.drifted ? 'drifted' : 'stable'}`}>{drift.drifted ? '▲ drifted' : 'no drift'}</span>
      </header>
      <p className="view-note">
        {drift.note
          ? `No statistic: ${drift.note}.`
          : `${METHOD_NAMES[drift.method]} ${isTestMethod(drift.method) ? `p-value ${formatPValue(drift.pValue)}` : formatValue(drift.statistic)}; drifts when ${thresholdText(drift)}; score ${formatValue(drift.score)} (above 1 is drift).`}
      </p>
      <ViewStatus loading={distributions.loading} error={distributions.error}>
        Reading the distributions…
      </ViewStatus>
      <div className="view-detail-charts">
        {histograms && histograms.baseline.length > 0 ? (
          <PlotFigure
            responsive
            build={buildHistograms}
            label={`Histograms of ${drift.column}`}
            caption={
              histograms.baseline[0]?.openLow || histograms.baseline.at(-1)?.openHigh
                ? 'Shares of each side’s values per bin; the outer bins also hold the long tails (hover for their ranges).'
                : 'Shares of each side’s values per bin, on shared bins.'
            }
          />
        ) : null}
        {ecdf && ecdf.baseline.length > 0 ? (
          <PlotFigure
            responsive
            build={buildEcdf}
            label={`ECDFs of ${drift.column}`}
            caption={
              ecdf.ks
                ? `The ECDFs are furthest apart at ${temporal ? new Date(ecdf.ks.x * 1000).toISOString().slice(0, 10) : formatValue(ecdf.ks.x)}: the KS distance D = ${formatValue(ecdf.ks.distance)}.`
                : undefined
            }
          />
        ) : null}
        {categories && categories.baseline.length > 0 ? (
          <PlotFigure responsive build={buildBars} label={`Category shares of ${drift.column}`} caption={otherCaption(categories)} />
        ) : null}
      </div>
      <Metrics drift={drift} />
      <form className="view-form add-check" onSubmit={apply} aria-label={`Method and threshold for ${drift.column}`}>
        <Field label="Method">
          <select
            value={method}
            onChange={(event) => {
              const next = event.target.value as DriftMethod;
              setMethod(next);
              setThreshold(String(DEFAULT_THRESHOLDS[next]));
            }}
          >
            {methodsFor(drift.type).map((candidate) => (
              <option key={candidate} value={candidate}>
                {METHOD_NAMES[candidate]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={isTestMethod(method) ? 'Significance level (alpha)' : 'Largest passing value (max)'}>
          <input
            type="number"
            inputMode="decimal"
            step="any"
            min={0}
            value={threshold}
            onChange={(event) => setThreshold(event.target.value)}
            aria-invalid={!thresholdValid}
          />
        </Field>
        <button type="submit" disabled={!changed || !thresholdValid || recomputing}>
          {recomputing ? 'Comparing…' : 'Apply'}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={add}
          disabled={!baselineSource || changed}
          title={
            !baselineSource
              ? 'A split of the same data is no spec source: open the baseline as a file to add a check.'
              : changed
                ? 'Apply the method and threshold first'
                : `Adds a drift step: ${drift.column} against ${baselineSource}`
          }
        >
          Add as check
        </button>
      </form>
      {problem ? (
        <p className="view-error" role="alert">
          {problem}
        </p>
      ) : null}
      {!baselineSource ? (
        <p className="view-note">A split of the same data has no spec source to compare with: to add a check, open the baseline as a file.</p>
      ) : null}
      <AddedNote id={added} />
    </section>
  );
}
