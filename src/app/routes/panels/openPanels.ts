import type { PublicPanel } from '../../../core/panels/panel';

/** The catalog's panels still taking sign-ups by this device's clock (a cached catalog may be old). */
export function openPanels(panels: readonly PublicPanel[], now: number): PublicPanel[] {
  return panels.filter((p) => Date.parse(p.signupDeadline) > now);
}
