import * as v from 'valibot';
import { cleanLine, cleanText, visibleLength } from '../text';

/**
 * Building blocks the record schemas share: cleaned text with limits counted as a person counts
 * characters, optional choices where "" means "not given", and ids of other records.
 */

/** A string, cleaned (cleanLine for one-line fields, cleanText where newlines are kept). */
export const cleaned = (clean: (s: string) => string) => v.pipe(v.string('invalid-type'), v.transform(clean));
export const line = () => cleaned(cleanLine);
export const paragraph = () => cleaned(cleanText);

/** At most `n` user-perceived characters, so limits do not punish non-Latin scripts. */
export const maxVisible = (n: number) => v.check<string, 'too-long'>((s) => visibleLength(s) <= n, 'too-long');

/** Empty text means "not given": optional fields come out as undefined, never as "". */
export const emptyToUndefined = v.transform((s: string) => (s === '' ? undefined : s));

/** An optional one-line choice from `ids` (a ward, an age band): "" and absent both mean "not given". */
export const optionalChoice = <const T extends readonly string[]>(ids: T) =>
  v.optional(v.pipe(line(), emptyToUndefined, v.optional(v.picklist(ids, 'invalid-choice'))));

/** A required choice from `ids` (a theme, a lens): absent is `required`, anything else unknown `invalid-choice`. */
export const choice = <const T extends readonly string[]>(ids: T) =>
  v.pipe(v.string('invalid-type'), v.transform((s) => s.trim()), v.picklist(ids, 'invalid-choice'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The id of an event: a device's event record (UUIDv7) or an event staff created (also a UUID). Whether it
 * exists is for the server to say; the schema checks only its form.
 */
export const EventId = v.pipe(v.string('invalid-type'), v.transform((s) => s.trim().toLowerCase()), v.regex(UUID, 'invalid-format'));
