import * as v from 'valibot';
import { OptionalEmail, OptionalPhone } from '../contact';
import {
  accessNeeds,
  disabilityAnswers,
  ethnicityAnswers,
  genderAnswers,
  oldEnough,
  OWN_WORDS,
  PREFER_NOT,
  religionAnswers,
  signupAgeBands,
  type SignupAgeBand,
} from '../panels/answers';
import { takesSignups, type PanelStatus } from '../panels/panel';
import type { TownProfile } from '../profile/schema';
import type { FieldError } from '../validation';
import { line, maxVisible, optionalChoice, paragraph, emptyToUndefined } from './fields';

export const SIGNUP_LIMITS = { panels: 20, name: 80, languageOther: 60, accessNotes: 500, ownWords: 100 } as const;

const PANEL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const OTHER_LANGUAGE = 'other' as const;

const ownWords = () => v.optional(v.pipe(line(), maxVisible(SIGNUP_LIMITS.ownWords), emptyToUndefined));

/** Answers that take the resident's own words. */
const takesWords = {
  gender: (a: string | undefined) => a === OWN_WORDS,
  ethnicity: (a: string | undefined) => a === OWN_WORDS || (a !== undefined && a.startsWith('other-')),
  religion: (a: string | undefined) => a === 'other',
};

/** The equality-monitoring fields: optional, each with 'prefer-not-to-say', only kept with their own consent. */
export const equalityFields = ['gender', 'genderOwnWords', 'ethnicity', 'ethnicityOwnWords', 'disability', 'ward', 'religion', 'religionOwnWords'] as const;
/** Fields that are never collected below CONTACT_MIN_AGE (13). */
const grownUpFields = ['name', 'email', 'phone', 'preferredLanguage', 'preferredLanguageOther', 'accessNotes', ...equalityFields] as const;

/**
 * A resident's request to join one or more citizen panels. Contact details (email and/or phone, at least
 * one) with consent to be contacted about the panels; preferred language; access needs; the age band (for
 * the panels' minimum age: no date of birth); and the optional equality answers, which need their own consent.
 * Under 13 nothing but the panels and the age band may be sent: no contact details at all.
 * Whether the panels exist, are open and admit the age band is checked with `signupPanelProblems`.
 */
