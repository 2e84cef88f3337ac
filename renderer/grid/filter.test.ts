import { describe, expect, it } from 'vitest';
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

  it('filters nulls on any column', () => {
    expect(filterPredicate('x', 'VARCHAR', 'null')).toEqual({ sql: '"x" IS NULL' });
    expect(filterPredicate('x', 'DOUBLE', 'NOT NULL')).toEqual({ sql: '"x" IS NOT NULL' });
  });

  it('says what is wrong instead of producing SQL from nonsense', () => {
    expect(filterPredicate('delay', 'INTEGER', '> five')).toEqual({ problem: '"five" is not a number' });
    expect(filterPredicate('delay', 'INTEGER', '1; DROP TABLE x')).toHaveProperty('problem');
  });
});

describe('grid queries', () => {
  const query = { table: 'ws."data"', columns: [{ name: 'delay', type: 'INTEGER' }, { name: 'origin', type: 'VARCHAR' }], sort: { column: 'delay', descending: true }, filters: { origin: 'SF', delay: '' } };

  it('pages in a defined order: the sort column, then file order', () => {
    expect(pageQuery(query, 200, 100)).toBe(
      `SELECT "__winnow_row", "delay", "origin" FROM ws."data" WHERE CAST("origin" AS VARCHAR) ILIKE '%SF%' ESCAPE '\\' ORDER BY "delay" DESC NULLS LAST, "__winnow_row" LIMIT 100 OFFSET 200`,
    );
  });

  it('counts the filtered rows', () => {
    expect(countQuery({ ...query, filters: {} })).toBe('SELECT count(*) AS n FROM ws."data"');
  });
});
