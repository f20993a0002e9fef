import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from './seed/demo';
import { createTestContext, onPostgres, type TestContext } from './testing';
import { bodylessCases, type FuzzCase, fieldCases, multipartCases, randomCase } from './testing/fuzz-cases';
import { anonymousProblems, answerProblems, type KnownOpen, knownOpen } from './testing/fuzz-checks';
import { demoAccountIds, findTarget, Sessions, send, type Target } from './testing/fuzz-targets';
import { baseValue, formLabels, formSchema, spotsOf } from './testing/fuzz-values';
import { type DocumentedRoute, documentedRoutes, type JsonSchema, WRITE_METHODS } from './testing/openapi';

// Every write route of the API document, with bodies made from its documented schema: each field
// spoiled in turn (wrong type, missing, NUL, lone surrogate, __proto__, impossible dates, numbers out
// of range or past the double range, 1 MB strings, 1,000 levels of nesting), broken uploads, and a
// few random bodies from fast-check. No answer may be a 5xx; every 4xx is the documented body in
// Chinese naming each field by its label; what breaks a documented rule is refused naming the field;
// anonymous calls get 401; the audit chain verifies afterwards.

/** Fixed, printed, and changed only by hand (TIEGUI_FUZZ_SEED) to look further. */
const SEED = Number(process.env.TIEGUI_FUZZ_SEED ?? 20240729);
const RANDOM_RUNS = 3;

/**
 * Failures this suite finds that other branches are fixing (issue 9): printed as warnings while
 * open, and each must still fail here, so the list is emptied as the fixes merge.
 */
// Empty since the fixes of issue 9 (text guard, real dates, own keys, multipart, auth first) merged.
const KNOWN_OPEN: readonly KnownOpen[] = [];

/** Wrong old passwords lock an account: only this one takes them. */
const RESERVED: Readonly<Record<string, string>> = { '/api/auth/change-password': 'dx-mine-head' };

interface Finding {
  route: string;
  case: string;
  problem: string;
}

let ctx: TestContext;
let sessions: Sessions;
let routes: DocumentedRoute[];
let spared: Set<string>;
const findings: Finding[] = [];
const tally: { routes: number; cases: number; requests: number; unreached: string[] } = {
  routes: 0,
  cases: 0,
  requests: 0,
  unreached: [],
};

beforeAll(async () => {
  ctx = await createTestContext();
  sessions = new Sessions(ctx);
  const usernames = DEMO_ACCOUNTS.map((a) => a.username);
  spared = await demoAccountIds(ctx, usernames);
  // A user of no demo account, for the routes that change or reset a user: filed by the system
  // administrator, approved by the security administrator (三员).
  const filed = await send(ctx, sessions, { username: 'sx-admin', url: '/api/users' }, 'POST', {
    username: 'fuzz-target',
    displayName: '测试用户',
    orgId: (await sessions.account('dx-county')).orgId,
    roles: ['inspector'],
  });
  const approved =
    filed.statusCode === 202
      ? await send(
          ctx,
          sessions,
          { username: 'sx-sec', url: `/api/account-changes/${filed.json().id}/actions/approve` },
          'POST',
          {},
        )
      : filed;
  if (approved.statusCode !== 200)
    throw new Error(`creating the target user: ${approved.statusCode} ${approved.body}`);
  // A campaign's own routes go last: closing it would end every obligation's route before its turn.
  routes = (await documentedRoutes(ctx.app))
    .filter((r) => WRITE_METHODS.some((m) => m === r.method))
    .sort(
      (a, b) => Number(a.path.startsWith('/api/campaigns/')) - Number(b.path.startsWith('/api/campaigns/')),
    );
  console.info(
    `fuzz: seed ${SEED} (TIEGUI_FUZZ_SEED), ${RANDOM_RUNS} random bodies per route, ${onPostgres() ? 'PostgreSQL' : 'SQLite'}`,
  );
}, 120_000);
afterAll(() => ctx.close());

const nameOf = (route: DocumentedRoute) => `${route.method} ${route.path}`;

/** The body schema the cases follow: the documented one, a deliverable's `values` by its form. */
function bodySchema(route: DocumentedRoute, target: Target): JsonSchema | null {
  const schema = route.body?.schema ?? null;
  if (!schema || !target.form) return schema;
  return {
    ...schema,
    properties: { ...schema.properties, values: formSchema(target.form, route.path.endsWith('/draft')) },
  };
}

