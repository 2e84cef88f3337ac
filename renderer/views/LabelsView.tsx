/**
 * Labels: the quality of a label column and of the annotations behind it
 * (pipelines/stats/labels): the class balance, the groups of identical inputs that carry
 * different labels, and how well annotators agree, as a heatmap of each pair's kappa with the
 * least agreed items listed. Each part turns into its check with one click.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleDefaults } from './role-defaults';
import { useViewSetting } from './view-settings';
import type { Value } from '../../pipelines/engine/engine';
import type { OnFail } from '../../pipelines/spec/types';
import { agreement, type AgreementResult, type RatingsInput } from '../../pipelines/stats/labels/agreement/agreement';
import { classBalance, type ClassBalance } from '../../pipelines/stats/labels/balance';
import { labelConflicts, type ConflictGroup, type LabelConflicts } from '../../pipelines/stats/labels/conflicts';
import { formatShare, formatValue } from '../charts/format';
import { agreementHeatmap, classBalanceChart } from '../charts/label-charts';
import { agreementMatrix, type AgreementMatrix } from './agreement-matrix';
import { agreementStep, ceilTo, classBalanceStep, floorTo, labelConflictsStep } from './check-steps';
import { AddedNote, chartWidth, Field, PlotFigure, problemText, SampleNote, sortedBy, SortHeader, useSort, type ViewProps, ViewStatus } from './view-parts';
import { useLiveEffect } from '../components/use-live-effect';

export type LabelsViewProps = ViewProps;

/** Classes the chart draws; the figures count them all. */
const CHART_CLASSES = 30;
const CONFLICT_EXAMPLES = 50;
const LOWEST_ITEMS = 30;

interface Computed<T> {
  value: T | null;
  loading: boolean;
  error: string | null;
}

/** Runs `compute` whenever it changes (null: nothing to compute), keeping only the latest answer. */
function useComputed<T>(compute: (() => Promise<T>) | null): Computed<T> {
  const [state, setState] = useState<Computed<T>>({ value: null, loading: false, error: null });
  useLiveEffect(
    (live) => {
      if (!compute) {
        setState({ value: null, loading: false, error: null });
        return;
      }
      setState({ value: null, loading: true, error: null });
      compute().then(
        (value) => live() && setState({ value, loading: false, error: null }),
        (failure) => live() && setState({ value: null, loading: false, error: problemText(failure) }),
      );
    },
    [compute],
  );
  return state;
}

function showValue(value: Value): string {
  return value === null ? '∅' : String(value);
}

function labelsText(labels: { label: string; count: number }[]): string {
  return labels.map((entry) => `${entry.label} ×${entry.count}`).join(' · ');
}

