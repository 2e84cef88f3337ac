/** The first rows of a dataset, shown the moment it is opened while the host reads the rest. */
import type { DatasetOpening } from '../../pipelines/protocol/host';
import { ROW } from '../../pipelines/table/rejects';
import { formatCellValue } from './format-value';

export function PreviewGrid({ opening }: { opening: DatasetOpening }) {
  return (
    <main className="dataset">
      <div className="dataset-bar">
        {typeof opening.rows === 'number' ? (
          <span role="status" aria-label="Row count" title="From the Parquet files' metadata: no row was read to count them">
            {opening.rows.toLocaleString()} rows
          </span>
        ) : null}
        <span role="status" aria-label="Reading the dataset">
          Reading all of {opening.name}… the first {opening.preview.length} rows are shown meanwhile.
        </span>
      </div>
      <div className="grid-frame">
        <div className="grid-scroller" role="grid" aria-label="First rows of the dataset" aria-rowcount={opening.preview.length + 1} aria-busy="true">
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
              <div role="columnheader" className="grid-cell grid-number" style={{ width: 84 }}>
                row
              </div>
              {opening.columns.map((column) => (
                <div key={column.name} role="columnheader" className="grid-cell grid-header" style={{ width: 160 }}>
                  <span className="name">{column.name}</span>
                  <span className="header-type">{column.type}</span>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup">
            {opening.preview.map((row, index) => (
              <div key={index} role="row" aria-rowindex={index + 2} className={`grid-row${index % 2 ? ' odd' : ''}`} style={{ height: 28 }}>
                <div role="gridcell" className="grid-cell grid-number" style={{ width: 84 }}>
                  {String(row[ROW] ?? index + 1)}
                </div>
                {opening.columns.map((column) => (
                  <div key={column.name} role="gridcell" className={`grid-cell${row[column.name] === null ? ' null' : ''}`} style={{ width: 160 }}>
                    {formatCellValue(row[column.name], column.type)}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </main>
  );
}
