/** Keyboard shortcuts, and how filters are written. */
import { shortcuts } from './shortcuts';

export function HelpPanel({ onClose }: { onClose(): void }) {
  return (
    <aside className="side-panel" aria-label="Help">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={onClose} aria-label="Close help">
          ✕
        </button>
      </header>
      <table className="stats">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Filters</h3>
      <p>
        Type in a column’s filter box: text matches anywhere (any case); <code>=Oslo</code> matches exactly; numbers and dates take <code>&gt; 5</code>, <code>&lt;= 2024-01-31</code>, <code>10..20</code>; any column takes <code>null</code> or <code>not null</code>.
      </p>
    </aside>
  );
}
