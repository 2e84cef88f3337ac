import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../pipelines/engine/engine';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { filterPredicate } from './filter';
import { countQuery, pageQuery } from './query';

describe('column filters', () => {
  it('turns comparisons on numbers into SQL with literal values', () => {
    expect(filterPredicate('delay', 'INTEGER', '> 5')).toEqual({ sql: '"delay" > 5' });
    expect(filterPredicate('delay', 'DOUBLE', '10..20')).toEqual({ sql: '"delay" BETWEEN 10 AND 20' });
    expect(filterPredicate('delay', 'BIGINT', '3')).toEqual({ sql: '"delay" = 3' });
    expect(filterPredicate('delay', 'BIGINT', '<> 0')).toEqual({ sql: '"delay" != 0' });
  });

  it('reads dates and timestamps', () => {
    expect(filterPredicate('day', 'DATE', '>= 2024-01-31')).toEqual({ sql: `"day" >= CAST('2024-01-31' AS DATE)` });
    expect(filterPredicate('at', 'TIMESTAMP', '2024-01-01..2024-02-01 12:00')).toEqual({
      sql: `"at" BETWEEN CAST('2024-01-01' AS TIMESTAMP) AND CAST('2024-02-01 12:00' AS TIMESTAMP)`,
    });
  });

  it('matches text by substring, case-insensitively, escaping LIKE wildcards and quotes', () => {
    expect(filterPredicate('city', 'VARCHAR', "O'Hare 50%")).toEqual({ sql: `CAST("city" AS VARCHAR) ILIKE '%O''Hare 50\\%%' ESCAPE '\\'` });
    expect(filterPredicate('city', 'VARCHAR', '=Oslo')).toEqual({ sql: `"city" = 'Oslo'` });
  });

  it('reads open ranges on numbers and times: 5.. is at least 5, ..5 at most 5', () => {
    expect(filterPredicate('delay', 'INTEGER', '5..')).toEqual({ sql: '"delay" >= 5' });
    expect(filterPredicate('delay', 'DOUBLE', '..-2.5')).toEqual({ sql: '"delay" <= -2.5' });
    expect(filterPredicate('delay', 'DOUBLE', ' 1.5 .. ')).toEqual({ sql: '"delay" >= 1.5' });
    expect(filterPredicate('day', 'DATE', '2024-01-31..')).toEqual({ sql: `"day" >= CAST('2024-01-31' AS DATE)` });
    expect(filterPredicate('at', 'TIMESTAMP', '..2024-02-01 12:00')).toEqual({ sql: `"at" <= CAST('2024-02-01 12:00' AS TIMESTAMP)` });
    expect(filterPredicate('delay', 'INTEGER', 'five..')).toEqual({ problem: '"five" is not a number' });
    expect(filterPredicate('delay', 'INTEGER', '..')).toHaveProperty('problem');
  });

  it('keeps two dots in text as text to look for', () => {
    expect(filterPredicate('path', 'VARCHAR', '5..')).toEqual({ sql: `CAST("path" AS VARCHAR) ILIKE '%5..%' ESCAPE '\\'` });
  });

  it('reads != on text as "anything but exactly this"', () => {
    expect(filterPredicate('origin', 'VARCHAR', '!=ORD')).toEqual({ sql: `"origin" != 'ORD'` });
    expect(filterPredicate('origin', 'VARCHAR', '!= ORD')).toEqual({ sql: `"origin" != 'ORD'` });
    expect(filterPredicate('origin', 'VARCHAR', "!=O'Hare")).toEqual({ sql: `"origin" != 'O''Hare'` });
  });

  it('filters nulls on any column', () => {
    expect(filterPredicate('x', 'VARCHAR', 'null')).toEqual({ sql: '"x" IS NULL' });
    expect(filterPredicate('x', 'DOUBLE', 'NOT NULL')).toEqual({ sql: '"x" IS NOT NULL' });
  });

  it('says what is wrong instead of producing SQL from nonsense', () => {
    expect(filterPredicate('delay', 'INTEGER', '> five')).toEqual({ problem: '"five" is not a number' });
    expect(filterPredicate('delay', 'INTEGER', '1; DROP TABLE x')).toHaveProperty('problem');
  });
});

