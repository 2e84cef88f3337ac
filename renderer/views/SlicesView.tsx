/**
 * Slices: the rows grouped by one or two columns (numeric ones in quantile bins), and per slice a
 * metric with its 95% interval: the share of rows, the positive rate, or, given a label and a
 * prediction or score, accuracy, precision, recall, F1 or ECE (pipelines/stats/slices). Bars with
 * whiskers beside a sortable table; slices significantly worse than the rest of the rows on the
 * metric shown (the positive rate: significantly different), or past the check's bound, are
 * flagged. The family of tests is the metric shown across the slices, as in the slice_metric check
 * "Add as check" makes of what is shown; the table has each slice's raw and adjusted p-value.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleDefaults } from './role-defaults';
import { useViewSetting } from './view-settings';
import { DEFAULT_SLICE_BINS } from '../../pipelines/stats/slices/binning';
import { computeSlices, DEFAULT_MIN_ROWS } from '../../pipelines/stats/slices/slices';
import {
  CORRECTION_NAMES,
  CORRECTIONS,
  TEST_NAMES,
  type Correction,
  type Estimate,
  type Slice,
  type SliceReport,
  type SliceTest,
  type TestedMetric,
} from '../../pipelines/stats/slices/types';
import { wilsonInterval } from '../../pipelines/stats/slices/wilson';
import { formatPValue, formatShare, formatValue } from '../charts/format';
import { sliceBars, type SliceBar } from '../charts/slice-charts';
import { ceilTo, floorTo, sliceMetricStep } from './check-steps';
import {
  AddedNote,
  chartWidth,
  Field,
  PlotFigure,
  problemText,
  SampleNote,
  sortedBy,
  SortHeader,
  type SortState,
  useSort,
  type ViewProps,
  ViewStatus,
} from './view-parts';
import { useLiveEffect } from '../components/use-live-effect';

export type SlicesViewProps = ViewProps;

type ViewMetric = 'share' | 'positive_rate' | 'accuracy' | 'precision' | 'recall' | 'f1' | 'ece';

const METRICS: { metric: ViewMetric; name: string; needs: 'nothing' | 'label' | 'prediction' | 'score' }[] = [
  { metric: 'share', name: 'share of rows', needs: 'nothing' },
  { metric: 'positive_rate', name: 'positive rate', needs: 'label' },
  { metric: 'accuracy', name: 'accuracy', needs: 'prediction' },
  { metric: 'precision', name: 'precision', needs: 'prediction' },
  { metric: 'recall', name: 'recall', needs: 'prediction' },
  { metric: 'f1', name: 'F1', needs: 'prediction' },
  { metric: 'ece', name: 'expected calibration error', needs: 'score' },
];

/** How many slices the chart draws (the table lists them all). */
const CHART_LIMIT = 30;

interface Row {
  slice: Slice;
  /** Key order in the report. */
  order: number;
  estimate: Estimate | null;
  judged: boolean;
  /** The slice against the rest of the rows on the metric shown; absent when not tested. */
  test?: SliceTest;
  flagged: boolean;
  note?: string;
}

type SortKey = 'slice' | 'rows' | 'value' | 'p' | 'flag';

/** The statistic the metric shown is tested as: the family is that metric across the slices. ECE and the share of rows are not tested. */
function testedAs(metric: ViewMetric): TestedMetric | null {
  return metric === 'positive_rate' ? 'positiveRate' : metric === 'share' || metric === 'ece' ? null : metric;
}

/** The table's first order: the largest slices for shares, else the worst values first. */
function worstFirst(metric: ViewMetric): SortState<SortKey> {
  if (metric === 'share') return { key: 'rows', descending: true };
  return { key: 'value', descending: metric === 'ece' };
}

function estimateOf(slice: Slice, metric: ViewMetric, total: number): Estimate | null {
  if (metric === 'share') {
    const interval = wilsonInterval(slice.rows, total);
    return {
      value: total ? slice.rows / total : null,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
      n: total,
      interval: interval ? 'wilson' : null,
    };
  }
  if (metric === 'positive_rate') return slice.positiveRate ?? null;
  return slice.metrics?.[metric] ?? null;
}

