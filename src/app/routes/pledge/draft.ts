import { createStore } from 'solid-js/store';
import { pledgeSchema } from '../../../core/records/pledge';
import type { TownProfile } from '../../../core/profile/schema';
import { check, type FieldError } from '../../../core/validation';

/**
 * The pledge being filled in. Held in memory only, never in storage, so a half-typed pledge on a shared
 * tablet is gone with the page; it becomes a record only when the resident presses "Sign".
 */
export interface PledgeDraft {
  read: boolean;
  name: string;
  ward: string;
  message: string;
  showMessage: boolean;
  email: string;
  emailConsent: boolean;
}

const empty: PledgeDraft = { read: false, name: '', ward: '', message: '', showMessage: false, email: '', emailConsent: false };
const [draft, setDraft] = createStore<PledgeDraft>({ ...empty });
export { draft, setDraft };

export function resetDraft(): void {
  setDraft({ ...empty });
}

export function isJourneyInProgress(): boolean {
  return draft.read && (draft.name !== '' || draft.message !== '' || draft.email !== '');
}

export function pledgeData(profile: TownProfile): Record<string, unknown> {
  return {
    pledgeVersion: profile.pledge.version,
    name: draft.name,
    ...(draft.ward ? { ward: draft.ward } : {}),
    ...(draft.message ? { message: draft.message } : {}),
    showMessage: draft.showMessage,
    ...(draft.email ? { email: draft.email } : {}),
    emailConsent: draft.emailConsent,
  };
}

/** The core schema's verdict on the fields of one step. */
export function stepErrors(profile: TownProfile, fields: readonly string[]): FieldError[] {
  const result = check(pledgeSchema(profile), pledgeData(profile));
  return result.ok ? [] : result.errors.filter((e) => fields.includes(e.field));
}
