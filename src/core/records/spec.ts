import * as v from 'valibot';
import type { RecordRejection } from '../problems';
import { toFieldErrors, type FieldError } from '../validation';
import { Envelope } from './envelope';

/**
 * One record kind at one version, with its data schema. The device saves with the spec of the kind it is
 * writing (so a page carries only its own schema); the server resolves the spec from the kind table.
 */
export interface RecordSpec<K extends string = string> {
  kind: K;
  schemaVersion: number;
  schema: v.GenericSchema;
}

export type ValidEnvelope<K extends string = string> = Omit<Envelope, 'data' | 'kind'> & { kind: K; data: Record<string, unknown> };

export type EnvelopeCheck<K extends string = string> =
  | { ok: true; record: ValidEnvelope<K> }
  | { ok: false; id?: string; reason: RecordRejection; errors?: FieldError[] };

/** The client-sent id, if it sent one as a string: refusals name it so the device can match them. */
export function rawIdOf(input: unknown): { id: string } | Record<string, never> {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { id } : {};
}

/** Check the envelope, then find the spec for its kind and version and check the data against it. */
export function checkEnvelope<K extends string>(
  input: unknown,
  resolve: (envelope: Envelope) => RecordSpec<K> | Exclude<RecordRejection, 'invalid-field'>,
): EnvelopeCheck<K> {
  const idPart = rawIdOf(input);
  const env = v.safeParse(Envelope, input);
  if (!env.success) return { ok: false, ...idPart, reason: 'invalid-field', errors: toFieldErrors(env.issues) };
  const spec = resolve(env.output);
  if (typeof spec === 'string') return { ok: false, ...idPart, reason: spec };
  const data = v.safeParse(spec.schema, env.output.data);
  if (!data.success) {
    const errors = toFieldErrors(data.issues).map((e) => ({ ...e, field: `data.${e.field}` }));
    return { ok: false, ...idPart, reason: 'invalid-field', errors };
  }
  return { ok: true, record: { ...env.output, kind: spec.kind, data: data.output as Record<string, unknown> } };
}
