import { Hono } from 'hono';
import * as v from 'valibot';
import { checkRecord, recordKinds, type ValidRecord } from '../../core/records/kinds';
import { SyncRequest, type RecordResult, type SyncResponse } from '../../core/sync';
import type { AppContext } from '../context';
import { problem } from '../http/problem';
import { storeRecords } from '../records/store';
import { deviceFromRequest } from '../staff/devices';
import { v7 as uuidv7 } from 'uuid';

/** Text from a client, made safe for any database column: no control characters (PostgreSQL refuses NUL), bounded. */
const storable = (text: string, max: number) => text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, max);

/** POST /api/v1/sync: a batch of records in, one result per record out, after the commit. */
export function syncRoutes(ctx: AppContext) {
  const app = new Hono();
  app.post('/', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return problem(c, 'unsupported-media-type', 'Send the batch as application/json.');
    }
    // An enrolled device identifies itself; a revoked one is refused whole, so it keeps every record.
    const device = await deviceFromRequest(ctx.db.db, c);
    if (device.state === 'revoked') return problem(c, 'device-revoked');
    if (device.state === 'unknown') return problem(c, 'device-unknown');
    const deviceId = device.state === 'ok' ? device.id : null;

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
      // Events, feedback and attendance come only from enrolled devices: `device-required` otherwise.
      const checked = checkRecord(input, profile, { enrolledDevice: deviceId !== null });
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
    // Enrolled devices are known to staff and sync a whole day's records at once: they are not limited.
    const publicCount = valid.filter((r) => recordKinds[r.kind].public).length;
    if (publicCount > 0 && !deviceId) {
      const verdict = ctx.publicLimiter.take(ctx.clientAddress(c), publicCount);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.retryAfter));
        return problem(c, 'rate-limited');
      }
    }

    const receivedAt = ctx.now().toISOString();
    const stored = await storeRecords(ctx.db.db, valid, receivedAt, deviceId);
    valid.forEach((r, i) => {
      results[slots.get(r) ?? -1] = stored[i];
    });
    const answer: SyncResponse = { results: results.filter((r): r is RecordResult => r !== undefined), receivedAt };
    // Sync health for staff: which records were refused and why (ids and codes only, no content).
    const refused = answer.results.filter((r) => r.status === 'rejected');
    if (refused.length > 0) {
      await ctx.db.db
        .insertInto('rejections')
        .values(refused.map((r) => ({
          id: uuidv7(),
          // Ids and field names here come from the client and may be anything: store a safe, bounded form.
          record_id: storable(r.id, 64),
          device_id: deviceId,
          kind: null,
          reason: r.status === 'rejected' ? r.reason : '',
          field: r.status === 'rejected' && r.field ? storable(r.field, 80) : null,
          at: receivedAt,
        })))
        .execute();
    }
    if (deviceId) await ctx.db.db.updateTable('devices').set({ last_sync_at: receivedAt }).where('id', '=', deviceId).execute();
    ctx.log.info('sync', { records: batch.output.records.length, stored: answer.results.filter((r) => r.status === 'stored').length });
    return c.json(answer);
  });
  app.all('/', (c) => problem(c, 'method-not-allowed'));
  return app;
}
