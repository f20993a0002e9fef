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
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { mineScope } from './access';
import type { Actor } from './actor';

/** Snapshots of the scope SQL on both dialects, so a change to data scope shows in review. */
const dialects = {
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
  division: { ...base, orgKind: 'division', coveredRegions: ['1409', '1410'] },
  city: { ...base, orgKind: 'city', orgPath: '/P/C/', regionCode: '140900' },
  county: base,
  group: { ...base, roles: ['group_officer'], orgKind: 'group' },
  mine: { ...base, roles: ['mine_safety_officer'], orgKind: 'mine' },
  admin: { ...base, roles: ['sys_admin'], orgKind: 'province' },
};

describe.each(Object.entries(dialects))('mine scope SQL on %s', (name, db) => {
  it.each(Object.entries(actors))('%s', (kind, actor) => {
    const compiled = db
      .selectFrom('orgs as o')
      .innerJoin('mines as m', 'm.org_id', 'o.id')
      .select('o.id')
      .where(mineScope(actor))
      .compile();
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toMatchSnapshot(`${name} ${kind}`);
  });
});