/** A group of checkboxes, one per column. */
function ColumnPicks({
  legend,
  columns,
  picked,
  onChange,
}: {
  legend: string;
  columns: readonly string[];
  picked: readonly string[];
  onChange(picked: string[]): void;
}) {
  return (
    <fieldset className="column-picks">
      <legend>{legend}</legend>
      <div>
        {columns.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={picked.includes(name)}
              onChange={(event) => onChange(event.target.checked ? [...picked, name] : picked.filter((entry) => entry !== name))}
            />
            {name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Figures({ entries, label }: { entries: [string, string][]; label: string }) {
  return (
    <dl className="view-figures" aria-label={label}>
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function BalanceCard({ balance, label, onAdd }: { balance: ClassBalance; label: string; onAdd(maxRatio: number): void }) {
  const [maxRatio, setMaxRatio] = useState('');
  useEffect(() => setMaxRatio(balance.imbalanceRatio === null ? '' : String(ceilTo(balance.imbalanceRatio, 1))), [balance]);
  const shown = useMemo(() => balance.classes.slice(0, CHART_CLASSES), [balance]);
  const build = useCallback((width: number) => classBalanceChart(shown, { width: chartWidth(width), ariaLabel: `Rows per class of ${label}` }), [shown, label]);
  const ratio = Number(maxRatio);
  const valid = maxRatio.trim() !== '' && Number.isFinite(ratio) && ratio >= 1;
  return (
    <>
      <Figures
        label="Class balance figures"
        entries={[
          ['classes', formatValue(balance.classes.length)],
          ['labelled rows', formatValue(balance.labelled)],
          ['missing labels', formatValue(balance.missing)],
          ['largest / smallest', balance.imbalanceRatio === null ? '—' : `${formatValue(balance.imbalanceRatio)}×`],
          ['normalised entropy', formatValue(balance.normalizedEntropy)],
        ]}
      />
      {shown.length > 0 ? (
        <PlotFigure
          responsive
          build={build}
          label={`Class balance of ${label}`}
          caption={
            balance.classes.length > CHART_CLASSES
              ? `The ${CHART_CLASSES} largest of ${balance.classes.length.toLocaleString('en-US')} classes.`
              : 'Rows per class; the dashed line is an even split.'
          }
        />
      ) : (
        <p className="view-note">No row has a label.</p>
      )}
      <form
        className="view-form add-check"
        aria-label="Class balance check"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onAdd(ratio);
        }}
      >
        <Field label="Largest / smallest at most">
          <input type="number" min={1} step="any" value={maxRatio} onChange={(event) => setMaxRatio(event.target.value)} aria-invalid={!valid} />
        </Field>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={!valid} aria-label="Add class balance as check">
          Add as check
        </button>
      </form>
    </>
  );
}

function ConflictsCard({ conflicts, features, onAdd }: { conflicts: LabelConflicts; features: readonly string[]; onAdd(onFail: OnFail): void }) {
  type Key = 'rows' | 'first' | 'labels';
  const [sort, toggle] = useSort<Key>({ key: 'first', descending: false }, ['rows', 'labels']);
  const [onFail, setOnFail] = useState<OnFail>('warn');
  const rows = useMemo(
    () =>
      sortedBy(
        conflicts.examples,
        (group: ConflictGroup) => ({ rows: group.rows, first: group.firstRow, labels: group.labels.length })[sort.key],
        sort.descending,
      ),
    [conflicts.examples, sort],
  );
  return (
    <>
      <Figures
        label="Label conflict figures"
        entries={[
          ['conflicting groups', formatValue(conflicts.conflictingGroups)],
          [
            'rows in them',
            `${formatValue(conflicts.conflictingRows)} (${formatShare(conflicts.labelledRows ? conflicts.conflictingRows / conflicts.labelledRows : 0)})`,
          ],
          ['groups of identical inputs', formatValue(conflicts.groups)],
          ['labelled rows', formatValue(conflicts.labelledRows)],
        ]}
      />
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="view-table" aria-label="Conflicting labels">
            <thead>
              <tr>
                {features.map((feature) => (
                  <th key={feature} scope="col">
                    {feature}
                  </th>
                ))}
                <SortHeader label="Labels" sortKey="labels" sort={sort} onSort={toggle} title="Sort by how many labels the group carries" />
                <SortHeader label="Rows" sortKey="rows" sort={sort} onSort={toggle} numeric />
                <SortHeader label="First row" sortKey="first" sort={sort} onSort={toggle} numeric />
              </tr>
            </thead>
            <tbody>
              {rows.map((group) => (
                <tr key={group.firstRow}>
                  {features.map((feature) => (
                    <td key={feature}>{showValue(group.features[feature] ?? null)}</td>
                  ))}
                  <td className="wrap">{labelsText(group.labels)}</td>
                  <td className="numeric">{formatValue(group.rows)}</td>
                  <td className="numeric">{formatValue(group.firstRow)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="view-note">Identical inputs carry one label throughout.</p>
      )}
      {conflicts.conflictingGroups > rows.length ? (
        <p className="view-note">
          The first {rows.length} of {formatValue(conflicts.conflictingGroups)} conflicting groups, by first row.
        </p>
      ) : null}
      <form
        className="view-form add-check"
        aria-label="Label conflicts check"
        onSubmit={(event) => {
          event.preventDefault();
          onAdd(onFail);
        }}
      >
        <Field label="When rows conflict">
          <select value={onFail} onChange={(event) => setOnFail(event.target.value as OnFail)}>
            <option value="fail">fail the run</option>
            <option value="warn">warn</option>
            <option value="reject">reject the rows</option>
          </select>
        </Field>
        <span className="spacer" />
        <button type="submit" className="primary" aria-label="Add label conflicts as check">
          Add as check
        </button>
      </form>
    </>
  );
}

function AgreementCard({ result, matrix, onAdd }: { result: AgreementResult; matrix: AgreementMatrix | null; onAdd(minKappa: number): void }) {
  const kappa = result.kappa.value;
  const [minKappa, setMinKappa] = useState('');
  useEffect(() => setMinKappa(kappa === null ? '' : String(floorTo(kappa))), [kappa]);
  type ItemKey = 'agreement' | 'ratings' | 'item';
  const [sort, toggle] = useSort<ItemKey>({ key: 'agreement', descending: false }, ['ratings']);
  const items = useMemo(
    () =>
      sortedBy(
        result.lowestItems,
        (item) =>
          ({
            agreement: item.agreement,
            ratings: item.ratings,
            item:
              item.item === null ? null : typeof item.item === 'bigint' ? Number(item.item) : typeof item.item === 'boolean' ? String(item.item) : item.item,
          })[sort.key],
        sort.descending,
      ),
    [result.lowestItems, sort],
  );
  type LabelKey = 'label' | 'ratings' | 'specific' | 'kappa';
  const [labelSort, toggleLabelSort] = useSort<LabelKey>({ key: 'label', descending: false }, ['ratings']);
  const perClass = useMemo(
    () =>
      sortedBy(
        result.perClass,
        (entry) => ({ label: entry.label, ratings: entry.ratings, specific: entry.specificAgreement, kappa: entry.kappa })[labelSort.key],
        labelSort.descending,
      ),
    [result.perClass, labelSort],
  );
  const build = useCallback(() => agreementHeatmap(matrix!.cells, { annotators: matrix!.annotators }), [matrix]);
  const value = Number(minKappa);
  const valid = minKappa.trim() !== '' && Number.isFinite(value) && value >= -1 && value <= 1;
  const method = result.kappa.method === 'cohen' ? 'Cohen’s κ' : 'Fleiss’ κ';
  return (
    <>
      <Figures
        label="Agreement figures"
        entries={[
          [method, formatValue(kappa)],
          ['Krippendorff’s α', formatValue(result.krippendorffAlpha.value)],
          ['annotators', formatValue(result.annotators.length)],
          ['items', formatValue(result.items)],
          ['rated twice or more', formatValue(result.pairableItems)],
          ['ratings', formatValue(result.ratings)],
        ]}
      />
      {matrix && matrix.cells.length > 0 ? (
        <PlotFigure
          build={build}
          label="Agreement between annotators"
          caption={`Cohen’s κ of each pair over the items both rated: 1 is perfect agreement, 0 what chance gives, below 0 worse than chance.${matrix.omitted ? ` The ${matrix.annotators.length} most active annotators; ${matrix.omitted} more are left out.` : ''}`}
        />
      ) : null}
      <div className="table-scroll">
        <table className="view-table" aria-label="Agreement per label">
          <thead>
            <tr>
              <SortHeader label="Label" sortKey="label" sort={labelSort} onSort={toggleLabelSort} />
              <SortHeader label="Ratings" sortKey="ratings" sort={labelSort} onSort={toggleLabelSort} numeric />
              <SortHeader
                label="Specific agreement"
                sortKey="specific"
                sort={labelSort}
                onSort={toggleLabelSort}
                numeric
                title="Sort by specific agreement: of the pairs of ratings on one item where one gives the label, the share where the other does too"
              />
              <SortHeader label="κ (this label vs the rest)" sortKey="kappa" sort={labelSort} onSort={toggleLabelSort} numeric />
            </tr>
          </thead>
          <tbody>
            {perClass.map((entry) => (
              <tr key={entry.label}>
                <th scope="row">{entry.label}</th>
                <td className="numeric">{formatValue(entry.ratings)}</td>
                <td className="numeric">{formatShare(entry.specificAgreement)}</td>
                <td className="numeric">{formatValue(entry.kappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="view-table" aria-label="Least agreed items">
            <thead>
              <tr>
                <SortHeader label="Item" sortKey="item" sort={sort} onSort={toggle} />
                <SortHeader
                  label="Agreement"
                  sortKey="agreement"
                  sort={sort}
                  onSort={toggle}
                  numeric
                  title="Sort by the share of pairs of the item's ratings that agree"
                />
                <SortHeader label="Ratings" sortKey="ratings" sort={sort} onSort={toggle} numeric />
                <th scope="col">Labels given</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={String(item.item)} className={item.agreement < 0.5 ? 'flagged' : undefined}>
                  <th scope="row">{showValue(item.item)}</th>
                  <td className="numeric">{formatShare(item.agreement)}</td>
                  <td className="numeric">{formatValue(item.ratings)}</td>
                  <td className="wrap">{labelsText(item.labels)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form
        className="view-form add-check"
        aria-label="Agreement check"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onAdd(value);
        }}
      >
        <Field label={<>{method} at least</>}>
          <input type="number" min={-1} max={1} step="any" value={minKappa} onChange={(event) => setMinKappa(event.target.value)} aria-invalid={!valid} />
        </Field>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={!valid} aria-label="Add agreement as check">
          Add as check
        </button>
      </form>
    </>
  );
}

type Annotation = 'none' | 'wide' | 'long';

export function LabelsView({ engine, current, onAddStep, sampled, takenStepIds, roles }: LabelsViewProps) {
  const names = useMemo(() => current.columns.map((column) => column.name), [current.columns]);
  // Declared roles start the view: the label, and with an item and an annotator, a row per rating of the label.
  const declared = roleDefaults(roles);
  const ratingsDeclared = Boolean(declared.item && declared.annotator && declared.label);
  const [label, setLabel] = useViewSetting('labels', 'label', declared.label);
  const [features, setFeatures] = useViewSetting<string[]>('labels', 'features', []);
  const [annotation, setAnnotation] = useViewSetting<Annotation>('labels', 'annotation', ratingsDeclared ? 'long' : 'none');
  const [annotators, setAnnotators] = useViewSetting<string[]>('labels', 'annotators', []);
  const [item, setItem] = useViewSetting('labels', 'item', declared.item);
  const [annotator, setAnnotator] = useViewSetting('labels', 'annotator', declared.annotator);
  const [rating, setRating] = useViewSetting('labels', 'rating', ratingsDeclared ? declared.label : '');
  const [added, setAdded] = useState<string | null>(null);
  // Another dataset opened: chosen columns it does not have are cleared (the others, saved with the project, stay).
  useEffect(() => {
    const has = new Set(current.columns.map((column) => column.name));
    for (const [value, reset] of [
      [label, setLabel],
      [item, setItem],
      [annotator, setAnnotator],
      [rating, setRating],
    ] as const)
      if (value && !has.has(value)) reset('');
    if (features.some((name) => !has.has(name))) setFeatures(features.filter((name) => has.has(name)));
    if (annotators.some((name) => !has.has(name))) setAnnotators(annotators.filter((name) => has.has(name)));
    // Only a change of dataset clears; the settings themselves are not dependencies.
  }, [current.columns]);
  const usedFeatures = useMemo(() => features.filter((name) => name !== label && names.includes(name)), [features, label, names]);
  const table = current.table;

  const ratings = useMemo<RatingsInput | null>(() => {
    if (annotation === 'wide') return annotators.length >= 2 ? { annotators, ...(item ? { item } : {}) } : null;
    if (annotation === 'long') return item && annotator && rating ? { item, annotator, label: rating } : null;
    return null;
  }, [annotation, annotators, item, annotator, rating]);

  const balance = useComputed(useMemo(() => (label ? () => classBalance(engine, table, { label }) : null), [engine, table, label]));
  const conflicts = useComputed(
    useMemo(
      () => (label && usedFeatures.length ? () => labelConflicts(engine, table, { features: usedFeatures, label, limit: CONFLICT_EXAMPLES }) : null),
      [engine, table, label, usedFeatures],
    ),
  );
  const agreed = useComputed(
    useMemo(
      () =>
        ratings
          ? async () => {
              const result = await agreement(engine, table, ratings, { lowest: LOWEST_ITEMS });
              return { result, matrix: await agreementMatrix(engine, table, ratings) };
            }
          : null,
      [engine, table, ratings],
    ),
  );

  const add = (step: Parameters<typeof onAddStep>[0]) => {
    onAddStep(step);
    setAdded(step.id);
  };

  const columnSelect = (text: string, value: string, onChange: (value: string) => void, optional = false) => (
    <Field label={text}>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{optional ? '(row number)' : 'Choose…'}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="analysis-view labels-view" aria-label="Labels">
      <header className="view-head">
        <h2>Labels</h2>
        <p className="muted">
          Class balance, conflicting labels and annotator agreement in <strong>{current.label}</strong>.
        </p>
      </header>
      <div className="view-controls">
        <div className="view-form">{columnSelect('Label column', label, setLabel)}</div>
        <ColumnPicks
          legend="Features (identical inputs should share a label)"
          columns={names.filter((name) => name !== label)}
          picked={usedFeatures}
          onChange={setFeatures}
        />
        <fieldset className="choice">
          <legend>Annotators</legend>
          <label>
            <input type="radio" name="labels-annotation" checked={annotation === 'none'} onChange={() => setAnnotation('none')} /> None
          </label>
          <label>
            <input type="radio" name="labels-annotation" checked={annotation === 'wide'} onChange={() => setAnnotation('wide')} /> A column per annotator
          </label>
          <label>
            <input type="radio" name="labels-annotation" checked={annotation === 'long'} onChange={() => setAnnotation('long')} /> A row per rating
          </label>
        </fieldset>
        {annotation === 'wide' ? (
          <>
            <ColumnPicks legend="Annotator columns" columns={names} picked={annotators} onChange={setAnnotators} />
            <div className="view-form">{columnSelect('Item column', item, setItem, true)}</div>
          </>
        ) : null}
        {annotation === 'long' ? (
          <div className="view-form">
            {columnSelect('Item column', item, setItem)}
            {columnSelect('Annotator column', annotator, setAnnotator)}
            {columnSelect('Rating column', rating, setRating)}
          </div>
        ) : null}
      </div>
      <SampleNote sampled={sampled} />
      <AddedNote id={added} />
      {!label && annotation === 'none' ? (
        <p className="view-hint">
          Choose the label column; tick feature columns to find conflicting labels, and name the annotators to measure their agreement.
        </p>
      ) : null}
      <div className="view-cards">
        {label ? (
          <section className="view-card" aria-label="Class balance">
            <header className="view-card-head">
              <h3>Class balance</h3>
              <span className="muted">{label}</span>
            </header>
            <ViewStatus loading={balance.loading} error={balance.error}>
              Counting classes…
            </ViewStatus>
            {balance.value ? (
              <BalanceCard balance={balance.value} label={label} onAdd={(maxRatio) => add(classBalanceStep({ label, maxRatio }, takenStepIds))} />
            ) : null}
          </section>
        ) : null}
        {label ? (
          <section className="view-card" aria-label="Conflicting labels">
            <header className="view-card-head">
              <h3>Conflicting labels</h3>
              <span className="muted">{usedFeatures.length ? `identical ${usedFeatures.join(', ')}` : ''}</span>
            </header>
            {usedFeatures.length === 0 ? <p className="view-hint">Tick the feature columns: rows equal on all of them should carry one label.</p> : null}
            <ViewStatus loading={conflicts.loading} error={conflicts.error}>
              Grouping identical inputs…
            </ViewStatus>
            {conflicts.value ? (
              <ConflictsCard
                conflicts={conflicts.value}
                features={usedFeatures}
                onAdd={(onFail) => add(labelConflictsStep({ features: usedFeatures, label, onFail }, takenStepIds))}
              />
            ) : null}
          </section>
        ) : null}
        {annotation !== 'none' ? (
          <section className="view-card" aria-label="Annotator agreement">
            <header className="view-card-head">
              <h3>Annotator agreement</h3>
            </header>
            {!ratings ? (
              <p className="view-hint">{annotation === 'wide' ? 'Tick at least two annotator columns.' : 'Choose the item, annotator and rating columns.'}</p>
            ) : null}
            <ViewStatus loading={agreed.loading} error={agreed.error}>
              Tallying ratings…
            </ViewStatus>
            {agreed.value && ratings ? (
              <AgreementCard
                result={agreed.value.result}
                matrix={agreed.value.matrix}
                onAdd={(minKappa) => add(agreementStep(ratings, { minKappa }, takenStepIds))}
              />
            ) : null}
          </section>
        ) : null}
      </div>
    </section>
  );
}
