/** "Add step": every check and transform of the core, grouped and searchable. */
import { useMemo, useState } from 'react';
import { searchCatalog, type CatalogEntry } from './catalog';

export function AddStep({ onAdd, onClose }: { onAdd(entry: CatalogEntry): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const entries = useMemo(() => searchCatalog(query), [query]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, CatalogEntry[]>();
    for (const entry of entries) byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry]);
    return [...byGroup];
  }, [entries]);
  return (
    <div className="add-step" role="dialog" aria-label="Add step">
      <div className="row">
        <input
          autoFocus
          aria-label="Search steps"
          placeholder="Search checks and transforms"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
            if (event.key === 'Enter' && entries[0]) onAdd(entries[0]);
          }}
        />
        <button type="button" onClick={onClose} aria-label="Close step picker">
          ✕
        </button>
      </div>
      <div className="add-step-list">
        {groups.map(([group, members]) => (
          <section key={group} aria-label={group}>
            <h4>{group}</h4>
            {members.map((entry) => (
              <button key={`${entry.kindKey}:${entry.name}`} type="button" onClick={() => onAdd(entry)} aria-label={`Add ${entry.kindKey} ${entry.name}`}>
                <strong>{entry.name}</strong>
                <span>{entry.summary}</span>
              </button>
            ))}
          </section>
        ))}
        {entries.length === 0 ? <p className="muted">No step matches “{query}”.</p> : null}
      </div>
    </div>
  );
}
