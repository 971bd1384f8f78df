import { createStore, type SetStoreFunction } from 'solid-js/store';
import { OWN_WORDS } from '../../../core/panels/answers';
import type { TownProfile } from '../../../core/profile/schema';
import { OTHER_LANGUAGE, signupSchema } from '../../../core/records/signup';
import { check, type FieldError } from '../../../core/validation';

/**
 * A sign-up being filled in: in memory only, never in storage. On a resident's own phone it lives as long
 * as the page (so reading the privacy notice does not lose it); in kiosk mode each journey has its own,
 * gone when the kiosk returns to its start for the next person.
 */
export interface SignupDraft {
  panels: string[];
  /** Panels taken off the choice because they are for older residents (said on the next page). */
  dropped: string[];
  ageBand: string;
  name: string;
  email: string;
  phone: string;
  contactConsent: boolean;
  preferredLanguage: string;
  preferredLanguageOther: string;
  accessNeeds: string[];
  accessNotes: string;
  /** '' until the resident says whether to answer the equality questions. */
  equality: '' | 'answer' | 'skip';
  gender: string;
  genderOwnWords: string;
  ethnicity: string;
  ethnicityOwnWords: string;
  disability: string;
  ward: string;
  religion: string;
  religionOwnWords: string;
}

export const emptyDraft = (): SignupDraft => ({
  panels: [],
  dropped: [],
  ageBand: '',
  name: '',
  email: '',
  phone: '',
  contactConsent: false,
  preferredLanguage: '',
  preferredLanguageOther: '',
  accessNeeds: [],
  accessNotes: '',
  equality: '',
  gender: '',
  genderOwnWords: '',
  ethnicity: '',
  ethnicityOwnWords: '',
  disability: '',
  ward: '',
  religion: '',
  religionOwnWords: '',
});

export type DraftStore = [SignupDraft, SetStoreFunction<SignupDraft>];
export const createDraft = (): DraftStore => createStore<SignupDraft>(emptyDraft());

let shared: DraftStore | undefined;
/** The draft of a resident's own phone: one per page. */
export function sharedDraft(): DraftStore {
  shared ??= createDraft();
  return shared;
}

/** The record's data from the draft: only what applies (nothing but panels and age band under 13). */
export function signupData(d: SignupDraft): Record<string, unknown> {
  if (d.ageBand === 'under-13') return { panels: [...d.panels], ageBand: d.ageBand };
  const given = (value: string) => (value.trim() !== '' ? value : undefined);
  const data: Record<string, unknown> = {
    panels: [...d.panels],
    ageBand: d.ageBand,
    name: d.name,
    email: given(d.email),
    phone: given(d.phone),
    contactConsent: d.contactConsent,
    preferredLanguage: given(d.preferredLanguage),
    preferredLanguageOther: d.preferredLanguage === OTHER_LANGUAGE ? given(d.preferredLanguageOther) : undefined,
    accessNeeds: [...d.accessNeeds],
    accessNotes: given(d.accessNotes),
    equalityConsent: d.equality === 'answer',
  };
  if (d.equality === 'answer') {
    Object.assign(data, {
      gender: given(d.gender),
      genderOwnWords: d.gender === OWN_WORDS ? given(d.genderOwnWords) : undefined,
      ethnicity: given(d.ethnicity),
      ethnicityOwnWords: d.ethnicity === OWN_WORDS || d.ethnicity.startsWith('other-') ? given(d.ethnicityOwnWords) : undefined,
      disability: given(d.disability),
      ward: given(d.ward),
      religion: given(d.religion),
      religionOwnWords: d.religion === 'other' ? given(d.religionOwnWords) : undefined,
    });
  }
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

/** The form field an error belongs to: "panels.0" is the panels question. */
export const fieldOf = (path: string) => path.replace(/\.\d+$/, '');

const schemas = new WeakMap<TownProfile, ReturnType<typeof signupSchema>>();

/** The core schema's verdict on the fields of one step, one error per field. */
export function stepErrors(profile: TownProfile, d: SignupDraft, fields: readonly string[]): FieldError[] {
  let schema = schemas.get(profile);
  if (!schema) schemas.set(profile, (schema = signupSchema(profile)));
  const result = check(schema, signupData(d));
  if (result.ok) return [];
  const seen = new Set<string>();
  return result.errors
    .map((e) => ({ ...e, field: fieldOf(e.field) }))
    .filter((e) => fields.includes(e.field) && !seen.has(e.field) && (seen.add(e.field), true));
}
