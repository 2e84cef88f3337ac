/**
 * A sql transform's output keeps the input row order (issue 19): an ORDER BY of the query's own
 * is ignored, so `winnow validate` warns at the step's query; an ORDER BY inside a window, an
 * aggregate, a subquery, a string or a comment is not the query's and draws no warning.
 */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../spec/parse';
import { specWarnings, warningLine } from '../../spec/warnings';

const spec = (query: string) =>
  `version: 1\nname: t\nsources:\n  data:\n    uri: d.csv\nsteps:\n  - id: free\n    transform: sql\n    query: ${JSON.stringify(query)}\n`;
const warningsOf = (query: string) => specWarnings(parseSpec(spec(query), 'p.winnow.yaml'), 'p.winnow.yaml').map(warningLine);

describe('an ORDER BY in a sql transform', () => {
  it.each([
    'SELECT * FROM input ORDER BY age DESC',
    'select * from input where x > 0 order\n  by x',
    'SELECT * FROM (SELECT * FROM input) t ORDER BY 1 LIMIT 5',
  ])('warns that the output keeps the input order: %s', (query) => {
    expect(warningsOf(query)).toEqual([
      'warning: p.winnow.yaml, step "free", field "query": ORDER BY is ignored: the output of a sql transform keeps the input row order',
    ]);
  });

  it.each([
    'SELECT *, row_number() OVER (ORDER BY age) AS rank FROM input',
    "SELECT *, string_agg(name, ',' ORDER BY name) OVER () AS names FROM input",
    "SELECT *, 'ORDER BY' AS label FROM input -- ORDER BY age",
    'SELECT * FROM input /* ORDER BY age */ WHERE "order by" IS NOT NULL',
    'SELECT * FROM input WHERE age IN (SELECT age FROM input ORDER BY age LIMIT 3)',
  ])("does not warn when the ORDER BY is not the query's own: %s", (query) => {
    expect(warningsOf(query)).toEqual([]);
  });
});
