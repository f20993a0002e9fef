import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHazards } from '../seed/demo-hazards';
import { createTestContext, orgIdByName, type TestContext, walkHazardList } from '../testing';
import { SCOPE_ACTORS, SQL_COMPILERS } from '../testing/sql';
import { hazardScope } from './access';
import { hazardScopeByIndex } from './hazard-index-scope';

/** The hazard scope: a hazard is seen exactly where its mine is (one named test per org kind). */
describe.each(Object.entries(SQL_COMPILERS))('hazard scope SQL on %s', (name, db) => {
  it.each(Object.entries(SCOPE_ACTORS))('%s', (kind, actor) => {
    const compiled = db.selectFrom('hazards as h').select('h.id').where(hazardScope(actor)).compile();
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toMatchSnapshot(`${name} ${kind}`);
  });
});

/** The index form of each kind's scope (only ever ANDed to hazardScope): its SQL, one named test per kind. */
describe.each(Object.entries(SQL_COMPILERS))('hazard scope by index SQL on %s', (name, db) => {
  it.each(Object.entries(SCOPE_ACTORS))('%s', (kind, actor) => {
    const compiled = db.selectFrom('hazards as h').select('h.id').where(hazardScopeByIndex(actor)).compile();
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toMatchSnapshot(`${name} ${kind}`);
  });
});

let ctx: TestContext;
let byMine: Record<string, string[]>;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoHazards(ctx.db);
  const rows = await ctx.db.selectFrom('hazards').select(['id', 'mine_id']).execute();
  const dx = await orgIdByName(ctx.db, '代县示例东山煤矿');
  const yp = await orgIdByName(ctx.db, '原平市示例东山煤矿');
  byMine = {
    dx: rows.filter((r) => r.mine_id === dx).map((r) => r.id),
    yp: rows.filter((r) => r.mine_id === yp).map((r) => r.id),
  };
});
afterAll(() => ctx.close());

const MATRIX = [
  { user: 'sx-officer', sees: ['dx', 'yp'], notSees: [] },
  { user: 'xz-division', sees: ['dx', 'yp'], notSees: [] },
  { user: 'xz-city', sees: ['dx', 'yp'], notSees: [] },
  { user: 'dx-county', sees: ['dx'], notSees: ['yp'] },
  { user: 'dx-mine', sees: ['dx'], notSees: ['yp'] },
  { user: 'yp-mine', sees: ['yp'], notSees: ['dx'] },
  { user: 'grp-a', sees: ['dx', 'yp'], notSees: [] },
];

describe.each(MATRIX)('hazards seen by $user', ({ user, sees, notSees }) => {
  it('reads in-scope hazards, 404 for the others, and lists exactly its scope', async () => {
    const cookie = await ctx.login(user);
    const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    for (const key of sees)
      for (const id of byMine[key]!)
        expect((await get(`/api/hazards/${id}`)).statusCode, `${user} ${key}`).toBe(200);
    for (const key of notSees)
      for (const id of byMine[key]!)
        expect((await get(`/api/hazards/${id}`)).statusCode, `${user} ${key}`).toBe(404);
    const listed = new Set(
      (await get('/api/hazards?limit=200')).json().items.map((h: { id: string }) => h.id),
    );
    expect(listed).toEqual(new Set(sees.flatMap((k) => byMine[k]!)));
  });

  it('its scope by index narrows to the same hazards as its scope', async () => {
    const cookie = await ctx.login(user);
    const walked = await walkHazardList(ctx.app, cookie, '', 100);
    // The count reads hazardScope AND hazardScopeByIndex; the list reads hazardScope.
    const res = await ctx.app.inject({ method: 'GET', url: '/api/hazards/count', headers: { cookie } });
    expect(res.json().total).toBe(walked.length);
  });
});

it('administrators (三员) read no hazards', async () => {
  const cookie = await ctx.login('sx-admin');
  expect((await ctx.app.inject({ method: 'GET', url: '/api/hazards', headers: { cookie } })).statusCode).toBe(
    403,
  );
});