export function signupSchema(profile: Pick<TownProfile, 'wards' | 'languages'>) {
  const wardIds = [...profile.wards.map((w) => w.id), PREFER_NOT];
  const languages = [...profile.languages.map((l) => l.code), OTHER_LANGUAGE];
  return v.pipe(
    v.strictObject({
      panels: v.pipe(
        v.array(v.pipe(v.string('invalid-type'), v.transform((s) => s.trim().toLowerCase()), v.regex(PANEL_ID, 'unknown-panel')), 'invalid-type'),
        v.minLength(1, 'required'),
        v.maxLength(SIGNUP_LIMITS.panels, 'too-long'),
        v.transform((ids) => [...new Set(ids)]),
      ),
      ageBand: v.pipe(v.optional(v.string('invalid-type'), ''), v.transform((s) => s.trim()), v.minLength(1, 'required'), v.picklist(signupAgeBands, 'invalid-choice')),
      name: v.optional(v.pipe(line(), maxVisible(SIGNUP_LIMITS.name), emptyToUndefined)),
      email: OptionalEmail,
      phone: OptionalPhone,
      /** Agreement to be contacted about the panels chosen: required with contact details. */
      contactConsent: v.optional(v.boolean('invalid-type'), false),
      preferredLanguage: optionalChoice(languages),
      /** The language in the resident's own words, when it is not one the app offers. */
      preferredLanguageOther: v.optional(v.pipe(line(), maxVisible(SIGNUP_LIMITS.languageOther), emptyToUndefined)),
      accessNeeds: v.optional(
        v.pipe(v.array(v.picklist(accessNeeds, 'invalid-choice'), 'invalid-type'), v.transform((ns) => [...new Set(ns)])),
        [],
      ),
      /** Anything else, in the resident's own words (what 'other' means; which language to interpret). */
      accessNotes: v.optional(v.pipe(paragraph(), maxVisible(SIGNUP_LIMITS.accessNotes), emptyToUndefined)),
      equalityConsent: v.optional(v.boolean('invalid-type'), false),
      gender: optionalChoice(genderAnswers),
      genderOwnWords: ownWords(),
      ethnicity: optionalChoice(ethnicityAnswers),
      ethnicityOwnWords: ownWords(),
      disability: optionalChoice(disabilityAnswers),
      ward: optionalChoice(wardIds),
      religion: optionalChoice(religionAnswers),
      religionOwnWords: ownWords(),
    }),
    // Under 13: no contact details, no other personal answers at all.
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.value.ageBand !== 'under-13') return;
      const s = dataset.value as Record<string, unknown>;
      for (const field of grownUpFields) {
        if (s[field] !== undefined) addIssue({ message: 'unexpected-field', path: [pathItem(s, field)] });
      }
      if ((dataset.value.accessNeeds ?? []).length > 0) addIssue({ message: 'unexpected-field', path: [pathItem(s, 'accessNeeds')] });
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.value.ageBand === 'under-13') return;
      const s = dataset.value;
      const at = (field: string): [v.ObjectPathItem] => [pathItem(s as Record<string, unknown>, field)];
      if (s.name === undefined) addIssue({ message: 'required', path: at('name') });
      if (s.email === undefined && s.phone === undefined) addIssue({ message: 'contact-required', path: at('email') });
      else if (!s.contactConsent) addIssue({ message: 'consent-required', path: at('contactConsent') });
      if (s.preferredLanguage === OTHER_LANGUAGE && s.preferredLanguageOther === undefined) addIssue({ message: 'required', path: at('preferredLanguageOther') });
      if (s.accessNeeds.includes('other') && s.accessNotes === undefined) addIssue({ message: 'required', path: at('accessNotes') });
      // Own words only beside the answer that asks for them.
      if (s.genderOwnWords !== undefined && !takesWords.gender(s.gender)) addIssue({ message: 'unexpected-field', path: at('genderOwnWords') });
      if (s.ethnicityOwnWords !== undefined && !takesWords.ethnicity(s.ethnicity)) addIssue({ message: 'unexpected-field', path: at('ethnicityOwnWords') });
      if (s.religionOwnWords !== undefined && !takesWords.religion(s.religion)) addIssue({ message: 'unexpected-field', path: at('religionOwnWords') });
      if (s.gender === OWN_WORDS && s.genderOwnWords === undefined) addIssue({ message: 'required', path: at('genderOwnWords') });
      if (s.ethnicity === OWN_WORDS && s.ethnicityOwnWords === undefined) addIssue({ message: 'required', path: at('ethnicityOwnWords') });
      // Equality answers are kept only with their own, separate consent.
      const answered = equalityFields.some((f) => s[f] !== undefined);
      if (answered && !s.equalityConsent) addIssue({ message: 'consent-required', path: at('equalityConsent') });
    }),
  );
}
export type Signup = v.InferOutput<ReturnType<typeof signupSchema>>;

/** A path item for a custom issue on one field of the sign-up object (valibot's issue path shape). */
function pathItem(input: Record<string, unknown>, key: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input, key, value: input[key] };
}

export const signupSpec = (profile: Pick<TownProfile, 'wards' | 'languages'>) => ({ kind: 'signup' as const, schemaVersion: 1, schema: signupSchema(profile) });

/** What the panel check needs to know about each panel. */
export interface PanelGate {
  id: string;
  minAge: number;
  signupDeadline: string;
  /** Staff side only: devices see open panels alone. */
  status?: PanelStatus;
}

/**
 * The chosen panels against the panels that exist: each must be known and open (`unknown-panel`), still
 * taking sign-ups (`panel-closed`), and for the resident's age (`below-minimum-age`). The device checks
 * against its catalog before saving; the server checks against its own table, with its clock.
 */
export function signupPanelProblems(
  signup: { panels: readonly string[]; ageBand: SignupAgeBand },
  panels: readonly PanelGate[],
  at: { createdAt: string; receivedAt: string },
): FieldError[] {
  const byId = new Map(panels.map((p) => [p.id, p]));
  const codes = signup.panels.map((id): FieldError['code'] | null => {
    const panel = byId.get(id);
    if (!panel || panel.status === 'draft') return 'unknown-panel';
    if (!takesSignups(panel, at.createdAt, at.receivedAt)) return 'panel-closed';
    if (!oldEnough(signup.ageBand, panel.minAge)) return 'below-minimum-age';
    return null;
  });
  // One error for the field, the most fundamental first.
  for (const code of ['unknown-panel', 'panel-closed', 'below-minimum-age'] as const) {
    if (codes.includes(code)) return [{ field: code === 'below-minimum-age' ? 'ageBand' : 'panels', code }];
  }
  return [];
}
