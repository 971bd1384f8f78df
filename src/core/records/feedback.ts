import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { choice, EventId, maxVisible, optionalChoice, paragraph } from './fields';

export const FEEDBACK_LIMITS = { text: 2000 } as const;

/** Anonymous age bands a point may be tagged with (never a date of birth). */
export const ageBands = ['0-15', '16-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof ageBands)[number];

/** A resident's own words ('quote') or the worker's summary of what was said ('summary'). */
export const feedbackForms = ['quote', 'summary'] as const;
/** Who typed it: the worker, or a resident on the tablet in kiosk mode. */
export const feedbackSources = ['worker', 'resident'] as const;

/**
 * One point said at a listening event, under one theme and one of the Fairness Taskforce's lenses.
 * Anonymous by design: no name, only optional age band and ward tags. The server screens the text for
 * personal data and holds it for staff when it seems to contain some.
 */
export function feedbackSchema(profile: Pick<TownProfile, 'wards' | 'themes' | 'lenses'>) {
  const themeIds = profile.themes.map((t) => t.id);
  const lensIds = profile.lenses.map((l) => l.id);
  const wardIds = profile.wards.map((w) => w.id);
  return v.strictObject({
    /** An event record's id, or an event staff created. */
    eventId: EventId,
    theme: choice(themeIds),
    lens: choice(lensIds),
    text: v.pipe(paragraph(), v.minLength(1, 'required'), maxVisible(FEEDBACK_LIMITS.text)),
    form: choice(feedbackForms),
    source: choice(feedbackSources),
    ageBand: optionalChoice(ageBands),
    ward: optionalChoice(wardIds),
  });
}
export type Feedback = v.InferOutput<ReturnType<typeof feedbackSchema>>;
