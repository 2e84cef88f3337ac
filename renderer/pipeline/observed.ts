/**
 * What a check measured (its `observed`), told to a person as label and value pairs instead of
 * JSON: numbers rounded, shares as percents, p-values in exponent form when small, lists
 * summarised, nested objects flattened. Each check kind whose `observed` has a shape of its own
 * (pipelines/steps/checks/*.ts) has a describer here; a key no describer reads, and every key of
 * a kind without one, is still shown, flattened under a readable label. Row checks (between,
 * in_set, not_null, outliers, near_duplicates, label_conflicts, ...) observe nothing: their
 * counts and examples are in the step result itself, so their list is empty.
 *
 * @example
 * describeObserved('null_fraction', { nullFraction: 0.025 }); // [{ label: 'nulls', value: '2.5%' }]
 */
import { formatPValue, formatShare, formatValue } from '../charts/format';
import { formatCellValue } from '../grid/format-value';

export interface ObservedEntry {
  label: string;
  value: string;
}

/** Names listed before "and N more". */
const LISTED = 5;

/** The observed object's keys, each read at most once; what is left is shown generically. */
class Reader {
  private readonly read = new Set<string>();
  constructor(private readonly observed: Record<string, unknown>) {}

  value(key: string): unknown {
    this.read.add(key);
    return this.observed[key];
  }

  number(key: string): number | null {
    const value = this.value(key);
    return typeof value === 'number'
      ? value
      : typeof value === 'bigint' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        ? Number(value)
        : null;
  }

  text(key: string): string | null {
    const value = this.value(key);
    return value === null || value === undefined ? null : String(value);
  }

  list(key: string): unknown[] {
    const value = this.value(key);
    return Array.isArray(value) ? value : [];
  }

  record(key: string): Record<string, unknown> {
    const value = this.value(key);
    return isRecord(value) ? value : {};
  }

  /** Keys read on purpose and not shown (already told by another entry). */
  skip(...keys: string[]): void {
    for (const key of keys) this.read.add(key);
  }

  rest(): [string, unknown][] {
    return Object.entries(this.observed).filter(([key, value]) => !this.read.has(key) && value !== undefined);
  }
}

type Describer = (read: Reader) => (ObservedEntry | null)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a, b, c`, or `a, b, c, d, e and 7 more`. */
function summarise(items: string[], listed = LISTED): string {
  if (items.length <= listed) return items.join(', ');
  return `${items.slice(0, listed).join(', ')} and ${items.length - listed} more`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatValue(count)} ${count === 1 ? one : many}`;
}

function entry(label: string, value: string | null | undefined): ObservedEntry | null {
  return value === null || value === undefined ? null : { label, value };
}

