import * as v from 'valibot';
import { recordRejections } from './problems';
import { PublicPanel } from './panels/public';
import { LocalizedText, TownProfile } from './profile/schema';

/** Bounds on one sync request: the device splits its outbox to stay within them. */
export const SYNC_LIMITS = { maxRecords: 200, maxBytes: 1_000_000 } as const;

/** The request's outer shape; each record inside is checked on its own so one bad record spoils nothing. */
export const SyncRequest = v.strictObject({
  records: v.pipe(v.array(v.unknown()), v.maxLength(SYNC_LIMITS.maxRecords, 'too-many-records')),
});
export type SyncRequest = v.InferOutput<typeof SyncRequest>;

export const RecordResult = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('stored') }),
  /** The server already has this record (or this person's pledge): safe to mark synced. */
  v.object({ id: v.string(), status: v.literal('duplicate') }),
  v.object({
    id: v.string(),
    status: v.literal('rejected'),
    reason: v.picklist(recordRejections),
    field: v.optional(v.string()),
    code: v.optional(v.string()),
  }),
]);
export type RecordResult = v.InferOutput<typeof RecordResult>;

export const SyncResponse = v.object({
  results: v.array(RecordResult),
  receivedAt: v.string(),
});
export type SyncResponse = v.InferOutput<typeof SyncResponse>;

/** The public pledge wall: approved messages (newest first) and pledges per ward. */
export const PledgeWall = v.object({
  messages: v.array(
    v.object({ id: v.string(), name: v.string(), ward: v.nullable(v.string()), message: v.string(), day: v.string(), locale: v.string() }),
  ),
  byWard: v.array(v.object({ ward: v.nullable(v.string()), count: v.number() })),
});
export type PledgeWall = v.InferOutput<typeof PledgeWall>;

/** A published "you said, we did": what residents said on a theme, and what the council did about it. */
export const PublicOutcome = v.object({
  id: v.string(),
  theme: v.string(),
  eventId: v.nullable(v.string()),
  youSaid: LocalizedText,
  weDid: LocalizedText,
  publishedAt: v.string(),
});
export type PublicOutcome = v.InferOutput<typeof PublicOutcome>;

/** A listening event staff have planned, promoted in advance. */
export const PublicEvent = v.object({
  id: v.string(),
  title: v.string(),
  startsAt: v.string(),
  venue: v.nullable(v.string()),
  ward: v.nullable(v.string()),
  themes: v.array(v.string()),
});
export type PublicEvent = v.InferOutput<typeof PublicEvent>;

/** What every device downloads: the town profile and the public numbers. */
export const Catalog = v.object({
  apiVersion: v.literal(1),
  profile: TownProfile,
  counts: v.object({ pledges: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  wall: v.optional(PledgeWall, { messages: [], byWard: [] }),
  /** Published outcomes, newest first. Optional so that catalogs cached before they existed still parse. */
  outcomes: v.optional(v.array(PublicOutcome), []),
  /** Staff-planned events of the next 60 days, soonest first. */
  events: v.optional(v.array(PublicEvent), []),
  /** Citizen panels open for sign-up, soonest deadline first. */
  panels: v.optional(v.array(PublicPanel), []),
});
/**
 * The parsed catalog. `outcomes` and `events` are always there once parsed (they default to []), but a
 * catalog built on the device (the built-in one) may leave them out.
 */
export type Catalog = Omit<v.InferOutput<typeof Catalog>, 'outcomes' | 'events' | 'panels'> &
  Partial<Pick<v.InferOutput<typeof Catalog>, 'outcomes' | 'events' | 'panels'>>;
