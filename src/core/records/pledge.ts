import * as v from 'valibot';
import { canonicalEmail, cleanLine, cleanText, visibleLength } from '../text';
import type { TownProfile } from '../profile/schema';

export const PLEDGE_LIMITS = { name: 60, message: 280, email: 254 } as const;

const trimmed = (clean: (s: string) => string) => v.pipe(v.string('invalid-type'), v.transform(clean));
const maxVisible = (n: number) => v.check<string, 'too-long'>((s) => visibleLength(s) <= n, 'too-long');
/** Empty text means "not given": optional fields come out as undefined, never as "". */
const emptyToUndefined = v.transform((s: string) => (s === '' ? undefined : s));

// A pragmatic address check (the same one browsers use for type=email), not RFC 5322's full grammar.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/**
 * A resident's harmony pledge. The ward must be one of the profile's wards, so the schema is built from the
 * profile that the device (or server) holds.
 */
export function pledgeSchema(profile: Pick<TownProfile, 'wards'>) {
  const wardIds = profile.wards.map((w) => w.id);
  return v.pipe(
    v.strictObject(
      {
        /** The profile's pledge version the resident read and signed. */
        pledgeVersion: v.pipe(v.string('invalid-type'), v.minLength(1, 'required'), v.maxLength(20, 'too-long'), v.regex(/^[\w.-]+$/, 'invalid-format')),
        /** The name as the resident wants it shown: a first name or a nickname is fine. */
        name: v.pipe(trimmed(cleanLine), v.minLength(1, 'required'), maxVisible(PLEDGE_LIMITS.name)),
        ward: v.optional(v.pipe(trimmed(cleanLine), emptyToUndefined, v.optional(v.picklist(wardIds, 'invalid-choice')))),
        message: v.optional(v.pipe(trimmed(cleanText), maxVisible(PLEDGE_LIMITS.message), emptyToUndefined)),
        /** The resident asked for the message to appear on the public wall (after moderation). */
        showMessage: v.optional(v.boolean('invalid-type'), false),
        email: v.optional(
          v.pipe(
            trimmed(canonicalEmail),
            v.maxLength(PLEDGE_LIMITS.email, 'too-long'),
            emptyToUndefined,
            v.optional(v.pipe(v.string(), v.regex(EMAIL, 'invalid-email'))),
          ),
        ),
        /** Consent to be emailed updates; an email is only accepted with it. */
        emailConsent: v.optional(v.boolean('invalid-type'), false),
      },
    ),
    v.forward(
      v.check((p) => p.email === undefined || p.emailConsent, 'consent-required'),
      ['emailConsent'],
    ),
    // Without a message there is nothing to show: keep the record honest.
    v.transform((p) => ({ ...p, showMessage: p.message !== undefined && p.showMessage })),
  );
}
export type Pledge = v.InferOutput<ReturnType<typeof pledgeSchema>>;

/** The pledge as the device writes it today: kind, version and schema. */
export const pledgeSpec = (profile: Pick<TownProfile, 'wards'>) => ({ kind: 'pledge' as const, schemaVersion: 1, schema: pledgeSchema(profile) });