/** A camelCase or snake_case key as words: pairableItems → pairable items. */
function words(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Any value as one line of text: never [object Object], never JSON braces. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatValue(value);
  if (typeof value === 'bigint') return formatValue(Number(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : summarise(value.map(plain));
  if (isRecord(value)) {
    const parts = Object.entries(value).map(([key, inner]) => `${words(key)} ${plain(inner)}`);
    return parts.length === 0 ? 'none' : parts.join(', ');
  }
  return String(value);
}

/** Entries for values no describer reads: nested objects become one entry per leaf, labelled by their path. */
function flatten(label: string, value: unknown): ObservedEntry[] {
  if (isRecord(value) && Object.keys(value).length > 0) return Object.entries(value).flatMap(([key, inner]) => flatten(`${label} ${words(key)}`, inner));
  return [{ label, value: plain(value) }];
}

/** An ordinal percentile: 0.5 is the median, 0.95 the 95th percentile. */
function percentileLabel(quantile: number | null): string {
  if (quantile === null) return 'quantile';
  if (quantile === 0.5) return 'median';
  if (quantile === 0) return 'minimum';
  if (quantile === 1) return 'maximum';
  const percent = Number((quantile * 100).toPrecision(6));
  const whole = Math.trunc(percent);
  const suffix =
    percent !== whole || [11, 12, 13].includes(whole % 100) ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[whole % 10] ?? 'th');
  return `${percent}${suffix} percentile`;
}

/** Seconds as the two largest units: `3 days 4 hours`, `45 minutes`, `12 seconds`. */
function duration(seconds: number): string {
  const units: [string, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  let left = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(left / size);
    if (count > 0 && parts.length < 2) {
      parts.push(plural(count, name));
      left -= count * size;
    } else if (parts.length > 0) break;
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}

const DRIFT_METHODS: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov test',
  chi2: 'chi-square test',
  wasserstein: 'Wasserstein distance (relative to the baseline’s spread)',
  psi: 'population stability index (PSI)',
  js: 'Jensen–Shannon distance',
  linf: 'largest change in a category’s share (L∞)',
};

/** The measures of a drift result besides the deciding one, in one line. */
function otherDriftMeasures(metrics: Record<string, unknown>, method: string | null): string | null {
  const parts: string[] = [];
  const test = (name: string, label: string) => {
    const result = metrics[name];
    if (name === method || !isRecord(result)) return;
    parts.push(`${label} ${formatValue(Number(result.statistic))} (p ${formatPValue(Number(result.pValue))})`);
  };
  const distance = (name: string, label: string, decidedBy = name) => {
    if (decidedBy === method || typeof metrics[name] !== 'number') return;
    parts.push(`${label} ${formatValue(metrics[name] as number)}`);
  };
  test('ks', 'KS');
  test('chi2', 'chi-square');
  distance('psi', 'PSI');
  distance('js', 'JS distance');
  distance('linf', 'L∞');
  distance('wasserstein', 'Wasserstein', 'wasserstein-units');
  distance('wassersteinNormalized', 'Wasserstein relative to spread', 'wasserstein');
  return parts.length ? parts.join(' · ') : null;
}

/** A slice's metric as the metric reads: shares as percents, F1 and ECE as numbers. */
function metricValue(metric: string | null, value: unknown): string {
  if (typeof value !== 'number') return '—';
  return metric === 'f1' || metric === 'ece' ? formatValue(value) : formatShare(value);
}

function sliceText(metric: string | null, slice: unknown): string {
  if (!isRecord(slice)) return plain(slice);
  return `${String(slice.slice)} ${metricValue(metric, slice.value)} (${plural(Number(slice.rows), 'row')})`;
}

const METRIC_NAMES: Record<string, string> = {
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1',
  ece: 'calibration error (ECE)',
  positive_rate: 'positive rate',
};

const describers: Record<string, Describer> = {
  drift: (read) => {
    const method = read.text('method');
    const threshold = read.number('threshold');
    const statistic = read.number('statistic');
    const pValue = read.number('pValue');
    const test = method === 'ks' || method === 'chi2';
    const type = read.text('type');
    read.skip('score');
    return [
      entry('result', read.value('drifted') === true ? 'drifted' : 'no drift'),
      entry('method', method === null ? null : (DRIFT_METHODS[method] ?? method)),
      test
        ? entry('p-value', pValue === null ? null : `${formatPValue(pValue)}${threshold === null ? '' : ` (drift below ${formatValue(threshold)})`}`)
        : entry('distance', statistic === null ? null : `${formatValue(statistic)}${threshold === null ? '' : ` (drift above ${formatValue(threshold)})`}`),
      test ? entry('statistic', statistic === null ? null : formatValue(statistic)) : null,
      entry('compared as', type === 'numeric' ? 'numbers' : type === 'categorical' ? 'categories' : type),
      entry('values compared', `baseline ${formatValue(read.number('baselineCount'))} · current ${formatValue(read.number('currentCount'))}`),
      entry('note', read.text('note')),
      entry('other measures', otherDriftMeasures(read.record('metrics'), method)),
    ];
  },

  drift_share: (read) => {
    const drifted = read.list('drifted').map(String);
    const compared = read.number('compared') ?? 0;
    const share = read.number('driftShare');
    const max = read.number('max');
    // Grouped by reason: usually many columns share one ("not in the baseline").
    const skipped = new Map<string, string[]>();
    for (const column of read.list('skipped')) {
      const reason = isRecord(column) ? String(column.reason) : 'not compared';
      skipped.set(reason, [...(skipped.get(reason) ?? []), isRecord(column) ? String(column.column) : plain(column)]);
    }
    return [
      entry('drifted columns', `${formatValue(drifted.length)} of ${plural(compared, 'column')} drifted${drifted.length ? `: ${summarise(drifted)}` : ''}`),
      entry('drift share', share === null ? null : `${formatShare(share)}${max === null ? '' : ` (at most ${formatShare(max)} passes)`}`),
      skipped.size ? entry('not compared', [...skipped].map(([reason, names]) => `${reason}: ${summarise(names)}`).join('; ')) : null,
    ];
  },

  slice_metric: (read) => {
    const metric = read.text('metric');
    const name = metric === null ? 'metric' : (METRIC_NAMES[metric] ?? metric);
    const judged = read.number('judged') ?? 0;
    const skipped = read.number('skipped') ?? 0;
    const worst = read.value('worst');
    const failing = read.list('failing');
    const worse = read.list('significantlyWorse').map(String);
    return [
      entry(`overall ${name}`, metricValue(metric, read.number('overall'))),
      entry('slices judged', `${formatValue(judged)}${skipped ? ` (${formatValue(skipped)} not: too few rows or no value)` : ''}`),
      worst ? entry('worst slice', sliceText(metric, worst)) : null,
      entry(
        'failing slices',
        failing.length ? `${formatValue(failing.length)} of ${formatValue(judged)}: ${summarise(failing.map((slice) => sliceText(metric, slice)))}` : 'none',
      ),
      worse.length ? entry('significantly worse than the rest of the rows', summarise(worse)) : null,
    ];
  },

  class_balance: (read) => {
    const classes = Object.entries(read.record('classes'))
      .map(([label, count]) => ({ label, count: Number(count) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const total = classes.reduce((sum, { count }) => sum + count, 0);
    const ratio = read.number('imbalanceRatio');
    const normalized = read.number('normalizedEntropy');
    const entropy = read.number('entropy');
    const missing = read.number('missing');
    return [
      entry('largest / smallest class', ratio === null ? 'undefined (no labels)' : `${formatValue(ratio)}×`),
      entry(
        'balance (normalised entropy)',
        normalized === null
          ? entropy === null
            ? null
            : `undefined (one class); entropy ${formatValue(entropy)} nats`
          : `${formatValue(normalized)} (1 is perfectly balanced)`,
      ),
      entry(
        'classes',
        classes.length === 0
          ? 'none'
          : `${plural(classes.length, 'class', 'classes')}: ${summarise(classes.map(({ label, count }) => `${label} ${formatValue(count)} (${formatShare(total ? count / total : 0)})`))}`,
      ),
      missing ? entry('missing labels', formatValue(missing)) : null,
    ];
  },

  schema: (read) => {
    const missing = read.list('missing').map(String);
    const extra = read.list('extra').map(String);
    const changed = read
      .list('mismatched')
      .map((column) => (isRecord(column) ? `${String(column.column)} (${String(column.expected)} → ${String(column.actual)})` : plain(column)));
    const parts = [
      missing.length ? `missing: ${summarise(missing)}` : null,
      extra.length ? `unexpected: ${summarise(extra)}` : null,
      changed.length ? `type changed: ${summarise(changed)}` : null,
    ].filter((part): part is string => part !== null);
    return [entry('differences', parts.length ? parts.join('; ') : 'none')];
  },

  column_exists: (read) => {
    const index = read.number('index');
    return [entry('present', read.value('present') === true ? `yes${index === null ? '' : `, position ${formatValue(index)} (counting from 0)`}` : 'no')];
  },

  mean_between: (read) => [entry('mean', plain(read.value('mean')))],

  row_count_between: (read) => [entry('rows', plain(read.value('rows')))],

  null_fraction: (read) => {
    const fraction = read.number('nullFraction');
    return [entry('nulls', fraction === null ? '—' : formatShare(fraction))];
  },

  unique_proportion_between: (read) => {
    const proportion = read.number('uniqueProportion');
    return [entry('unique', proportion === null ? '—' : formatShare(proportion)), entry('distinct values', plain(read.value('distinct')))];
  },

  quantile_between: (read) => [entry(percentileLabel(read.number('quantile')), plain(read.value('value')))],

  freshness: (read) => {
    const newest = read.text('newest');
    const age = read.number('ageSeconds');
    const asOf = read.text('asOf');
    return [
      entry('newest value', newest === null ? 'none (no values)' : formatCellValue(newest, 'TIMESTAMP')),
      age === null ? null : entry('age', age < 0 ? `${duration(age)} after the as-of time` : duration(age)),
      entry('as of', asOf === null ? null : `${formatCellValue(asOf, 'TIMESTAMP')} UTC`),
    ];
  },

  agreement: (read) => {
    const method = read.text('method');
    const kappa = read.number('kappa');
    const alpha = read.number('alpha');
    const items = read.number('items');
    const pairable = read.number('pairableItems');
    const lowest = read
      .list('lowestItems')
      .map((item) =>
        isRecord(item) ? `${plain(item.item)} (${formatShare(Number(item.agreement))} of pairs agree, mostly ${plain(item.majority)})` : plain(item),
      );
    const undefinedCoefficient = 'undefined (no item rated twice, or one label throughout)';
    return [
      entry(method === 'cohen' ? 'Cohen’s kappa' : method === 'fleiss' ? 'Fleiss’ kappa' : 'kappa', kappa === null ? undefinedCoefficient : formatValue(kappa)),
      entry('Krippendorff’s alpha', alpha === null ? undefinedCoefficient : formatValue(alpha)),
      entry('annotators', plain(read.value('annotators'))),
      entry('items', items === null ? null : `${formatValue(items)}${pairable === null ? '' : ` (${formatValue(pairable)} rated at least twice)`}`),
      lowest.length ? entry('least agreed items', lowest.join('; ')) : null,
    ];
  },

  pii: (read) => {
    const checked = read.list('checked').map(String);
    const found = read.list('columns').filter(isRecord);
    const entries: (ObservedEntry | null)[] = [entry('columns looked at', checked.length ? summarise(checked) : 'none (no text columns)')];
    if (found.length === 0) return [...entries, entry('personal data', 'none found')];
    for (const column of found) {
      const shapes = Object.entries(isRecord(column.patterns) ? column.patterns : {})
        .filter(([, count]) => Number(count) > 0)
        .map(([shape, count]) => `${shape.replace(/_/g, ' ')} ${formatValue(Number(count))}`);
      const values = Number(column.values);
      entries.push(
        entry(
          `personal data in ${String(column.column)}`,
          `${formatValue(Number(column.matching))} of ${plural(values, 'value')} (${formatShare(Number(column.fraction))})${shapes.length ? `: ${shapes.join(', ')}` : ''}`,
        ),
      );
    }
    return entries;
  },
};

/** What a check of `kind` observed, as label and value pairs in the order a person reads them. */
export function describeObserved(kind: string, observed: Record<string, unknown>): ObservedEntry[] {
  const read = new Reader(observed);
  const described = (describers[kind]?.(read) ?? []).filter((item): item is ObservedEntry => item !== null);
  return [...described, ...read.rest().flatMap(([key, value]) => flatten(words(key), value))];
}
