import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { Instant } from '../records/envelope';
import { line, maxVisible, optionalChoice, emptyToUndefined } from '../records/fields';
import { cleanText } from '../text';
import { balanceCategories, categoryValues, DEFAULT_MIN_AGE, panelMinAges, type BalanceCategory } from './answers';
import { panelFormats, type PublicPanel } from './public';

/**
 * Citizen panels as staff (a panel coordinator or an admin) create them, and as devices see them in the
 * catalog once open.
 */

export { panelFormats, type PanelFormat } from './public';
/** draft: staff only; open: in the catalog, taking sign-ups until the deadline; closed: no more sign-ups. */
export const panelStatuses = ['draft', 'open', 'closed'] as const;
export type PanelStatus = (typeof panelStatuses)[number];

export const PANEL_LIMITS = { topic: 120, description: 2000, place: 200, size: 500, reserves: 500 } as const;

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Staff text per language: English required (the fallback); each cleaned and bounded; empty languages dropped. */
const staffText = (max: number, oneLine: boolean) =>
  v.pipe(
    v.record(
      v.pipe(v.string(), v.regex(LANGUAGE, 'invalid-format')),
      v.pipe(
        v.string('invalid-type'),
        v.transform((s) => (oneLine ? cleanText(s).replace(/\s+/gu, ' ') : cleanText(s))),
        maxVisible(max),
      ),
      'invalid-type',
    ),
    v.transform((t) => Object.fromEntries(Object.entries(t).filter(([, text]) => text !== ''))),
    v.check((t) => typeof t['en'] === 'string' && t['en'] !== '', 'required'),
  );

/** An instant as stored: UTC ISO, so instants compare as text on every database. */
const UtcInstant = v.pipe(Instant, v.transform((s) => new Date(s).toISOString()));

const count = (max: number) =>
  v.pipe(v.number('invalid-type'), v.integer('invalid-format'), v.minValue(0, 'invalid-format'), v.maxValue(max, 'too-long'));

/** Quotas staff set for one category: for each value, at least `min` and at most `max` panel members. */
export const CategoryQuotas = v.strictObject({
  category: v.picklist(balanceCategories, 'invalid-choice'),
  values: v.pipe(
    v.array(
      v.strictObject({
        value: v.pipe(v.string('invalid-type'), v.maxLength(60, 'too-long')),
        min: count(PANEL_LIMITS.size),
        max: count(PANEL_LIMITS.size),
      }),
      'invalid-type',
    ),
    v.maxLength(100, 'too-long'),
  ),
});
export type CategoryQuotas = v.InferOutput<typeof CategoryQuotas>;

/**
 * Quotas per category (the same shape as a sortition category: name → values with min and max), naming only
 * values the category has, each category and value once, with min ≤ max.
 */
export const quotasSchema = (profile: Pick<TownProfile, 'wards'>) =>
  v.pipe(
    v.array(CategoryQuotas, 'invalid-type'),
    v.maxLength(balanceCategories.length, 'too-long'),
    v.check((qs) => new Set(qs.map((q) => q.category)).size === qs.length, 'invalid-format'),
    v.check((qs) => qs.every((q) => q.values.every((x) => categoryValues(q.category, profile.wards).includes(x.value))), 'invalid-choice'),
    v.check((qs) => qs.every((q) => new Set(q.values.map((x) => x.value)).size === q.values.length), 'invalid-format'),
    v.check((qs) => qs.every((q) => q.values.every((x) => x.min <= x.max)), 'invalid-format'),
  );

/**
 * A panel as staff create or change it (POST /panels, PUT /panels/:id). Place is required unless the panel
 * is online only; the sign-up deadline is no later than the start, and the end no earlier than the start.
 */
export function panelSchema(profile: Pick<TownProfile, 'wards'>) {
  const wardIds = profile.wards.map((w) => w.id);
  return v.pipe(
    v.strictObject({
      topic: staffText(PANEL_LIMITS.topic, true),
      description: staffText(PANEL_LIMITS.description, false),
      format: v.picklist(panelFormats, 'invalid-choice'),
      place: v.optional(v.pipe(line(), maxVisible(PANEL_LIMITS.place), emptyToUndefined)),
      ward: optionalChoice(wardIds),
      startsAt: UtcInstant,
      endsAt: UtcInstant,
      signupDeadline: UtcInstant,
      size: v.pipe(count(PANEL_LIMITS.size), v.minValue(1, 'required')),
      reserves: v.optional(count(PANEL_LIMITS.reserves), 0),
      minAge: v.optional(
        v.pipe(
          v.number('invalid-type'),
          v.check((n) => (panelMinAges as readonly number[]).includes(n), 'invalid-choice'),
        ),
        DEFAULT_MIN_AGE,
      ),
      /** The categories the selection will balance on, each once, in the order given. */
      categories: v.optional(
        v.pipe(
          v.array(v.picklist(balanceCategories, 'invalid-choice'), 'invalid-type'),
          v.transform((cs) => [...new Set(cs)] as BalanceCategory[]),
        ),
        [],
      ),
      /** Quotas staff saved for the selection (they may change them before it runs). */
      quotas: v.optional(quotasSchema(profile), []),
      status: v.optional(v.picklist(panelStatuses, 'invalid-choice'), 'draft'),
    }),
    v.forward(
      v.check((p) => p.format === 'online' || p.place !== undefined, 'required'),
      ['place'],
    ),
    v.forward(
      v.check((p) => p.endsAt >= p.startsAt, 'date-order'),
      ['endsAt'],
    ),
    v.forward(
      v.check((p) => p.signupDeadline <= p.startsAt, 'date-order'),
      ['signupDeadline'],
    ),
  );
}
export type PanelInput = v.InferOutput<ReturnType<typeof panelSchema>>;

/** A panel as staff read it. */
export interface StaffPanel extends PanelInput {
  id: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Sign-ups for this panel (each person once). */
  signups: number;
}

export { PublicPanel } from './public';

/**
 * A sign-up made before the deadline may reach the server a little later (the phone was offline): it counts
 * if the device made it before the deadline and it arrives within this many days after.
 */
export const SIGNUP_GRACE_DAYS = 7;

/** Whether a panel takes a sign-up made at `createdAt` (device clock) and received at `receivedAt`. */
export function takesSignups(panel: Pick<PublicPanel, 'signupDeadline'> & { status?: PanelStatus }, createdAt: string, receivedAt: string): boolean {
  if (panel.status !== undefined && panel.status !== 'open') return false;
  const deadline = Date.parse(panel.signupDeadline);
  const received = Date.parse(receivedAt);
  if (received <= deadline) return true;
  const made = Math.min(Date.parse(createdAt), received);
  return made <= deadline && received - deadline <= SIGNUP_GRACE_DAYS * 86_400_000;
}
