/** One row of the working set, by Winnow's row number: what a failing example points at. */
import { useEffect, useState } from 'react';
import type { Engine, Row } from '../../pipelines/engine/engine';
import { ROW } from '../../pipelines/rejects';
import { ident, literal } from '../../pipelines/sql';

export function RowDialog({ engine, table, row, onClose }: { engine: Engine; table: string; row: number; onClose(): void }) {
  const [values, setValues] = useState<Row | null>(null);
  useEffect(() => {
    engine.query(`SELECT * FROM ${table} WHERE ${ident(ROW)} = ${literal(row)}`).then(([found]) => setValues(found ?? {}), () => setValues({}));
  }, [engine, table, row]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-label={`Row ${row}`} onClick={(event) => event.stopPropagation()}>
        <header>
          <h2>Row {row}</h2>
          <button type="button" onClick={onClose} aria-label="Close row">
            ✕
          </button>
        </header>
        <table className="stats">
          <tbody>
            {Object.entries(values ?? {}).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name.replace(/^__winnow_/, '⟨winnow⟩ ')}</th>
                <td>{value === null ? '∅' : String(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
