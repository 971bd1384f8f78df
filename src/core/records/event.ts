import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { Instant } from './envelope';
import { line, maxVisible, optionalChoice, emptyToUndefined } from './fields';

export const EVENT_LIMITS = { title: 120, venue: 120, themes: 20 } as const;

/**
 * A listening event: one an outreach worker starts on the spot (offline, as a record) or one staff plan
 * ahead (through the staff API, with the same schema). Wards and themes come from the town profile.
 */
export function eventSchema(profile: Pick<TownProfile, 'wards' | 'themes'>) {
  const wardIds = profile.wards.map((w) => w.id);
  const themeIds = profile.themes.map((t) => t.id);
  return v.strictObject({
    title: v.pipe(line(), v.minLength(1, 'required'), maxVisible(EVENT_LIMITS.title)),
    /** When it starts, as an ISO instant; kept in UTC so that instants compare as text on every database. */
    startsAt: v.pipe(
      Instant,
      // A day that exists: 2026-02-30 is refused, not read as 2 March.
      v.check((s) => {
        const [y = 0, m = 0, d = 0] = s.slice(0, 10).split('-').map(Number);
        const day = new Date(Date.UTC(y, m - 1, d));
        return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
      }, 'invalid-format'),
      v.transform((s) => new Date(s).toISOString()),
    ),
    venue: v.optional(v.pipe(line(), maxVisible(EVENT_LIMITS.venue), emptyToUndefined)),
    ward: optionalChoice(wardIds),
    /** The profile themes the event is about: at least one, each once, in the order given. */
    themes: v.pipe(
      v.array(v.string('invalid-type'), 'invalid-type'),
      v.minLength(1, 'required'),
      v.maxLength(EVENT_LIMITS.themes, 'too-long'),
      v.check((ids) => ids.every((id) => themeIds.includes(id)), 'invalid-choice'),
      v.transform((ids) => [...new Set(ids)]),
    ),
  });
}
export type ListeningEvent = v.InferOutput<ReturnType<typeof eventSchema>>;
