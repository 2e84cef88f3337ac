/**
 * Rows for the grid, fetched from the working set by pages as they scroll into view, and the
 * filtered row count. A new sort or filter starts a new generation; late answers of an old
 * generation are dropped, so the grid never shows rows of a query it no longer runs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine, Row } from '../../pipelines/engine/engine';
import { countQuery, pageQuery, whereClause, type GridQuery } from './query';

export const PAGE_SIZE = 200;

export interface Pages {
  total: number | null;
  /** The row at an index, or undefined while its page loads. */
  row(index: number): Row | undefined;
  /** Asks for the pages covering [first, last]. */
  want(first: number, last: number): void;
  error: string | null;
  problems: Record<string, string>;
  /** Increments whenever a page arrives, so the grid re-renders. */
  version: number;
}

/**
 * `rows`, when given, is the relation's row count as already known (the working set's, from the
 * host): with no filter the grid takes it rather than counting, so it shows at once even while
 * the engine is busy with other work (profiles, a live run).
 */
export function usePages(engine: Engine | null, query: GridQuery | null, rows?: number): Pages {
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const signature = query ? JSON.stringify([query.table, query.columns, query.sort, query.filters, query.denseRowNumbers]) : '';
  const problems = query ? whereClause(query).problems : {};

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setTotal(null);
    setError(null);
    setVersion((value) => value + 1);
    if (!engine || !query) return;
    const mine = generation.current;
    if (rows !== undefined && !whereClause(query).sql) {
      setTotal(rows);
      return;
    }
    engine.query(countQuery(query)).then(
      ([row]) => mine === generation.current && setTotal(Number(row?.n ?? 0)),
      (failure: Error) => mine === generation.current && setError(failure.message.split('\n')[0] ?? String(failure)),
    );
    // The query object changes identity on every render: its content (the signature) is the dependency.
  }, [engine, signature, rows]);

  const want = useCallback(
    (first: number, last: number) => {
      if (!engine || !query) return;
      const mine = generation.current;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (pages.current.has(page) || pending.current.has(page)) continue;
        pending.current.add(page);
        engine.query(pageQuery(query, page * PAGE_SIZE, PAGE_SIZE)).then(
          (rows) => {
            if (mine !== generation.current) return;
            pages.current.set(page, rows);
            pending.current.delete(page);
            setVersion((value) => value + 1);
          },
          (failure: Error) => {
            if (mine !== generation.current) return;
            pending.current.delete(page);
            setError(failure.message.split('\n')[0] ?? String(failure));
          },
        );
      }
    },
    [engine, signature],
  );

  const row = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
  return { total, row, want, error, problems, version };
}
