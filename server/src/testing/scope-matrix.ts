import { createHash } from 'node:crypto';
import type { TestContext } from './index';
import { type DocumentedRoute, documentedRoutes, urlOf, valuesAt } from './openapi';
import { type Account, accountOf } from './scope-accounts';
import { type IdRouteNeeds, type ListCheck, RECORD_KINDS, type RecordKind } from './scope-kinds';
import { NOT_RECORD_LISTS } from './scope-not-lists';

/** A GET route with an id, and the kind of record whose ids fill it. */
interface IdRoute {
  route: DocumentedRoute;
  kind: RecordKind;
  needs: IdRouteNeeds | undefined;
}

/** The API document's GET routes as the matrix calls them; `unclaimed` says what no kind covers. */
export interface ClaimedRoutes {
  byId: IdRoute[];
  lists: { route: DocumentedRoute; kind: RecordKind; check: ListCheck }[];
  others: { route: DocumentedRoute; permitted?: (a: Account) => boolean }[];
  unclaimed: string[];
}

const prefixOf = (path: string) => path.slice(0, path.indexOf('{'));
const hasQuery = (query: string | undefined, name: string) =>
  (query ?? '').split('&').some((p) => p.startsWith(`${name}=`));

/** Which kind's ids, lists or reasons cover each GET route of the document. */
export function claimRoutes(routes: readonly DocumentedRoute[]): ClaimedRoutes {
  const claimed: ClaimedRoutes = { byId: [], lists: [], others: [], unclaimed: [] };
  const where = 'server/src/testing/scope-kinds.ts';
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const required = route.query.filter((q) => q.required).map((q) => q.name);
    if (route.pathParameters.length > 0) {
      const kind = RECORD_KINDS.find((k) => k.prefixes.includes(prefixOf(route.path)));
      const needs = kind?.routes?.[route.path];
      if (!kind || route.pathParameters.length > 1) {
        claimed.unclaimed.push(
          `GET ${route.path}: no record kind claims ids under ${prefixOf(route.path)}; add its kind (ids, who may see which) to RECORD_KINDS in ${where}`,
        );
      } else if (required.length > 0 && !needs) {
        claimed.unclaimed.push(
          `GET ${route.path} needs ${required.join(', ')}: give its kind's routes the queries to call it with`,
        );
      } else claimed.byId.push({ route, kind, needs });
      continue;
    }
    const checks = RECORD_KINDS.flatMap((kind) =>
      (kind.lists ?? []).filter((c) => c.path === route.path).map((check) => ({ route, kind, check })),
    );
    const short = checks.find(({ check }) => required.some((name) => !hasQuery(check.query, name)));
    if (short)
      claimed.unclaimed.push(
        `GET ${route.path}: the ${short.kind.name} check does not send ${required.join(', ')}`,
      );
    else if (checks.length > 0) claimed.lists.push(...checks);
    else if (Object.hasOwn(NOT_RECORD_LISTS, route.path))
      claimed.others.push({ route, permitted: NOT_RECORD_LISTS[route.path]?.permitted });
    else
      claimed.unclaimed.push(
        `GET ${route.path}: neither a list of a record kind nor in NOT_RECORD_LISTS (${where}); say which records it lists`,
      );
  }
  const documented = new Set(routes.map((r) => r.path));
  for (const kind of RECORD_KINDS)
    for (const check of kind.lists ?? [])
      if (!documented.has(check.path))
        claimed.unclaimed.push(`the ${kind.name} list ${check.path} is not in the API document`);
  return claimed;
}

export interface MatrixOptions {
  accounts: readonly string[];
  /**
   * Accounts that get every id of every kind (the mine, county and group boundaries), on the kind's
   * first route; its other routes (an alias, a part of the record) get a sample where the kind is large.
   */
  boundaries: readonly string[];
  /** Above this many ids on a route, other accounts get `sampleSize` visible and as many other ids. */
  sampleAbove: number;
  sampleSize: number;
  /** Requests in flight at once (PostgreSQL answers while others wait on the network). */
  concurrency: number;
}

export interface MatrixReport {
  routes: number;
  accounts: number;
  requests: number;
  /** An answer showing what the account may not see: a 200, an id in a list, a 403 that tells it exists. */
  leaks: string[];
  /** A refusal of what the account may see: a 404 or 403, an id missing from a complete list. */
  wronglyRefused: string[];
  /** Anything else: a 5xx, an answer that is neither. */
  unexpected: string[];
}

/** Ids whose order depends only on the id and the account: the same sample every run. */
function sample(ids: readonly string[], salt: string, n: number): string[] {
  const key = (id: string) => createHash('sha1').update(`${salt}:${id}`).digest('hex');
  return [...ids].sort((a, b) => key(a).localeCompare(key(b))).slice(0, n);
}

