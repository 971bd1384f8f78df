import * as v from 'valibot';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const RecordId = v.pipe(v.string('invalid-type'), v.regex(UUID_V7, 'invalid-format'));

/** ISO 8601 instant with a zone, as `Date.prototype.toISOString` writes it. Advisory: the device clock. */
export const Instant = v.pipe(
  v.string('invalid-type'),
  v.isoTimestamp('invalid-format'),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'invalid-format'),
);

export const LanguageCode = v.pipe(
  v.string('invalid-type'),
  v.maxLength(35, 'too-long'),
  v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'invalid-format'),
);

/**
 * The envelope every record travels in. `data` is checked separately against the schema of its kind and
 * version, so an unknown kind can be answered precisely rather than as a generic shape error.
 */
export const Envelope = v.strictObject(
  {
    id: RecordId,
    kind: v.pipe(v.string('invalid-type'), v.regex(/^[a-z][a-z-]{0,39}$/, 'invalid-format')),
    schemaVersion: v.pipe(v.number('invalid-type'), v.integer('invalid-format'), v.minValue(1, 'invalid-format')),
    createdAt: Instant,
    locale: LanguageCode,
    data: v.record(v.string(), v.unknown(), 'invalid-type'),
  },
);
export type Envelope = v.InferOutput<typeof Envelope>;
