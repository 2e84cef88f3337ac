/**
 * An effect that starts asynchronous work whose answer may arrive after the inputs changed or the
 * component went away. `live()` says whether this run of the effect is still the current one:
 * an answer that arrives when it is false is dropped, never shown over a newer one.
 *
 * @example
 * useLiveEffect((live) => {
 *   engine.query(sql).then((rows) => live() && setRows(rows));
 * }, [engine, sql]);
 */
import { useEffect, type DependencyList } from 'react';

export function useLiveEffect(effect: (live: () => boolean) => void | (() => void), deps: DependencyList): void {
  useEffect(() => {
    let live = true;
    const cleanup = effect(() => live);
    return () => {
      live = false;
      cleanup?.();
    };
    // The caller lists the effect's inputs, as for useEffect.
  }, deps);
}
