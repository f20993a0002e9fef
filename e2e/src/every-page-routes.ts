/** Every route of the web app and the URL that opens it for an account, detail pages through its records. */
import fs from 'node:fs';
import path from 'node:path';
import type { apiSession } from './harness';
import { REPO_ROOT } from './harness';

/** A record of each kind a detail page shows, the first the account's own lists give. */
export type RecordIds = Partial<Record<'mine' | 'campaign' | 'obligation' | 'notice' | 'hazard', string>>;

/** Each signed-in route of `web/src/router.tsx` (`''` is the home page) and its URL, if the account has a record for it. */
export const ROUTES: Record<string, (ids: RecordIds) => string | undefined> = {
  '': () => '/',
  orgs: () => '/orgs',
  mines: () => '/mines',
  'mines/new': () => '/mines/new',
  'mines/:id': (ids) => ids.mine && `/mines/${ids.mine}`,
  'mines/:id/edit': (ids) => ids.mine && `/mines/${ids.mine}/edit`,
  campaigns: () => '/campaigns',
  'campaigns/:id': (ids) => ids.campaign && `/campaigns/${ids.campaign}`,
  duties: () => '/duties',
  'duties/:id': (ids) => ids.obligation && `/duties/${ids.obligation}`,
  notices: () => '/notices',
  'notices/new': () => '/notices/new',
  'notices/:id': (ids) => ids.notice && `/notices/${ids.notice}`,
  'notices/:id/forward': (ids) => ids.notice && `/notices/${ids.notice}/forward`,
  hazards: () => '/hazards',
  'hazards/new': () => '/hazards/new',
  'hazards/dashboard': () => '/hazards/dashboard',
  'hazards/investigations': () => '/hazards/investigations',
  'hazards/investigations/new': () => '/hazards/investigations/new',
  'hazards/catalogs': () => '/hazards/catalogs',
  'hazards/:id': (ids) => ids.hazard && `/hazards/${ids.hazard}`,
  users: () => '/users',
  audit: () => '/audit',
  'change-password': () => '/change-password',
  '*': () => '/no-such-page',
};

/** The routes outside the signed-in shell. */
export const SIGNED_OUT_ROUTES = ['/login', '/activate'];

/** A route of `web/src/router.tsx` (the index route as `''`) and the permissions it asks for, if any. */
export type RouterRoute = { path: string; anyOf: string[] | null };

/** The routes `web/src/router.tsx` declares, in its order. */
export function routerRoutes(): RouterRoute[] {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'web', 'src', 'router.tsx'), 'utf8');
  return [...source.matchAll(/\{ (?:path: '([^']*)'|index: true)(?:, element: guard\(\[([^\]]*)\])?/g)].map(
    (m) => ({
      path: m[1] ?? '',
      anyOf: m[2] === undefined ? null : [...m[2].matchAll(/'([^']+)'/g)].map((p) => p[1] ?? ''),
    }),
  );
}

/**
 * The URLs an account visits: each route it may open, the first it may not (they all show the
 * same refusal card) and the unknown page.
 */
export function urlsFor(permissions: readonly string[], ids: RecordIds): string[] {
  const routes = routerRoutes().filter((r) => !SIGNED_OUT_ROUTES.includes(r.path));
  const allowed = (r: RouterRoute) => r.anyOf === null || r.anyOf.some((p) => permissions.includes(p));
  const refused = routes.find((r) => !allowed(r));
  return [...routes.filter(allowed), ...(refused ? [refused] : [])].flatMap(
    (r) => ROUTES[r.path]?.(ids) ?? [],
  );
}

/** The first record of each kind in the account's scope (none where it may not read that kind). */
export async function recordIds(session: Awaited<ReturnType<typeof apiSession>>): Promise<RecordIds> {
  const first = async (apiPath: string, query: Record<string, string> = {}) => {
    try {
      return (await session.get<{ items: { id: string }[] }>(apiPath, query)).items[0]?.id;
    } catch {
      return undefined;
    }
  };
  return {
    mine: await first('/mines', { limit: '1' }),
    campaign: await first('/campaigns'),
    obligation:
      (await first('/obligations', { scope: 'mine' })) ?? (await first('/obligations', { scope: 'review' })),
    notice: (await first('/notices', { box: 'inbox' })) ?? (await first('/notices', { box: 'sent' })),
    hazard: await first('/hazards', { limit: '1' }),
  };
}
