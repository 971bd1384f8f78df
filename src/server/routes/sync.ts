import { Hono } from 'hono';
import * as v from 'valibot';
import { checkRecord, recordKinds, type ValidRecord } from '../../core/records/kinds';
import { SyncRequest, type RecordResult, type SyncResponse } from '../../core/sync';
import type { AppContext } from '../context';
import { problem } from '../http/problem';
import { storeRecords } from '../records/store';

/** POST /api/v1/sync: a batch of records in, one result per record out, after the commit. */
export function syncRoutes(ctx: AppContext) {
  const app = new Hono();
  app.post('/', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return problem(c, 'unsupported-media-type', 'Send the batch as application/json.');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problem(c, 'malformed-json');
    }
    const batch = v.safeParse(SyncRequest, body);
    if (!batch.success) {
      const tooMany = batch.issues.some((i) => i.message === 'too-many-records');
      return tooMany ? problem(c, 'too-many-records') : problem(c, 'invalid-request', 'Expected {"records": [...]}.');
    }

    const profile = await ctx.profile();
    const results: (RecordResult | undefined)[] = [];
    const valid: ValidRecord[] = [];
    const slots = new Map<ValidRecord, number>();
    for (const input of batch.output.records) {
      const checked = checkRecord(input, profile);
      if (checked.ok) {
        slots.set(checked.record, results.length);
        results.push(undefined);
        valid.push(checked.record);
      } else {
        const first = checked.errors?.[0];
        results.push({
          id: checked.id ?? '',
          status: 'rejected',
          reason: checked.reason,
          ...(first ? { field: first.field, code: first.code } : {}),
        });
      }
    }

    // Public kinds need no device, so they are rate limited per client address.
    const publicCount = valid.filter((r) => recordKinds[r.kind].public).length;
    if (publicCount > 0) {
      const verdict = ctx.publicLimiter.take(ctx.clientAddress(c), publicCount);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.retryAfter));
        return problem(c, 'rate-limited');
      }
    }

    const receivedAt = ctx.now().toISOString();
    const stored = await storeRecords(ctx.db.db, valid, receivedAt);
    valid.forEach((r, i) => {
      results[slots.get(r) ?? -1] = stored[i];
    });
    const answer: SyncResponse = { results: results.filter((r): r is RecordResult => r !== undefined), receivedAt };
    ctx.log.info('sync', { records: batch.output.records.length, stored: answer.results.filter((r) => r.status === 'stored').length });
    return c.json(answer);
  });
  app.all('/', (c) => problem(c, 'method-not-allowed'));
  return app;
}
