import { lutonProfile } from '../../../src/core/profile/luton';
import type { TownProfile } from '../../../src/core/profile/schema';
import { checkRecord, type ValidRecord } from '../../../src/core/records/kinds';
import { SYNC_LIMITS, type RecordResult, type SyncResponse } from '../../../src/core/sync';
import { canonicalJson } from '../../../src/core/text';

/**
 * A stand-in for POST /api/v1/sync, with the real server's contract: the body is parsed, each record is
 * checked with the shared core schema, valid ones are stored by id (a re-send of the same content is a
 * `duplicate`, other content under a used id is an `id-conflict`), and the answer lists one result per
 * record. Faults can be queued to play the network and the server going wrong.
 */
export type Fault =
  /** Nothing goes wrong this time (to let a fault hit a later request). */
  | { type: 'pass' }
  /** The request never reaches the server (offline, DNS, TLS...): fetch rejects. */
  | { type: 'offline' }
  /** The server stores the batch and commits, then the answer is lost on the way back: fetch rejects. */
  | { type: 'lost-answer' }
  /** The server (or a proxy) answers with this status, without touching the store. */
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** The server stores the batch but answers 200 with a body that is not a sync response. */
  | { type: 'garbage'; body: string; store?: boolean };

export interface ServerRequest {
  ids: string[];
  createdAts: string[];
  outcome: 'answered' | 'fault' | 'too-large';
}

export interface FakeServer {
  fetch: typeof fetch;
  /** The town profile the server checks against (staff can change it, e.g. add a ward). */
  profile: TownProfile;
  /** Stored records by id, each with the hash of its content. */
  stored: Map<string, { hash: string; record: ValidRecord }>;
  /** How many times each id was written to the store: must never exceed one. */
  writes: Map<string, number>;
  /** Every request that reached the server, in order. */
  requests: ServerRequest[];
  /** Faults to play, one per request, before behaving normally again. */
  faults: Fault[];
  /** Largest batch accepted before answering 413 (the real limit by default). */
  maxRecords: number;
  /** Every request waits for this before being handled, when set (to hold a drain mid-flight). */
  gate?: Promise<void>;
  /** Resolves each time a request arrives (the latest one). */
  onRequest?: () => void;
  /** How many requests are being handled right now, and the most ever at once. */
  inFlight: number;
  maxInFlight: number;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const contentHash = (r: ValidRecord) =>
  canonicalJson({ kind: r.kind, schemaVersion: r.schemaVersion, createdAt: r.createdAt, locale: r.locale, data: r.data });

export function createFakeServer(options: { profile?: TownProfile; now?: () => number } = {}): FakeServer {
  const now = options.now ?? Date.now;

  const server: FakeServer = {
    profile: options.profile ?? lutonProfile,
    stored: new Map(),
    writes: new Map(),
    requests: [],
    faults: [],
    maxRecords: SYNC_LIMITS.maxRecords,
    inFlight: 0,
    maxInFlight: 0,
    fetch: async (input, init) => {
      server.inFlight++;
      server.maxInFlight = Math.max(server.maxInFlight, server.inFlight);
      try {
        server.onRequest?.();
        if (server.gate) await server.gate;
        return await handle(String(input instanceof Request ? input.url : input), init);
      } finally {
        server.inFlight--;
      }
    },
  };

  function store(records: ValidRecord[]): RecordResult[] {
    return records.map((r) => {
      const hash = contentHash(r);
      const known = server.stored.get(r.id);
      if (known) return known.hash === hash ? { id: r.id, status: 'duplicate' } : { id: r.id, status: 'rejected', reason: 'id-conflict' };
      server.stored.set(r.id, { hash, record: r });
      server.writes.set(r.id, (server.writes.get(r.id) ?? 0) + 1);
      return { id: r.id, status: 'stored' };
    });
  }

  async function handle(url: string, init: RequestInit | undefined): Promise<Response> {
    const fault = server.faults.shift();
    if (fault?.type === 'offline') throw new TypeError('Failed to fetch');

    if (!url.endsWith('/api/v1/sync') || init?.method !== 'POST') return json({ error: 'not-found' }, 404);
    const contentType = new Headers(init.headers).get('Content-Type') ?? '';
    if (!contentType.startsWith('application/json')) return json({ error: 'unsupported-media-type' }, 415);
    let body: unknown;
    try {
      body = JSON.parse(String(init.body));
    } catch {
      return json({ error: 'malformed-json' }, 400);
    }
    const records = (body as { records?: unknown }).records;
    if (!Array.isArray(records)) return json({ error: 'invalid-request' }, 400);
    const request: ServerRequest = {
      ids: records.map((r) => String((r as { id?: unknown }).id)),
      createdAts: records.map((r) => String((r as { createdAt?: unknown }).createdAt)),
      outcome: 'answered',
    };
    server.requests.push(request);
    if (records.length > server.maxRecords) {
      request.outcome = 'too-large';
      return json({ error: 'too-many-records' }, 413);
    }

    if (fault?.type === 'status') {
      request.outcome = 'fault';
      return new Response(fault.body ?? JSON.stringify({ error: 'server-error' }), { status: fault.status, headers: fault.headers ?? {} });
    }

    // Each record on its own: one bad record spoils nothing.
    const results: (RecordResult | undefined)[] = [];
    const valid: ValidRecord[] = [];
    const slots = new Map<ValidRecord, number>();
    for (const input of records) {
      const checked = checkRecord(input, server.profile);
      if (checked.ok) {
        slots.set(checked.record, results.length);
        results.push(undefined);
        valid.push(checked.record);
      } else {
        const first = checked.errors?.[0];
        results.push({ id: checked.id ?? '', status: 'rejected', reason: checked.reason, ...(first ? { field: first.field, code: first.code } : {}) });
      }
    }
    const outcomes = store(fault?.type === 'garbage' && fault.store === false ? [] : valid);
    valid.forEach((r, i) => (results[slots.get(r) ?? -1] = outcomes[i]));

    if (fault?.type === 'lost-answer') {
      request.outcome = 'fault';
      throw new TypeError('network connection was lost');
    }
    if (fault?.type === 'garbage') {
      request.outcome = 'fault';
      return new Response(fault.body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    const answer: SyncResponse = {
      results: results.filter((r): r is RecordResult => r !== undefined),
      receivedAt: new Date(now()).toISOString(),
    };
    return json(answer);
  }

  return server;
}
