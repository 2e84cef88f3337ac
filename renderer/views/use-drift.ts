/**
 * The drift view's data: every column compared with pipelines/stats/drift (one column at a time,
 * so the view shows progress and can stop), each row's sparkline, and the selected column's
 * distributions. All of it runs in the engine; results arrive as small summaries.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import { isInternalColumn } from '../../pipelines/table/rejects';
import { columnDrift, NotComparedError, type ColumnDriftOptions } from '../../pipelines/stats/drift/drift';
import { columnSamples } from '../../pipelines/stats/drift/samples';
import type { ColumnDrift, Relation, SkippedColumn } from '../../pipelines/stats/drift/types';
import {
  columnDistributions,
  sparklineShares,
  type CategoryShares,
  type ColumnDistributions as Distributions,
  type EcdfCurves,
  type Histograms,
} from '../../pipelines/charts/drift-distributions';
import { problemText } from './view-parts';
import { useLiveEffect } from '../components/use-live-effect';

export interface DriftComparison {
  columns: ColumnDrift[];
  skipped: SkippedColumn[];
  /** Columns looked at so far, of `total`. */
  done: number;
  total: number;
  running: boolean;
  error: string | null;
  /** Stops after the column being compared. */
  stop(): void;
  /** Compares one column again with another method or threshold. */
  recompare(column: string, options: ColumnDriftOptions): Promise<void>;
}

const NONE_EXCLUDED: ReadonlyMap<string, string> = new Map();

/** The current data's columns in order, then the baseline's that it lacks (as detectDrift orders them). */
function columnNames(baseline: Relation, current: Relation): string[] {
  const names = current.columns.map((column) => column.name).filter((name) => !isInternalColumn(name));
  return [...names, ...baseline.columns.map((column) => column.name).filter((name) => !isInternalColumn(name) && !names.includes(name))];
}

/** Every column compared in turn, except `excluded` (column -> why), which are listed as skipped with their reason. */
export function useDriftComparison(
  engine: Engine,
  baseline: Relation | null,
  current: Relation | null,
  excluded: ReadonlyMap<string, string> = NONE_EXCLUDED,
): DriftComparison {
  const [columns, setColumns] = useState<ColumnDrift[]>([]);
  const [skipped, setSkipped] = useState<SkippedColumn[]>([]);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stopped = useRef(false);

  useLiveEffect(
    (live) => {
      setColumns([]);
      setSkipped([]);
      setDone(0);
      setError(null);
      if (!baseline || !current) {
        setTotal(0);
        return;
      }
      stopped.current = false;
      const names = columnNames(baseline, current);
      setTotal(names.length);
      setRunning(true);
      void (async () => {
        for (const [index, name] of names.entries()) {
          if (!live() || stopped.current) break;
          const reason = excluded.get(name);
          if (reason !== undefined) {
            setSkipped((previous) => [...previous, { column: name, reason }]);
            setDone(index + 1);
            continue;
          }
          try {
            const result = await columnDrift(engine, baseline, current, name);
            if (live()) setColumns((previous) => [...previous, result]);
          } catch (failure) {
            if (!live()) return;
            if (!(failure instanceof NotComparedError)) {
              setError(`Comparing “${name}” failed: ${problemText(failure)}`);
              break;
            }
            setSkipped((previous) => [...previous, { column: name, reason: failure.reason }]);
          }
          if (live()) setDone(index + 1);
        }
        if (live()) setRunning(false);
      })();
    },
    [engine, baseline, current, excluded],
  );

  const stop = useCallback(() => {
    stopped.current = true;
  }, []);

  const recompare = useCallback(
    async (column: string, options: ColumnDriftOptions) => {
      if (!baseline || !current) return;
      const result = await columnDrift(engine, baseline, current, column, options);
      setColumns((previous) => previous.map((entry) => (entry.column === column ? result : entry)));
    },
    [engine, baseline, current],
  );

  return { columns, skipped, done, total, running, error, stop, recompare };
}

export interface Sparkline {
  kind: 'numeric' | 'categorical';
  baseline: number[];
  current: number[];
}

/** Each compared column's sparkline, computed one after another once the comparison is done. */
export function useSparklines(
  engine: Engine,
  baseline: Relation | null,
  current: Relation | null,
  columns: readonly ColumnDrift[],
  ready: boolean,
): Map<string, Sparkline> {
  const [lines, setLines] = useState<Map<string, Sparkline>>(new Map());
  // Which columns were started for which pair of relations: a line in flight when the loop
  // restarts (a column compared again) still lands, one for an earlier pair does not.
  const started = useRef(new Set<string>());
  const generation = useRef(0);
  useEffect(() => {
    generation.current += 1;
    started.current = new Set();
    setLines(new Map());
  }, [baseline, current]);
  useLiveEffect(
    (live) => {
      if (!ready || !baseline || !current) return;
      const mine = generation.current;
      void (async () => {
        for (const column of columns) {
          if (!live()) return;
          if (started.current.has(column.column)) continue;
          started.current.add(column.column);
          try {
            const shares = await sparklineShares(engine, columnSamples(baseline, current, column.column, column.type));
            if (generation.current === mine) setLines((previous) => new Map(previous).set(column.column, { kind: column.type, ...shares }));
          } catch {
            // A sparkline is a glance: without one the row still reads.
          }
        }
      })();
    },
    [engine, baseline, current, columns, ready],
  );
  return lines;
}

export interface ColumnDistributions {
  histograms: Histograms | null;
  ecdf: EcdfCurves | null;
  categories: CategoryShares | null;
  loading: boolean;
  error: string | null;
}

/** The selected column's histograms and ECDFs (numeric) or category shares (categorical). */
/**
 * What the Drift tab draws for one column: the core's computation, the very one report.html
 * draws from (pipelines/report/drift-views.ts), so both show the same bins and shares.
 */
export function loadColumnDistributions(
  engine: Engine,
  baseline: Relation,
  current: Relation,
  column: string,
  kind: ColumnDrift['type'],
): Promise<Distributions> {
  return columnDistributions(engine, columnSamples(baseline, current, column, kind));
}

export function useColumnDistributions(engine: Engine, baseline: Relation | null, current: Relation | null, column: ColumnDrift | null): ColumnDistributions {
  const [state, setState] = useState<ColumnDistributions>({ histograms: null, ecdf: null, categories: null, loading: false, error: null });
  const name = column?.column ?? null;
  const kind = column?.type ?? null;
  useLiveEffect(
    (live) => {
      if (!baseline || !current || !name || !kind) {
        setState({ histograms: null, ecdf: null, categories: null, loading: false, error: null });
        return;
      }
      setState({ histograms: null, ecdf: null, categories: null, loading: true, error: null });
      void (async () => {
        try {
          const distributions = await loadColumnDistributions(engine, baseline, current, name, kind);
          if (!live()) return;
          if (distributions.kind === 'numeric')
            setState({ histograms: distributions.histograms, ecdf: distributions.ecdf, categories: null, loading: false, error: null });
          else setState({ histograms: null, ecdf: null, categories: distributions.categories, loading: false, error: null });
        } catch (failure) {
          if (live()) setState({ histograms: null, ecdf: null, categories: null, loading: false, error: problemText(failure) });
        }
      })();
    },
    [engine, baseline, current, name, kind],
  );
  return state;
}