async function inPool(tasks: readonly (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** Calls every claimed GET route as each account and compares each answer with the expectation. */
export async function runScopeMatrix(ctx: TestContext, options: MatrixOptions): Promise<MatrixReport> {
  const claimed = claimRoutes(await documentedRoutes(ctx.app));
  if (claimed.unclaimed.length > 0) throw new Error(claimed.unclaimed.join('\n'));
  const report: MatrixReport = {
    routes:
      claimed.byId.length + new Set(claimed.lists.map((l) => l.route.path)).size + claimed.others.length,
    accounts: options.accounts.length,
    requests: 0,
    leaks: [],
    wronglyRefused: [],
    unexpected: [],
  };
  const get = async (cookie: string, url: string) => {
    report.requests++;
    return ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  };
  const judge = (who: string, url: string, expected: 200 | 403 | 404, got: number) => {
    if (got === expected || (expected === 200 && got >= 200 && got < 300)) return;
    const line = `${who} GET ${url}: ${got}, expected ${expected}`;
    if (got >= 200 && got < 300) report.leaks.push(line);
    else if (got === 403 && expected === 404) report.leaks.push(`${line} (403 tells that it exists)`);
    else if ((got === 403 || got === 404) && expected === 200) report.wronglyRefused.push(line);
    else report.unexpected.push(line);
  };

  for (const username of options.accounts) {
    const a = await accountOf(ctx.db, username);
    const cookie = await ctx.login(username);
    const visible = new Map<string, Promise<Set<string>>>();
    const seen = (kind: RecordKind) => {
      let ids = visible.get(kind.name);
      if (!ids) {
        ids = kind.visible(ctx.db, a).then((v) => new Set(v));
        visible.set(kind.name, ids);
      }
      return ids;
    };
    const permitted = (route: DocumentedRoute) => !route.permission || a.permissions.has(route.permission);
    const tasks: (() => Promise<void>)[] = [];

    for (const { route, kind, needs } of claimed.byId) {
      const ids = await kind.all(ctx.db);
      const mayView = await seen(kind);
      const queries = needs ? await needs.queries(ctx.db) : [''];
      const param = route.pathParameters[0] ?? 'id';
      let chosen: string[];
      if (!permitted(route)) chosen = ids.slice(0, 3);
      else if (
        ids.length <= options.sampleAbove ||
        (options.boundaries.includes(username) && claimed.byId.find((r) => r.kind === kind)?.route === route)
      )
        chosen = ids;
      else {
        const salt = `${username}${route.path}`;
        chosen = [
          ...sample(
            ids.filter((id) => mayView.has(id)),
            salt,
            options.sampleSize,
          ),
          ...sample(
            ids.filter((id) => !mayView.has(id)),
            salt,
            options.sampleSize,
          ),
        ];
      }
      for (const id of chosen)
        for (const query of queries)
          tasks.push(async () => {
            const url = urlOf(route.path, { [param]: id }, query);
            const res = await get(cookie, url);
            judge(username, url, !permitted(route) ? 403 : mayView.has(id) ? 200 : 404, res.statusCode);
            const listed = needs?.lists;
            if (res.statusCode !== 200 || !listed) return;
            const other = RECORD_KINDS.find((k) => k.name === listed.kind);
            if (!other) throw new Error(`no record kind ${listed.kind}`);
            const within = await seen(other);
            for (const shown of valuesAt(res.json(), listed.at))
              if (!within.has(shown))
                report.leaks.push(`${username} GET ${url} lists ${other.name} ${shown}`);
          });
    }

    for (const { route, kind, check } of claimed.lists)
      tasks.push(async () => {
        const who = `${username} GET ${urlOf(route.path, {}, check.query)}`;
        const allowed = check.permitted ? check.permitted(a) : permitted(route);
        if (!allowed) {
          judge(
            username,
            urlOf(route.path, {}, check.query),
            403,
            (await get(cookie, urlOf(route.path, {}, check.query))).statusCode,
          );
          return;
        }
        const expected =
          check.complete === undefined
            ? null
            : check.complete === 'visible'
              ? [...(await seen(kind))]
              : await check.complete(ctx.db, a);
        const shown = await walk(
          route,
          check,
          (url) => get(cookie, url),
          (got, url) => judge(username, url, 200, got),
        );
        if (shown === null) return;
        // Read after the answer: the audit log grows with every request.
        const within = new Set(await kind.visible(ctx.db, a));
        if (check.count) {
          const count = Number(shown[0]);
          if (expected && count > expected.length)
            report.leaks.push(`${who}: counts ${count}, may see ${expected.length}`);
          if (expected && count < expected.length)
            report.wronglyRefused.push(`${who}: counts ${count}, may see ${expected.length}`);
          return;
        }
        const listed = new Set(shown);
        for (const id of listed) if (!within.has(id)) report.leaks.push(`${who} lists ${kind.name} ${id}`);
        for (const id of expected ?? [])
          if (!listed.has(id)) report.wronglyRefused.push(`${who} leaves out ${kind.name} ${id}`);
      });

    for (const other of claimed.others)
      tasks.push(async () => {
        const { route } = other;
        const allowed = route.public || (permitted(route) && (other.permitted?.(a) ?? true));
        judge(username, route.path, allowed ? 200 : 403, (await get(cookie, route.path)).statusCode);
      });

    await inPool(tasks, options.concurrency);
  }
  return report;
}

/** The ids (or the count) a list shows, through every page; null when it did not answer 200. */
async function walk(
  route: DocumentedRoute,
  check: ListCheck,
  get: (url: string) => Promise<{ statusCode: number; json(): unknown }>,
  failed: (status: number, url: string) => void,
): Promise<string[] | null> {
  const limit = route.query.find((q) => q.name === 'limit')?.schema.maximum;
  const base = [check.query, limit ? `limit=${limit}` : ''].filter(Boolean).join('&');
  const shown: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    const url = urlOf(
      route.path,
      {},
      [base, cursor === null ? '' : `cursor=${encodeURIComponent(cursor)}`].filter(Boolean).join('&'),
    );
    const res = await get(url);
    if (res.statusCode !== 200) {
      failed(res.statusCode, url);
      return null;
    }
    const body = res.json();
    shown.push(...valuesAt(body, check.at));
    cursor = valuesAt(body, ['nextCursor'])[0] ?? null;
    if (cursor === null) return shown;
  }
  throw new Error(`${route.path} never ends its pages`);
}
