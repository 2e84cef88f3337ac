/**
 * What a run that takes a while shows: nothing for its first second, then how long it has run
 * and a Cancel button.
 */
import { useEffect, useState } from 'react';

/** How long a run goes unremarked. */
export const QUIET_MS = 1000;

export function RunningNote({ since, label, what, onCancel }: { since: number; label: string; what: string; onCancel(): void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 200);
    return () => window.clearInterval(timer);
  }, []);
  const elapsed = now - since;
  if (elapsed < QUIET_MS) return null;
  return (
    <p className="running-note" role="status" aria-label={label}>
      <span className="spinner" aria-hidden="true" />
      <span>
        {what} for {(elapsed / 1000).toFixed(1)} s…
      </span>
      <button type="button" onClick={onCancel} aria-label={`Cancel: ${label}`}>
        Cancel
      </button>
    </p>
  );
}
