import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { checkEnvelope, type EnvelopeCheck, type ValidEnvelope } from './spec';
import { attendanceSchema } from './attendance';
import { eventSchema } from './event';
import { feedbackSchema } from './feedback';
import { pledgeSchema } from './pledge';
import { signupSchema } from './signup';
import { translationReportSchema } from './translationReport';

/**
 * Every record kind the sync endpoint accepts, with the data schema of each version. Adding a kind or a
 * version is an entry here; the device and the server read the same table.
 */
export const recordKinds = {
  pledge: {
    /** Public kinds need no device token; they are rate limited instead. */
    public: true,
    /** Fields that identify a person: dropped from the device once the server has the record. */
    personal: ['name', 'email', 'message'],
    versions: { 1: pledgeSchema },
  },
  /** A resident's request to join citizen panels: contact details, access needs, optional equality answers. */
  signup: {
    public: true,
    personal: [
      'name', 'email', 'phone', 'contactConsent', 'preferredLanguage', 'preferredLanguageOther', 'accessNeeds', 'accessNotes', 'ageBand',
      'equalityConsent', 'gender', 'genderOwnWords', 'ethnicity', 'ethnicityOwnWords', 'disability', 'ward', 'religion', 'religionOwnWords',
    ],
    versions: { 1: signupSchema },
  },
  /** A listening event a worker starts on the spot. Enrolled devices only, as for the two kinds below. */
  event: {
    public: false,
    personal: [],
    versions: { 1: eventSchema },
  },
  /** One point said at an event: anonymous by design (no name; the text is screened on the server). */
  feedback: {
    public: false,
    personal: [],
    versions: { 1: feedbackSchema },
  },
  /** A session's head count. */
  attendance: {
    public: false,
    personal: [],
    versions: { 1: attendanceSchema },
  },
  /** A resident reporting a poor translation: public like the pledge, anonymous (the text is screened). */
  'translation-report': {
    public: true,
    // Free text a resident typed: not kept on the device once the server has it, like any resident's words.
    personal: ['problem', 'where'],
    versions: { 1: translationReportSchema },
  },
} as const satisfies Record<
  string,
  { public: boolean; personal: readonly string[]; versions: Record<number, (p: TownProfile) => v.GenericSchema> }
>;
export type RecordKind = keyof typeof recordKinds;
export const CURRENT_VERSION: Record<RecordKind, number> = { pledge: 1, event: 1, feedback: 1, attendance: 1, 'translation-report': 1, signup: 1 };

export type ValidRecord = ValidEnvelope<RecordKind>;
export type RecordCheck = EnvelopeCheck<RecordKind>;

// Schemas are built from the profile (ward lists...); build each once per profile object, not per record.
const schemaCache = new WeakMap<TownProfile, Map<string, v.GenericSchema>>();
function schemaFor(kind: RecordKind, version: number, profile: TownProfile): v.GenericSchema | undefined {
  let byKind = schemaCache.get(profile);
  if (!byKind) schemaCache.set(profile, (byKind = new Map()));
  const key = `${kind}@${version}`;
  let schema = byKind.get(key);
  if (!schema) {
    const versions: Record<number, ((p: TownProfile) => v.GenericSchema) | undefined> = recordKinds[kind].versions;
    schema = versions[version]?.(profile);
    if (schema) byKind.set(key, schema);
  }
  return schema;
}

function isKind(kind: string): kind is RecordKind {
  return Object.hasOwn(recordKinds, kind);
}

export interface CheckOptions {
  /**
   * Whether the sender is an enrolled device. The server says so (true or false); when it is false, a record
   * of a kind that is not public is refused as `device-required` before its data is looked at. Left out (on
   * the device itself), no such check is made.
   */
  enrolledDevice?: boolean;
}

/** Check one record as it arrives: envelope first, then the data schema of its kind and version. */
export function checkRecord(input: unknown, profile: TownProfile, options: CheckOptions = {}): RecordCheck {
  return checkEnvelope<RecordKind>(input, ({ kind, schemaVersion }) => {
    if (!isKind(kind)) return 'unknown-kind';
    if (options.enrolledDevice === false && !recordKinds[kind].public) return 'device-required';
    const schema = schemaFor(kind, schemaVersion, profile);
    return schema ? { kind, schemaVersion, schema } : 'unsupported-schema-version';
  });
}