describe('column filters in DuckDB', () => {
  let engine: Engine;
  const matching = async (column: string, type: string, text: string) => {
    const predicate = filterPredicate(column, type, text);
    if ('problem' in predicate) throw new Error(predicate.problem);
    const rows = await engine.query(`SELECT id FROM flights WHERE ${predicate.sql} ORDER BY id`);
    return rows.map((row) => row.id);
  };

  beforeAll(async () => {
    engine = await WasmEngine.createForNode();
    await engine.run(`CREATE TABLE flights AS SELECT * FROM (VALUES
      (1, 'ORD', 3, TIMESTAMP '2024-01-01 08:00'), (2, 'ord', 5, TIMESTAMP '2024-01-02 09:30'),
      (3, 'SFO', 8, TIMESTAMP '2024-01-03 10:00'), (4, NULL, NULL, NULL)) v(id, origin, delay, departed)`);
  });
  afterAll(() => engine.close());

  it('keeps the bound in an open range, and leaves nulls out', async () => {
    expect(await matching('delay', 'INTEGER', '5..')).toEqual([2, 3]);
    expect(await matching('delay', 'INTEGER', '..5')).toEqual([1, 2]);
    expect(await matching('departed', 'TIMESTAMP', '2024-01-02 09:30..')).toEqual([2, 3]);
    expect(await matching('departed', 'TIMESTAMP', '..2024-01-02')).toEqual([1]);
  });

  it('matches text exactly with =, excludes exactly that with !=, and neither keeps nulls', async () => {
    expect(await matching('origin', 'VARCHAR', '=ORD')).toEqual([1]);
    expect(await matching('origin', 'VARCHAR', '!=ORD')).toEqual([2, 3]);
    expect(await matching('origin', 'VARCHAR', 'ord')).toEqual([1, 2]);
  });
});

describe('grid queries', () => {
  const query = {
    table: 'ws."data"',
    columns: [
      { name: 'delay', type: 'INTEGER' },
      { name: 'origin', type: 'VARCHAR' },
    ],
    sort: { column: 'delay', descending: true },
    filters: { origin: 'SF', delay: '' },
  };

  it('pages in a defined order: the sort column, then file order', () => {
    expect(pageQuery(query, 200, 100)).toBe(
      `SELECT "__winnow_row", "delay", "origin" FROM ws."data" WHERE CAST("origin" AS VARCHAR) ILIKE '%SF%' ESCAPE '\\' ORDER BY "delay" DESC NULLS LAST, "__winnow_row" LIMIT 100 OFFSET 200`,
    );
  });

  it('counts the filtered rows', () => {
    expect(countQuery({ ...query, filters: {} })).toBe('SELECT count(*) AS n FROM ws."data"');
  });

  describe('on a table whose row numbers are 1..n in stored order', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await WasmEngine.createForNode();
      await engine.run(`CREATE TABLE pages AS SELECT range + 1 AS "__winnow_row", (range * 7) % 13 AS "delay", 'o' || range AS "origin" FROM range(1000)`);
    });
    afterAll(() => engine.close());

    it('reads a page by row-number range, with the rows ORDER BY ... OFFSET gives, the last page short', async () => {
      const plain = { table: 'pages', columns: query.columns, sort: null, filters: {} };
      const dense = { ...plain, denseRowNumbers: true };
      expect(pageQuery(dense, 200, 100)).toBe(
        'SELECT "__winnow_row", "delay", "origin" FROM pages WHERE "__winnow_row" BETWEEN 201 AND 300 ORDER BY "__winnow_row"',
      );
      for (const [offset, limit] of [
        [0, 100],
        [200, 100],
        [950, 100],
        [1000, 100],
      ] as const) {
        const byRange = await engine.query(pageQuery(dense, offset, limit));
        expect(byRange).toEqual(await engine.query(pageQuery(plain, offset, limit)));
      }
      expect(await engine.query(pageQuery(dense, 950, 100))).toHaveLength(50);
    });

    it('sorts and filters as before: only the unsorted, unfiltered order is read by range', () => {
      expect(pageQuery({ ...query, denseRowNumbers: true }, 200, 100)).toBe(pageQuery(query, 200, 100));
      expect(pageQuery({ ...query, sort: null, denseRowNumbers: true }, 0, 10)).toContain('LIMIT 10 OFFSET 0');
    });
  });
});
