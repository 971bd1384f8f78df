import { createSignal } from 'solid-js';
import type { TownProfile } from '../../../core/profile/schema';
import type { StaffRole } from '../../../core/staff';
import { api, type Answer } from './api';

/** The signed-in staff member, as GET /me and sign-in answer. */
export interface Me {
  id: string;
  email: string;
  role: StaffRole;
  totpEnabled: boolean;
}

/** undefined: not asked yet; null: nobody is signed in. */
const [me, setMe] = createSignal<Me | null | undefined>(undefined);
export { me, setMe };

export async function loadMe(): Promise<Answer<{ user: Me }>> {
  const answer = await api<{ user: Me }>('GET', '/me');
  if (answer.ok) setMe(answer.data.user);
  else if (answer.status === 401) setMe(null);
  return answer;
}

/** The town profile as the server holds it (wards for filters and names), fetched once per visit. */
const [townProfile, setTownProfile] = createSignal<TownProfile | undefined>();
let asked: Promise<unknown> | undefined;
export function staffProfile(): TownProfile | undefined {
  asked ??= api<{ profile: TownProfile }>('GET', '/profile').then((answer) => {
    if (answer.ok) setTownProfile(answer.data.profile);
    else asked = undefined;
  });
  return townProfile();
}

export function wardName(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  return staffProfile()?.wards.find((w) => w.id === id)?.name ?? id;
}

export type PageKey = 'overview' | 'moderation' | 'devices' | 'users' | 'audit' | 'exports' | 'rights' | 'languages' | 'account' | 'events' | 'listening' | 'held' | 'outcomes' | 'panels' | 'missing' | 'reference';

/** The console's pages, in menu order, with the roles that may use each (the server checks again). */
export const pages: { key: PageKey; path: string; roles: readonly StaffRole[] }[] = [
  { key: 'overview', path: '/admin', roles: ['admin', 'analyst', 'coordinator'] },
  { key: 'moderation', path: '/admin/moderation', roles: ['admin'] },
  { key: 'events', path: '/admin/events', roles: ['admin', 'analyst', 'coordinator'] },
  { key: 'listening', path: '/admin/listening', roles: ['admin', 'analyst'] },
  { key: 'held', path: '/admin/held', roles: ['admin'] },
  { key: 'outcomes', path: '/admin/outcomes', roles: ['admin', 'analyst', 'coordinator'] },
  { key: 'panels', path: '/admin/panels', roles: ['admin', 'coordinator'] },
  { key: 'missing', path: '/admin/missing', roles: ['admin', 'analyst', 'coordinator'] },
  { key: 'reference', path: '/admin/reference', roles: ['admin'] },
  { key: 'devices', path: '/admin/devices', roles: ['admin'] },
  { key: 'users', path: '/admin/users', roles: ['admin'] },
  { key: 'audit', path: '/admin/audit', roles: ['admin'] },
  { key: 'exports', path: '/admin/exports', roles: ['admin', 'analyst'] },
  { key: 'rights', path: '/admin/rights', roles: ['admin'] },
  { key: 'languages', path: '/admin/languages', roles: ['admin', 'analyst'] },
  { key: 'account', path: '/admin/account', roles: ['admin', 'analyst', 'coordinator'] },
];

export const pagesFor = (role: StaffRole) => pages.filter((p) => p.roles.includes(role));

/** The page an address belongs to: its own, or for /admin/panels/… (one panel's pages) the panels page. */
export const pageAt = (path: string) => pages.find((p) => p.path === path) ?? (path.startsWith('/admin/panels/') ? pages.find((p) => p.key === 'panels') : undefined);

/** Where to go back to after signing in: only a console page of this site. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !/^\/admin(\/[a-z0-9-]+){0,3}$/.test(next) || next.startsWith('/admin/sign-in') || next.startsWith('/admin/setup')) return '/admin';
  return next;
}