const ColumnSelect = ({
  label,
  value,
  columns,
  onChange,
  optional = true,
}: {
  label: string;
  value: string;
  columns: readonly string[];
  onChange(value: string): void;
  optional?: boolean;
}) => (
  <Field label={label}>
    <select value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{optional ? '(none)' : 'Choose…'}</option>
      {columns.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  </Field>
);

export function SlicesView({ engine, current, onAddStep, sampled, takenStepIds, roles }: SlicesViewProps) {
  const names = useMemo(() => current.columns.map((column) => column.name), [current.columns]);
  const [by, setBy] = useViewSetting('slices', 'by', '');
  const [by2, setBy2] = useViewSetting('slices', 'by2', '');
  const declared = roleDefaults(roles);
  const [label, setLabel] = useViewSetting('slices', 'label', declared.label);
  const [prediction, setPrediction] = useViewSetting('slices', 'prediction', declared.prediction);
  const [score, setScore] = useViewSetting('slices', 'score', declared.score);
  const [positive, setPositive] = useViewSetting('slices', 'positive', declared.positive);
  const [chosenMetric, setMetric] = useViewSetting<ViewMetric>('slices', 'metric', 'share');
  const [bins, setBins] = useViewSetting('slices', 'bins', String(DEFAULT_SLICE_BINS));
  const [minRows, setMinRows] = useViewSetting('slices', 'minRows', String(DEFAULT_MIN_ROWS));
  const [correction, setCorrection] = useViewSetting<Correction>('slices', 'correction', 'holm');
  const [report, setReport] = useState<SliceReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [side, setSide] = useState<'min' | 'max'>('min');
  const [bound, setBound] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  // Another dataset opened: chosen columns it does not have are cleared (the others, saved with the project, stay).
  useEffect(() => {
    const has = new Set(current.columns.map((column) => column.name));
    for (const [value, reset] of [
      [by, setBy],
      [by2, setBy2],
      [label, setLabel],
      [prediction, setPrediction],
      [score, setScore],
    ] as const)
      if (value && !has.has(value)) reset('');
    // Only a change of dataset clears; the settings themselves are not dependencies.
  }, [current.columns]);

  const available = (needs: (typeof METRICS)[number]['needs']) =>
    needs === 'nothing' ||
    (needs === 'label' && Boolean(label)) ||
    (needs === 'prediction' && Boolean(label && prediction)) ||
    (needs === 'score' && Boolean(label && score));
  // The metric chosen, or the share of rows while the columns it needs are not set.
  const metric: ViewMetric = available(METRICS.find((entry) => entry.metric === chosenMetric)!.needs) ? chosenMetric : 'share';

  const binsValue = Number(bins);
  const minRowsValue = Number(minRows);
  const settingsValid = Number.isInteger(binsValue) && binsValue >= 2 && binsValue <= 1000 && Number.isInteger(minRowsValue) && minRowsValue >= 1;
  const needsBootstrap = metric === 'f1' || metric === 'ece';
  const tested = testedAs(metric);

  useLiveEffect(
    (live) => {
      setReport(null);
      setError(null);
      if (!by || !settingsValid) return;
      setLoading(true);
      const timer = window.setTimeout(() => {
        computeSlices(engine, current.table, {
          by: by2 && by2 !== by ? [by, by2] : [by],
          label: label || undefined,
          prediction: label && prediction ? prediction : undefined,
          score: label && score ? score : undefined,
          positive: label && positive.trim() ? positive.trim() : undefined,
          bins: binsValue,
          minRows: minRowsValue,
          // F1 and ECE have bootstrap intervals; the proportions have Wilson's and need none.
          bootstrap: needsBootstrap ? 200 : 0,
          tests: tested ? [tested] : [],
          correction,
        }).then(
          (result) => {
            if (!live()) return;
            setReport(result);
            setLoading(false);
          },
          (failure) => {
            if (!live()) return;
            setError(problemText(failure));
            setLoading(false);
          },
        );
      }, 250);
      return () => {
        window.clearTimeout(timer);
      };
    },
    [engine, current.table, by, by2, label, prediction, score, positive, binsValue, minRowsValue, settingsValid, needsBootstrap, tested, correction],
  );

  const metricName = METRICS.find((entry) => entry.metric === metric)!.name;
  const positiveRateProblem =
    metric === 'positive_rate' && report && report.task !== 'binary'
      ? `The positive rate needs binary labels: set the positive class (the labels are ${report.classes.slice(0, 6).join(', ')}${report.classes.length > 6 ? ', …' : ''}).`
      : null;

  // The bound a check would use, suggested from what is shown: the worst judged slice, rounded outward.
  const judgedValues = useMemo(() => {
    if (!report) return [];
    return report.slices
      .filter((slice) => slice.rows >= report.settings.minRows)
      .map((slice) => estimateOf(slice, metric, report.rows)?.value ?? null)
      .filter((value): value is number => value !== null);
  }, [report, metric]);
  useEffect(() => {
    const suggestedSide = metric === 'ece' ? 'max' : 'min';
    setSide(suggestedSide);
    setAdded(null);
  }, [metric]);
  useEffect(() => {
    if (judgedValues.length === 0) setBound('');
    else setBound(String(side === 'min' ? floorTo(Math.min(...judgedValues)) : ceilTo(Math.max(...judgedValues))));
  }, [judgedValues, side]);
  const boundValue = bound.trim() === '' ? null : Number(bound);
  const checkable = metric !== 'share' && Boolean(label) && !positiveRateProblem;

  const rows = useMemo<Row[]>(() => {
    if (!report) return [];
    return report.slices.map((slice, order) => {
      const estimate = estimateOf(slice, metric, report.rows);
      const judged = slice.rows >= report.settings.minRows && estimate?.value !== null && estimate?.value !== undefined;
      const test = tested ? slice.tests[tested] : undefined;
      const significant = test?.flagged === true;
      const past =
        checkable &&
        judged &&
        boundValue !== null &&
        Number.isFinite(boundValue) &&
        (side === 'min' ? estimate!.value! < boundValue : estimate!.value! > boundValue);
      const note = [
        significant
          ? `significantly ${test!.alternative === 'different' ? 'different from' : 'worse than'} the rest of the rows (adjusted p ${formatPValue(test!.adjustedPValue)})`
          : null,
        past ? `${side === 'min' ? 'below' : 'above'} the bound ${formatValue(boundValue)}` : null,
      ]
        .filter(Boolean)
        .join('; ');
      return { slice, order, estimate, judged, ...(test ? { test } : {}), flagged: significant || past, ...(note ? { note } : {}) };
    });
  }, [report, metric, tested, checkable, boundValue, side]);

  const [sort, toggle, setSort] = useSort<SortKey>(worstFirst(metric), ['rows', 'flag']);
  useEffect(() => setSort(worstFirst(metric)), [metric, setSort]);
  const sorted = useMemo(() => {
    const value = (row: Row) =>
      ({ slice: row.order, rows: row.slice.rows, value: row.estimate?.value ?? null, p: row.test?.pValue ?? null, flag: row.flagged ? 1 : 0 })[
        sort.key === 'value' && metric === 'share' ? 'rows' : sort.key
      ];
    return sortedBy(rows, value, sort.descending);
  }, [rows, sort, metric]);

  const percent = metric !== 'ece';
  const overall = report ? (estimateOf(report.overall, metric, report.rows)?.value ?? null) : null;
  const charted = sorted.slice(0, CHART_LIMIT);
  const buildChart = useCallback(
    (width: number) => {
      const bars: SliceBar[] = charted.map((row) => ({
        name: row.slice.name,
        value: row.estimate?.value ?? null,
        lower: row.estimate?.lower ?? null,
        upper: row.estimate?.upper ?? null,
        rows: row.slice.rows,
        flagged: row.flagged,
        ...(row.note ? { note: row.note } : {}),
      }));
      const proportion = metric !== 'share' && metric !== 'ece';
      return sliceBars(bars, {
        metric: metricName,
        overall: metric === 'share' ? null : overall,
        bound: checkable && boundValue !== null && Number.isFinite(boundValue) ? { value: boundValue, side } : null,
        percent,
        ...(proportion ? { domain: [0, 1] as [number, number] } : {}),
        width: chartWidth(width),
        ariaLabel: `${metricName} per slice`,
      });
    },
    [charted, metric, metricName, overall, checkable, boundValue, side, percent],
  );

  const add = () => {
    if (!checkable || boundValue === null || !Number.isFinite(boundValue)) return;
    const step = sliceMetricStep(
      {
        by: by2 && by2 !== by ? [by, by2] : [by],
        metric: metric as Exclude<ViewMetric, 'share'>,
        label,
        prediction: prediction || undefined,
        score: metric === 'ece' ? score : undefined,
        positive: positive.trim() || undefined,
        bound: { side, value: boundValue },
        minRows: minRowsValue,
        bins: binsValue,
      },
      takenStepIds,
    );
    onAddStep(step);
    setAdded(step.id);
  };

  const format = (value: number | null | undefined) => (value === null || value === undefined ? '—' : percent ? formatShare(value) : formatValue(value));
  const header = (title: string, key: SortKey, numeric = false) => <SortHeader label={title} sortKey={key} sort={sort} onSort={toggle} numeric={numeric} />;
  const flaggedCount = rows.filter((row) => row.flagged).length;
  const testedRows = rows.filter((row) => row.test);
  // The test and the correction, for the summary: "Each slice of 30+ rows against the rest of the rows by Fisher’s exact test (one-sided), Holm over 4 slices, …".
  const testSummary = (() => {
    if (!report) return null;
    if (metric === 'ece') return 'ECE is not tested against the rest of the rows: the ECE of fewer rows is larger by chance alone.';
    if (!tested) return null;
    const first = testedRows[0]?.test;
    if (!first) return `No slice of ${report.settings.minRows}+ rows could be tested against the rest of the rows.`;
    const correctionText =
      report.settings.correction === 'none'
        ? 'no correction'
        : `${CORRECTION_NAMES[report.settings.correction]} over ${report.familySize} slice${report.familySize === 1 ? '' : 's'}`;
    return `Each slice of ${report.settings.minRows}+ rows against the rest of the rows by ${TEST_NAMES[first.test]} (${first.alternative === 'different' ? 'two-sided' : 'one-sided'}), ${correctionText}, flagged at adjusted p ≤ ${report.settings.alpha}.`;
  })();

  return (
    <section className="analysis-view slices-view" aria-label="Slices">
      <header className="view-head">
        <h2>Slices</h2>
        <p className="muted">
          How <strong>{current.label}</strong> differs between groups of rows.
        </p>
      </header>
      <div className="view-controls">
        <div className="view-form">
          <ColumnSelect label="Slice by" value={by} columns={names} onChange={setBy} optional={false} />
          <ColumnSelect label="and by" value={by2} columns={names.filter((name) => name !== by)} onChange={setBy2} />
          <ColumnSelect label="Label" value={label} columns={names} onChange={setLabel} />
          <ColumnSelect label="Prediction" value={prediction} columns={names.filter((name) => name !== label)} onChange={setPrediction} />
          <ColumnSelect
            label="Score"
            value={score}
            columns={current.columns.filter((column) => /INT|DOUBLE|FLOAT|DECIMAL|REAL/i.test(column.type)).map((column) => column.name)}
            onChange={setScore}
          />
          <Field label="Positive class">
            <input
              value={positive}
              onChange={(event) => setPositive(event.target.value)}
              placeholder="1, true, MALE…"
              list="slices-classes"
              disabled={!label}
              spellCheck={false}
            />
          </Field>
          <datalist id="slices-classes">
            {(report?.classes ?? []).map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          <Field label="Metric">
            <select value={metric} onChange={(event) => setMetric(event.target.value as ViewMetric)}>
              {METRICS.map((entry) => (
                <option key={entry.metric} value={entry.metric} disabled={!available(entry.needs)}>
                  {entry.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Bins (numeric)">
            <input
              type="number"
              min={2}
              max={1000}
              step={1}
              value={bins}
              onChange={(event) => setBins(event.target.value)}
              aria-invalid={!(Number.isInteger(binsValue) && binsValue >= 2)}
            />
          </Field>
          <Field label="Minimum rows">
            <input
              type="number"
              min={1}
              step={1}
              value={minRows}
              onChange={(event) => setMinRows(event.target.value)}
              aria-invalid={!(Number.isInteger(minRowsValue) && minRowsValue >= 1)}
            />
          </Field>
          <Field label="Correction">
            <select
              value={correction}
              onChange={(event) => setCorrection(event.target.value as Correction)}
              title="How the p-values of the slices' tests are adjusted for their number"
            >
              {CORRECTIONS.map((entry) => (
                <option key={entry} value={entry}>
                  {entry === 'holm' ? 'Holm (family-wise error)' : entry === 'bh' ? 'Benjamini–Hochberg (false discoveries)' : 'none'}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      <SampleNote sampled={sampled} />
      {!by ? <p className="view-hint">Choose a column to slice by; add a label and a prediction (or a score) for model metrics.</p> : null}
      <ViewStatus loading={loading} error={error}>
        Slicing {current.label} by {[by, by2].filter(Boolean).join(' and ')}…
      </ViewStatus>
      {positiveRateProblem ? (
        <p className="view-error" role="alert">
          {positiveRateProblem}
        </p>
      ) : null}
      {report && !loading ? (
        <>
          <div className="view-summary" role="status" aria-label="Slices summary">
            {report.slices.length.toLocaleString('en-US')} slices of {report.rows.toLocaleString('en-US')} rows by {report.by.join(' and ')}
            {report.label
              ? `; label ${report.label}${report.task === 'binary' ? ` (positive: ${report.positive})` : report.task === 'multiclass' ? ' (multiclass: macro averages)' : ''}`
              : ''}
            {metric !== 'share' ? `; ${metricName} of all rows ${format(overall)}` : ''}. {flaggedCount > 0 ? `${flaggedCount} flagged.` : 'None flagged.'}
            {testSummary ? ` ${testSummary}` : ''}
          </div>
          <div className="view-columns">
            <div className="view-side">
              <PlotFigure
                responsive
                build={buildChart}
                label={`${metricName} per slice`}
                caption={`${metricName} with 95% intervals (${metric === 'f1' || metric === 'ece' ? 'bootstrap' : 'Wilson'}); flagged slices in vermillion with “!”. ${rows.length > CHART_LIMIT ? `The first ${CHART_LIMIT} of ${rows.length} slices in the table’s order.` : ''}`}
              />
              {checkable ? (
                <form
                  className="view-form add-check"
                  onSubmit={(event) => {
                    event.preventDefault();
                    add();
                  }}
                  aria-label="Slice check"
                >
                  <Field label="Every slice">
                    <select value={side} onChange={(event) => setSide(event.target.value as 'min' | 'max')} disabled={metric !== 'positive_rate'}>
                      <option value="min">at least</option>
                      <option value="max">at most</option>
                    </select>
                  </Field>
                  <Field label="Bound">
                    <input
                      type="number"
                      step="any"
                      value={bound}
                      onChange={(event) => setBound(event.target.value)}
                      aria-invalid={boundValue === null || !Number.isFinite(boundValue)}
                    />
                  </Field>
                  <span className="muted">slices of {minRowsValue}+ rows</span>
                  <span className="spacer" />
                  <button type="submit" className="primary" disabled={boundValue === null || !Number.isFinite(boundValue)}>
                    Add as check
                  </button>
                </form>
              ) : (
                <p className="view-note">
                  {metric === 'share' ? 'The share of rows is no check: choose a label (and a prediction or score) and a metric to add one.' : ''}
                </p>
              )}
              <AddedNote id={added} />
            </div>
            <div className="view-main table-scroll tall">
              <table className="view-table" aria-label="Slices table">
                <thead>
                  <tr>
                    {header('Slice', 'slice')}
                    {header('Rows', 'rows', true)}
                    <th scope="col" className="numeric">
                      Share
                    </th>
                    {metric !== 'share' ? header(metricName, 'value', true) : null}
                    <th scope="col" className="numeric">
                      95% interval
                    </th>
                    <th scope="col" className="numeric" title="The rows the estimate rests on">
                      n
                    </th>
                    {tested ? (
                      <>
                        <th scope="col" className="numeric" title="The rest of the rows' value">
                          Rest
                        </th>
                        {header('p', 'p', true)}
                        <th scope="col" className="numeric" title={`The p-value adjusted for the number of slices tested (${CORRECTION_NAMES[correction]})`}>
                          Adjusted p
                        </th>
                      </>
                    ) : null}
                    {header('Flag', 'flag')}
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((row) => (
                    <tr key={row.slice.name} className={row.flagged ? 'flagged' : undefined}>
                      <th scope="row">{row.slice.name}</th>
                      <td className="numeric">{row.slice.rows.toLocaleString('en-US')}</td>
                      <td className="numeric">{formatShare(row.slice.share)}</td>
                      {metric !== 'share' ? <td className="numeric">{format(row.estimate?.value)}</td> : null}
                      <td className="numeric muted">
                        {row.estimate?.lower !== null && row.estimate?.lower !== undefined
                          ? `${format(row.estimate.lower)} – ${format(row.estimate.upper)}`
                          : '—'}
                      </td>
                      <td className="numeric muted">{row.estimate ? row.estimate.n.toLocaleString('en-US') : '—'}</td>
                      {tested ? (
                        <>
                          <td className="numeric muted">{row.test ? format(row.test.rest) : '—'}</td>
                          <td className="numeric">{row.test ? formatPValue(row.test.pValue) : '—'}</td>
                          <td className="numeric">{row.test ? formatPValue(row.test.adjustedPValue) : '—'}</td>
                        </>
                      ) : null}
                      <td>
                        {row.flagged ? (
                          <span className="verdict flagged" title={row.note}>
                            ! {row.note}
                          </span>
                        ) : !row.judged && metric !== 'share' ? (
                          <span className="muted">not judged</span>
                        ) : tested && !row.test ? (
                          <span className="muted">not tested</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
