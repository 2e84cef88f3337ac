/** A column's profile: its numbers, its distribution (Observable Plot, with tooltips), nulls, patterns and PII flags. */
import { useEffect, useRef } from 'react';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { ColumnProfile } from '../../pipelines/stats/profile/types';
import { histogramChart, topValuesChart } from '../charts/profile-charts';
import { formatCellValue } from '../grid/format-value';
import { liveInput } from '../pipeline/live-sample';
import { RolePicker, type RolePickerProps } from './RolePicker';
import type { ProfileState } from './use-profile';

function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString();
  return Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-4 && value !== 0)
    ? value.toExponential(4)
    : value.toLocaleString(undefined, { maximumFractionDigits: 4 });
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 3 : 1)}%`;
}

function Chart({ build }: { build: () => Element }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const chart = build();
    element.replaceChildren(chart);
    return () => element.replaceChildren();
  }, [build]);
  return <div ref={holder} className="chart" />;
}

function Stats({ column }: { column: ColumnProfile }) {
  const rows: [string, string][] = [
    ['type', column.type],
    ['values', formatNumber(column.count)],
    ['nulls', `${formatNumber(column.nulls)} (${percent(column.nullFraction)})`],
    ['distinct', `${formatNumber(column.distinct)}${column.distinctExact ? '' : ' (approximate)'}`],
    // Dates and times read as they do in the grid (no UTC "Z" on a TIMESTAMP).
    ['min', column.kind === 'temporal' && column.min !== null ? formatCellValue(column.min, column.type) : formatNumber(column.min)],
    ['max', column.kind === 'temporal' && column.max !== null ? formatCellValue(column.max, column.type) : formatNumber(column.max)],
  ];
  if (column.numeric) {
    rows.push(['mean', formatNumber(column.numeric.mean)], ['std', formatNumber(column.numeric.std)]);
    for (const quantile of column.numeric.quantiles)
      rows.push([`p${Math.round(quantile.probability * 100)}${column.numeric.quantilesExact ? '' : ' ≈'}`, formatNumber(quantile.value)]);
    rows.push(['zeros', percent(column.numeric.zerosFraction)], ['negatives', percent(column.numeric.negativesFraction)]);
  }
  if (column.lengths) rows.push(['length', `${column.lengths.min}–${column.lengths.max} (mean ${formatNumber(column.lengths.mean)})`]);
  return (
    <table className="stats" aria-label={`Statistics of ${column.name}`}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ProfilePanelProps {
  column: string;
  dataset: DatasetHandle;
  state: ProfileState;
  /** The column's role, and setting it (see RolePicker). */
  role: Omit<RolePickerProps, 'column'>;
  onClose(): void;
}

export function ProfilePanel({ column, dataset, state, role, onClose }: ProfilePanelProps) {
  const profile = state.profile?.columns.find((candidate) => candidate.name === column);
  // The working-set profile reads the live sample when there is one (see App).
  const profiled = liveInput(dataset);
  const sampled = state.source === 'working-set' && (dataset.workingSet.sampled || profiled.sampleOf !== null);
  // Dates and timestamps have a histogram too, over epoch seconds (see TemporalProfile).
  const histogram = profile?.numeric?.histogram ?? profile?.temporal?.histogram;
  const quantiles = profile?.numeric?.quantiles ?? [];
  const temporal = profile?.kind === 'temporal';
  const patterns = profile?.patterns;
  const matched = patterns && patterns.sampled > 0 ? Object.entries(patterns.matches).filter(([, count]) => count > 0) : [];
  return (
    <aside className="side-panel" aria-label={`Profile of ${column}`}>
      <header>
        <h2>{column}</h2>
        <button type="button" onClick={onClose} aria-label="Close profile">
          ✕
        </button>
      </header>
      <p className={`basis${sampled ? ' sampled' : ''}`} role="note">
        {state.source === 'full'
          ? `Full data: ${dataset.rows.toLocaleString()} rows.`
          : sampled
            ? `Sample of ${profiled.rows.toLocaleString()} of ${dataset.rows.toLocaleString()} rows (${percent(dataset.rows ? profiled.rows / dataset.rows : 1)}).`
            : `All ${dataset.workingSet.rows.toLocaleString()} rows.`}
      </p>
      <div className="job">
        {state.job?.state === 'running' ? (
          <>
            <progress aria-label="Full-data profile progress" value={state.job.progress ?? undefined} max={1} />
            <button type="button" onClick={state.cancel}>
              Cancel
            </button>
          </>
        ) : state.source !== 'full' ? (
          <button type="button" onClick={state.runFull}>
            Run on full data
          </button>
        ) : null}
      </div>
      <RolePicker column={column} {...role} />
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.loading && !profile ? <p role="status">Profiling…</p> : null}
      {profile ? (
        <>
          {profile.patterns?.possiblePii ? (
            <p className="pii" role="alert">
              Possible personal data: {profile.patterns.pii.join(', ')} in{' '}
              {percent(Math.max(...profile.patterns.pii.map((name) => (profile.patterns!.holding[name] ?? 0) / Math.max(1, profile.patterns!.sampled))))} of
              values.
            </p>
          ) : null}
          {histogram ? <Chart key={`h-${column}-${state.source}`} build={() => histogramChart(histogram, quantiles, { temporal })} /> : null}
          {profile.top && profile.top.values.length ? <Chart key={`t-${column}-${state.source}`} build={() => topValuesChart(profile.top!)} /> : null}
          <Stats column={profile} />
          {patterns && matched.length > 0 ? (
            <section aria-label="Patterns">
              <h3>Patterns</h3>
              <ul className="patterns">
                {matched.map(([name, count]) => (
                  <li key={name}>
                    {name}: {percent(count / patterns.sampled)}
                    {patterns.pii.includes(name as never) ? <strong> (PII)</strong> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
