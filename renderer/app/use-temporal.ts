/** Whether undo and redo have anything to do, for the toolbar's buttons. */
import { useStore } from 'zustand';
import { useApp } from '../state/store';

export function useTemporalState(): { canUndo: boolean; canRedo: boolean } {
  const past = useStore(useApp.temporal, (state) => state.pastStates.length);
  const future = useStore(useApp.temporal, (state) => state.futureStates.length);
  return { canUndo: past > 0, canRedo: future > 0 };
}
