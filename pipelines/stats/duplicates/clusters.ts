/**
 * Connected components of a graph held in a table, in SQL: every node starts as its own
 * component, then repeatedly takes the smallest component id among itself and its neighbours, and
 * jumps to its component's own id (pointer jumping), until nothing changes. A component's id is
 * its smallest node, so the result does not depend on edge order, threads or engine.
 */
import type { Engine } from '../../engine/engine';
import { ident } from '../../sql';

/**
 * Creates `components(node, component)` from `edges(node_a, node_b)` (both quoted table names;
 * `components` is replaced). Only nodes with at least one edge appear. Returns the rounds taken.
 */
export async function connectedComponents(engine: Engine, edges: string, components: string, scratch: string): Promise<number> {
  const both = `SELECT node_a AS node, node_b AS other FROM ${edges} UNION ALL SELECT node_b, node_a FROM ${edges}`;
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${components} AS SELECT DISTINCT node, node AS component FROM (${both})`);
  for (let round = 1; ; round++) {
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${scratch} AS
       WITH spread AS (
         SELECT c.node, least(c.component, min(n.component)) AS component
         FROM ${components} c JOIN (${both}) e ON e.node = c.node JOIN ${components} n ON n.node = e.other
         GROUP BY c.node, c.component)
       SELECT s.node, least(s.component, j.component) AS component FROM spread s JOIN spread j ON j.node = s.component`,
    );
    const [changed] = await engine.query(`SELECT count(*) AS n FROM ${scratch} s JOIN ${components} c ON c.node = s.node WHERE s.component <> c.component`);
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${components} AS SELECT * FROM ${scratch}; DROP TABLE ${scratch}`);
    if (Number(changed?.n ?? 0) === 0) return round;
  }
}

/** A fresh temp table name for one call's scratch tables (the engine is shared). */
let counter = 0;
export function scratchTable(purpose: string): string {
  return ident(`__winnow_stats_${purpose}_${++counter}`);
}
