/**
 * The one catalogue of problems a person or a client can meet. Every code is stable (clients and tests
 * match on it) and maps to an i18n key under `errors.` in every locale file.
 *
 * Two families:
 * - request problems: the whole HTTP request is refused, with an HTTP status;
 * - field problems: one field of one record is wrong; the form shows it, the server rejects that record.
 */

export const requestProblems = {
  'malformed-json': 400,
  'invalid-request': 400,
  'body-too-large': 413,
  'too-many-records': 413,
  'rate-limited': 429,
  'not-found': 404,
  'method-not-allowed': 405,
  'unsupported-media-type': 415,
  'server-error': 500,
  /** A staff request without a valid session. */
  unauthenticated: 401,
  /** Signed in, but the role may not do this. */
  forbidden: 403,
  /** A state-changing staff request from another site (Fetch Metadata / Origin). */
  'cross-site-request': 403,
  'invalid-credentials': 401,
  /** The password was right; the account needs its authenticator code. */
  'totp-required': 401,
  'invalid-totp': 401,
  'account-locked': 429,
  /** A one-time link (setup or device invite) that is unknown, used or expired. */
  'link-invalid': 410,
  'already-exists': 409,
  /** A field of a staff request is wrong: `fields` says which and why. */
  'invalid-fields': 400,
  /** An enrolled-device record kind sent without a device token. */
  'device-required': 401,
  /** The device's token was revoked by staff: its records stay on the device. */
  'device-revoked': 401,
  'device-unknown': 401,
} as const;
export type RequestProblemCode = keyof typeof requestProblems;

/** Why one record of a sync batch was refused. */
export const recordRejections = [
  'invalid-field', // a field is missing or wrong; `field` and `code` say which and why
  'unknown-kind',
  'unsupported-schema-version',
  'id-conflict', // the id was used before for different content
  'erased', // staff erased this record at a person's request: it must not come back
  'device-required', // a kind only enrolled outreach devices may send (event, feedback, attendance), sent without a device token
] as const;
export type RecordRejection = (typeof recordRejections)[number];

/** Why one field is wrong. The schemas use these codes as their messages. */
export const fieldProblems = [
  'required',
  'too-long',
  'too-short',
  'invalid-email',
  'invalid-choice',
  'invalid-format',
  'consent-required',
  'invalid-type',
  'unexpected-field',
  /** A password that is common or easy to guess. */
  'weak-password',
  /** The two PINs typed do not match. */
  'pin-mismatch',
  /** A phone number that cannot be dialled as written (UK national, or + and a country code). */
  'invalid-phone',
  /** A panel sign-up with neither an email address nor a phone number. */
  'contact-required',
  /** A sign-up for a panel the server does not have, or has not opened. */
  'unknown-panel',
  /** A sign-up for a panel whose sign-up deadline has passed, or that staff closed. */
  'panel-closed',
  /** The resident's age band is below a chosen panel's minimum age. */
  'below-minimum-age',
  /** Dates in the wrong order: a panel ending before it starts, or a sign-up deadline after the start. */
  'date-order',
  /** A posted selection names someone who is not in the panel's pool. */
  'not-in-pool',
  /** A posted selection's panel does not meet the quotas it was drawn under. */
  'quotas-not-met',
  /** A posted distribution whose probabilities are not a distribution (negative, not summing to 1, wrong size). */
  'invalid-distribution',
  /** Re-running the seeded draw over the posted distribution does not give the posted panel and reserves. */
  'draw-mismatch',
] as const;
export type FieldProblem = (typeof fieldProblems)[number];

export function isFieldProblem(code: string): code is FieldProblem {
  return (fieldProblems as readonly string[]).includes(code);
}

/** The JSON body of every refused HTTP request. */
export interface ProblemBody {
  error: RequestProblemCode;
  detail?: string;
  fields?: { field: string; code: FieldProblem }[];
}

/** i18n key for any code in this catalogue. */
export const problemKey = (code: RequestProblemCode | RecordRejection | FieldProblem): string => `errors.${code}`;