async function runRoute(route: DocumentedRoute, index: number) {
  const findTargetFor = (formKey?: string) =>
    findTarget(ctx, sessions, route, { reserved: RESERVED[route.path], spared, formKey });
  let target = await findTargetFor();
  if (!target.reached) tally.unreached.push(nameOf(route));
  const schema = bodySchema(route, target);
  const keys = new Set(
    schema
      ? spotsOf(schema, baseValue(schema)).flatMap((s) => s.path.filter((p) => typeof p === 'string'))
      : [],
  );
  const readFirst = target.reached;
  const run = async (c: FuzzCase) => {
    // Once no record reads the body any more (each taken case moved one on), the rest test nothing.
    if (readFirst && !target.reached) return;
    tally.cases++;
    const call = async () => {
      tally.requests++;
      return ctx.app.inject({
        method: route.method,
        url: target.url,
        headers: { cookie: await sessions.cookie(target.username), 'content-type': c.contentType },
        payload: c.payload,
      });
    };
    let res = await call();
    // A case that ended the session (logout) is sent again signed in.
    if (res.statusCode === 401) {
      sessions.forget(target.username);
      res = await call();
    }
    const problems = answerProblems(c, res, {
      keys,
      formLabels: target.form ? formLabels(target.form) : [],
      reached: target.reached,
    });
    for (const problem of problems) findings.push({ route: nameOf(route), case: c.name, problem });
    // A case that was taken may have moved the record on: find one that reads the body again.
    if (res.statusCode < 300 && route.pathParameters.length > 0 && target.reached) {
      // A delete can take the last record of its kind: its other cases have nothing left to act on.
      target = (await findTargetFor(target.form?.key).catch(() => null)) ?? { ...target, reached: false };
      if (!target.reached) tally.unreached.push(`${nameOf(route)} (after ${c.name})`);
    }
  };
  const cases =
    route.body === null
      ? bodylessCases()
      : route.body.contentType === 'multipart/form-data'
        ? multipartCases()
        : fieldCases(schema ?? {});
  for (const c of cases) await run(c);
  if (route.body?.contentType !== 'multipart/form-data') {
    await fc.check(
      fc.asyncProperty(randomCase(schema), async (c) => {
        await run(c);
        return true;
      }),
      { seed: SEED + index, numRuns: RANDOM_RUNS },
    );
  }
  tally.routes++;
}

describe('fuzz of every write route', () => {
  it('anonymous calls are 401 and never name a field', async () => {
    for (const route of routes.filter((r) => !r.public)) {
      tally.requests++;
      const res = await ctx.app.inject({
        method: route.method,
        url: route.path.replace(/\{\w+\}/g, '01J0000000000000000000FUZZ'),
        headers: { 'content-type': 'application/json' },
        payload: '[]',
      });
      for (const problem of anonymousProblems({ statusCode: res.statusCode, body: res.body }))
        findings.push({ route: nameOf(route), case: 'anonymous', problem });
    }
    expect(routes.length).toBeGreaterThan(40);
  });

  it('every write route, as an account that may call it', async () => {
    for (const [i, route] of routes.entries()) await runRoute(route, i);
    console.info(
      `fuzz: ${tally.routes} write routes, ${tally.cases} cases, ${tally.requests} requests; ` +
        `${tally.unreached.length} routes whose body no demo record reaches (their checks run after scope and state): ${tally.unreached.join(', ')}`,
    );
  }, 600_000);

  it('the audit chain verifies after the run', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie: await sessions.cookie('sx-audit') },
    });
    const intact = res.statusCode === 200 && Reflect.get(Object(res.json()), 'ok') === true;
    if (!intact) findings.push({ route: 'POST /api/audit/verify', case: 'after the run', problem: res.body });
  });

  it('finds nothing but the known open failures', () => {
    for (const k of KNOWN_OPEN) {
      const open = findings.filter((f) => knownOpen([k], f.route, f.case) === k);
      const routes = new Set(open.map((f) => f.route)).size;
      const example = open[0]
        ? `, e.g. ${open[0].route} ${open[0].case}: ${open[0].problem.slice(0, 160)}`
        : '';
      console.warn(
        `KNOWN_OPEN ${k.item} (${k.branch}) "${k.route}" "${k.case}": ${open.length} on ${routes} routes${example}`,
      );
    }
    expect(findings.filter((f) => !knownOpen(KNOWN_OPEN, f.route, f.case))).toEqual([]);
  });

  it('every known open failure still fails (remove it when its fix merges)', () => {
    const stale = KNOWN_OPEN.filter((k) => !findings.some((f) => knownOpen([k], f.route, f.case)));
    expect(stale).toEqual([]);
  });
});
