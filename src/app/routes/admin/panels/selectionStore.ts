import { createRoot } from 'solid-js';
import { createSelection } from './selectionClient';

/**
 * One selection worker per panel for the whole visit: a staff member can leave the selection page while it
 * runs (the console stays usable) and come back to its progress or its result.
 */
const selections = new Map<string, ReturnType<typeof createSelection>>();

export function selectionFor(panelId: string): ReturnType<typeof createSelection> {
  let selection = selections.get(panelId);
  if (!selection) {
    selection = createRoot(() => createSelection());
    selections.set(panelId, selection);
  }
  return selection;
}
