import * as v from 'valibot';
import { Catalog } from '../../core/sync';
import { getMeta, setMeta, type ManyVoicesDb } from './db';

/**
 * The catalog the app starts with before it has ever reached the server: the built-in profile. Loaded as
 * its own (precached) chunk, since most visits start from a cached catalog and never need it.
 */
export async function builtInCatalog(): Promise<Catalog> {
  const { lutonProfile } = await import('../../core/profile/luton');
  return markBuiltIn({ apiVersion: 1, profile: lutonProfile, counts: { pledges: 0 }, wall: { messages: [], byWard: [] } });
}

/**
 * Built-in catalogs carry the profile's English texts only (see core/profile/luton.ts); the app adds the
 * texts of the language in use to them (appState). A catalog from the server is complete as it is.
 */
const builtIn = new WeakSet<Catalog>();
export function markBuiltIn(catalog: Catalog): Catalog {
  builtIn.add(catalog);
  return catalog;
}
export const isBuiltIn = (catalog: Catalog): boolean => builtIn.has(catalog);

/** The last catalog this device received, else the built-in one: the app starts offline from it. */
export async function cachedCatalog(db: ManyVoicesDb): Promise<Catalog> {
  const saved = await getMeta<unknown>(db, 'catalog');
  const parsed = v.safeParse(Catalog, saved);
  return parsed.success ? parsed.output : builtInCatalog();
}

/** Fetch the catalog if it changed (ETag); returns the new one, or undefined when unchanged or offline. */
export async function refreshCatalog(db: ManyVoicesDb, fetcher: typeof fetch = fetch): Promise<Catalog | undefined> {
  const etag = await getMeta<string>(db, 'catalogEtag');
  let response: Response;
  try {
    response = await fetcher('/api/v1/catalog', { headers: etag ? { 'If-None-Match': etag } : {} });
  } catch {
    return undefined;
  }
  if (response.status !== 200) return undefined;
  const parsed = v.safeParse(Catalog, await response.json().catch(() => null));
  if (!parsed.success) return undefined;
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'catalog', parsed.output);
    await setMeta(db, 'catalogEtag', response.headers.get('ETag') ?? undefined);
  });
  return parsed.output;
}
