/** Keyboard shortcuts, and how filters are written. */
import { useApp } from '../state/store';
import { shortcuts } from './shortcuts';

export function HelpPanel({ onClose }: { onClose(): void }) {
  const settings = useApp((state) => state.settings);
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
      <h3>Working set</h3>
      <p>
        Datasets up to{' '}
        {settings ? `${(settings.memoryBudgetBytes / 1024 ** 3).toFixed(settings.memoryBudgetBytes % 1024 ** 3 ? 1 : 0)} GB` : 'the memory budget'} are worked
        on whole; larger ones through a deterministic sample, said next to every number. Set the budget with <code>--memory-budget 2GB</code> or{' '}
        <code>WINNOW_MEMORY_BUDGET</code>. Winnow {settings?.version}.
      </p>
      <h3>Filters</h3>
      <p>
        Type in a column’s filter box: text matches anywhere (any case); <code>=Oslo</code> matches exactly; numbers and dates take <code>&gt; 5</code>,{' '}
        <code>&lt;= 2024-01-31</code>, <code>10..20</code>, <code>5..</code>, <code>..5</code>; <code>!=ORD</code> excludes a value (and nulls); any column
        takes <code>null</code> or <code>not null</code>.
      </p>
    </aside>
  );
}
