import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from './seed/demo';
import { createTestContext, type TestContext } from './testing';
import { labelProblem, messageProblems } from './testing/fuzz-checks';
import { demoAccountIds, findTarget, Sessions } from './testing/fuzz-targets';
import { formLabels, wrongTypeFor } from './testing/fuzz-values';
import { type DocumentedRoute, documentedRoutes, WRITE_METHODS } from './testing/openapi';

// Every write route of the API document gets an empty body and wrongly typed ones. Each message of
// a 400 must be built from the label table: the field's Chinese label, then what to fix. Zod's own
// wording ("无效输入：期望 string，实际接收 undefined") or a raw key ("comment：…") fails it.

/** Zod's default wording in its English and Chinese locales. */
const ZOD_WORDING = /无效输入|期望|实际接收|Invalid|Expected|Required|received/i;

let ctx: TestContext;
let sessions: Sessions;
let routes: DocumentedRoute[];
let spared: Set<string>;

beforeAll(async () => {
  ctx = await createTestContext();
  sessions = new Sessions(ctx);
  spared = await demoAccountIds(
    ctx,
    DEMO_ACCOUNTS.map((a) => a.username),
  );
  routes = (await documentedRoutes(ctx.app)).filter(
    (r) => WRITE_METHODS.some((m) => m === r.method) && r.body?.contentType === 'application/json',
  );
}, 120_000);
afterAll(() => ctx.close());

/** The bodies: empty, an array for the object, and every field of the wrong type. */
function badBodies(route: DocumentedRoute): { name: string; body: unknown }[] {
  const properties = route.body?.schema.properties ?? {};
  const wrong = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, wrongTypeFor(s)]));
  return [
    { name: 'empty', body: {} },
    { name: 'an array', body: [] },
    { name: 'every field of the wrong type', body: wrong },
  ];
}

describe('400 messages are built from the label table', () => {
  it('every JSON write route, empty and wrongly typed', async () => {
    const problems: string[] = [];
    let answered = 0;
    for (const route of routes) {
      // Public routes (sign-in, activation) count failures per address: one account's worth is enough.
      const target = await findTarget(ctx, sessions, route, { spared });
      const keys = new Set(Object.keys(route.body?.schema.properties ?? {}));
      const labels = target.form ? formLabels(target.form) : [];
      for (const { name, body } of badBodies(route)) {
        const res = await ctx.app.inject({
          method: route.method,
          url: target.url,
          headers: { cookie: await sessions.cookie(target.username), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        if (res.statusCode !== 400) continue;
        answered++;
        const { message, fields = [] } = res.json() as {
          message: string;
          fields?: { field: string; message: string }[];
        };
        const where = `${route.method} ${route.path} (${name})`;
        for (const text of [message, ...fields.map((f) => f.message)]) {
          if (ZOD_WORDING.test(text)) problems.push(`${where}: zod's wording in "${text}"`);
          for (const p of messageProblems(text, keys, [])) problems.push(`${where}: ${p}`);
        }
        for (const f of fields) {
          const p = labelProblem(f.field, f.message, labels);
          if (p) problems.push(`${where}: ${p}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(60);
  }, 600_000);
});
