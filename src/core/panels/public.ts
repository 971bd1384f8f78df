import * as v from 'valibot';

/**
 * A panel as every device sees it in the catalog. Kept apart from the staff schema (panel.ts) because the
 * catalog's schema is part of the first download: it must carry nothing else.
 */
export const panelFormats = ['in-person', 'online', 'hybrid'] as const;
export type PanelFormat = (typeof panelFormats)[number];

/** An open panel: what a resident needs to choose it and to come. */
export const PublicPanel = v.object({
  id: v.string(),
  topic: v.record(v.string(), v.string()),
  description: v.record(v.string(), v.string()),
  format: v.picklist(panelFormats),
  place: v.nullable(v.string()),
  ward: v.nullable(v.string()),
  startsAt: v.string(),
  endsAt: v.string(),
  signupDeadline: v.string(),
  minAge: v.number(),
  size: v.number(),
});
export type PublicPanel = v.InferOutput<typeof PublicPanel>;
