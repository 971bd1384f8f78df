import type { FieldError } from '../../../core/validation';

/**
 * The staff API (/api/v1/staff). Every request is same-origin with the session cookie; state-changing ones
 * send JSON (the browser adds Sec-Fetch-Site, which the server checks). Problems come back as
 * `{error, fields?}`; a failed connection is the problem `offline`.
 */
export const STAFF_API = '/api/v1/staff';

export interface Problem {
  error: string;
  status: number;
  fields?: FieldError[];
  /** Seconds, from Retry-After (rate limits and locked accounts). */
  retryAfter?: number;
}
export type Answer<T> = ({ ok: true } & { data: T }) | ({ ok: false } & Problem);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

let onSignedOut: (() => void) | undefined;
/** Called when the server says the session is gone (expired, signed out elsewhere, account disabled). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function send(method: Method, path: string, body?: unknown): Promise<Response | undefined> {
  try {
    return await fetch(`${STAFF_API}${path}`, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: method === 'GET' ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    return undefined;
  }
}

async function problemOf(res: Response): Promise<Problem> {
  let error = 'unknown';
  let fields: FieldError[] | undefined;
  try {
    const json = (await res.json()) as { error?: unknown; fields?: unknown };
    if (typeof json.error === 'string') error = json.error;
    if (Array.isArray(json.fields)) fields = json.fields as FieldError[];
  } catch {
    if (res.status >= 500) error = 'server-error';
  }
  const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  if (error === 'unauthenticated') onSignedOut?.();
  return { error, status: res.status, ...(fields ? { fields } : {}), ...(Number.isFinite(retry) ? { retryAfter: retry } : {}) };
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await send(method, path, body);
  if (!res) return { ok: false, error: 'offline', status: 0 };
  if (!res.ok) return { ok: false, ...(await problemOf(res)) };
  try {
    return { ok: true, data: (await res.json()) as T };
  } catch {
    return { ok: false, error: 'server-error', status: res.status };
  }
}

/** A request whose answer is a file to save (a person's data as JSON). */
export async function apiBlob(method: Method, path: string, body?: unknown): Promise<Answer<Blob>> {
  const res = await send(method, path, body);
  if (!res) return { ok: false, error: 'offline', status: 0 };
  if (!res.ok) return { ok: false, ...(await problemOf(res)) };
  return { ok: true, data: await res.blob() };
}

/** Save a blob as a file, through a temporary download link (no new window, nothing inline). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the values that are set. */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
