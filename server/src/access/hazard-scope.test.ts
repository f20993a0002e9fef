import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { seedDemoHazards } from '../modules/hazards/hazard.demo';
import { createTestContext, orgIdByName, type TestContext } from '../testing';
import { hazardScope } from './access';
import type { Actor } from './actor';

/** The hazard scope: a hazard is seen exactly where its mine is (one named test per org kind). */
const compilers = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};
const base: Actor = {
  userId: 'u',
  username: 'u',
  roles: ['regulator_officer'],
  orgId: 'ORG',
  orgKind: 'county',
  orgPath: '/P/C/ORG/',
  regionCode: '140923',
  coveredRegions: [],
  ip: null,
};
const actors: Record<string, Actor> = {
  province: { ...base, orgKind: 'province', orgPath: '/P/', regionCode: '140000' },
  division: { ...base, orgKind: 'division', coveredRegions: ['1409'] },
  city: { ...base, orgKind: 'city', orgPath: '/P/C/', regionCode: '140900' },
  county: base,
  group: { ...base, roles: ['group_officer'], orgKind: 'group' },
  mine: { ...base, roles: ['mine_safety_officer'], orgKind: 'mine' },
  admin: { ...base, roles: ['sys_admin'], orgKind: 'province' },
};

describe.each(Object.entries(compilers))('hazard scope SQL on %s', (name, db) => {
  it.each(Object.entries(actors))('%s', (kind, actor) => {
    const compiled = db.selectFrom('hazards as h').select('h.id').where(hazardScope(actor)).compile();
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
});

it('administrators (三员) read no hazards', async () => {
  const cookie = await ctx.login('sx-admin');
  expect((await ctx.app.inject({ method: 'GET', url: '/api/hazards', headers: { cookie } })).statusCode).toBe(
    403,
  );
});
