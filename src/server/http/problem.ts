import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requestProblems, type ProblemBody, type RequestProblemCode } from '../../core/problems';

/** Answer with a problem from the catalogue: its HTTP status and a JSON body naming it. */
export function problem(c: Context, code: RequestProblemCode, detail?: string): Response {
  const body: ProblemBody = detail ? { error: code, detail } : { error: code };
  return c.json(body, requestProblems[code] as ContentfulStatusCode);
}
