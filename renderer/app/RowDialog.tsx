/** One row of the working set, by Winnow's row number: what a failing example points at. */
import { useState } from 'react';
import type { Engine, Row } from '../../pipelines/engine/engine';
import { ROW } from '../../pipelines/table/rejects';
import { ident, literal } from '../../pipelines/sql';
import { useDialog } from '../components/use-dialog';
import { formatCellValue } from '../grid/format-value';
import { useLiveEffect } from '../components/use-live-effect';

interface Shown {
  values: Row;
  /** Each column's DuckDB type, so values read as they do in the grid. */
  types: Record<string, string>;
}

export function RowDialog({ engine, table, row, onClose }: { engine: Engine; table: string; row: number; onClose(): void }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const dialog = useDialog(onClose);
  useLiveEffect(
    (live) => {
      Promise.all([
        engine.query(`SELECT * FROM ${table} WHERE ${ident(ROW)} = ${literal(row)}`),
        // Without types the values still show, as text.
        engine.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${table})`).catch(() => []),
      ]).then(
        ([[found], described]) =>
          live() &&
          setShown({ values: found ?? {}, types: Object.fromEntries(described.map((column) => [String(column.column_name), String(column.column_type)])) }),
        () => live() && setShown({ values: {}, types: {} }),
      );
    },
    [engine, table, row],
  );
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div ref={dialog} className="dialog" role="dialog" aria-modal="true" aria-label={`Row ${row}`} tabIndex={-1} onClick={(event) => event.stopPropagation()}>
        <header>
          <h2>Row {row}</h2>
          <button type="button" onClick={onClose} aria-label="Close row">
            ✕
          </button>
        </header>
        <table className="stats">
          <tbody>
            {Object.entries(shown?.values ?? {}).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name.replace(/^__winnow_/, '⟨winnow⟩ ')}</th>
                <td>{formatCellValue(value, shown?.types[name] ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
