import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { requestProblems, type ProblemBody, type RequestProblemCode } from '../../core/problems';
import { toFieldErrors, type FieldError } from '../../core/validation';

/** Answer with a problem from the catalogue: its HTTP status and a JSON body naming it. */
export function problem(c: Context, code: RequestProblemCode, detail?: string): Response {
  const body: ProblemBody = detail ? { error: code, detail } : { error: code };
  return c.json(body, requestProblems[code] as ContentfulStatusCode);
}

export function fieldsProblem(c: Context, fields: FieldError[]): Response {
  const body: ProblemBody = { error: 'invalid-fields', fields };
  return c.json(body, 400);
}

/** Parse a JSON body against a core schema: the value, or the 4xx answer to send. */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, response: problem(c, 'malformed-json') };
  }
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, response: fieldsProblem(c, toFieldErrors(parsed.issues)) };
}

/** Same, for query parameters. */
export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } {
  const parsed = v.safeParse(schema, c.req.query());
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, response: fieldsProblem(c, toFieldErrors(parsed.issues)) };
}
