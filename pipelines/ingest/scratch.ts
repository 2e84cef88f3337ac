/**
 * The temporary tables one ingest works with. They are named after the target table, so two
 * sources ingested into one engine never share one, and all of them are dropped when the ingest
 * ends, whether it succeeded or not.
 */
import type { Engine } from '../engine/engine';
import { ident } from '../sql';

/** Names and drops the scratch tables of one ingest into `table`. */
export class Scratch {
  private readonly names = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly table: string,
  ) {}

  /** The unquoted name of the scratch table for `purpose`; it is dropped by dropAll(). */
  name(purpose: string): string {
    const name = `${this.table}__${purpose}`;
    this.names.add(name);
    return name;
  }

  async dropAll(): Promise<void> {
    for (const name of this.names) await this.engine.run(`DROP TABLE IF EXISTS ${ident(name)}`);
    this.names.clear();
  }
}
