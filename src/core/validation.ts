import * as v from 'valibot';
import { isFieldProblem, type FieldProblem } from './problems';

/** One wrong field, named by its path from the record's data ("email", "wards.0"). */
export interface FieldError {
  field: string;
  code: FieldProblem;
}

/** Turn valibot issues into the catalogue's field problems, first problem per field. */
export function toFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = (issue.path ?? []).map((p) => String(p.key)).join('.') || '_';
    if (seen.has(field)) continue;
    const code: FieldProblem = isFieldProblem(issue.message) ? issue.message : fallbackCode(issue);
    seen.set(field, { field, code });
  }
  return [...seen.values()];
}

/** Issues from valibot's own checks (no message of ours): missing, unknown, or the wrong type. */
function fallbackCode(issue: v.BaseIssue<unknown>): FieldProblem {
  if (issue.input === undefined) return 'required';
  // strictObject reports an unknown key with expected "never".
  if (issue.expected === 'never') return 'unexpected-field';
  if (issue.kind === 'schema') return 'invalid-type';
  return 'invalid-format';
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: toFieldErrors(result.issues) };
}
