/**
 * Top-level sections of a resident locale file that only one journey uses. Each is its own chunk per
 * language, loaded with the journey's page (and precached for offline use); everything else — the home
 * page, the pledge, the layout, errors — comes with the language's first chunk. Keeping journeys' words
 * out of that chunk keeps a first visit small however many journeys the app grows.
 */
export const deferredSections = ['enrol', 'kiosk', 'listen', 'outcomes', 'panels', 'privacy', 'status', 'translationReport', 'wall'] as const;
export type DeferredSection = (typeof deferredSections)[number];
