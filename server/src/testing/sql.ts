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
import type { Actor } from '../access/actor';
import type { Database } from '../db/schema';

/** Query builders that only compile (no database), one per dialect, for SQL snapshot tests. */
export const SQL_COMPILERS = {
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

/** One actor of each org kind (and an administrator), for scope snapshots. */
export const SCOPE_ACTORS: Record<string, Actor> = {
  province: { ...base, orgKind: 'province', orgPath: '/P/', regionCode: '140000' },
  division: { ...base, orgKind: 'division', coveredRegions: ['1409', '1410'] },
  city: { ...base, orgKind: 'city', orgPath: '/P/C/', regionCode: '140900' },
  county: base,
  group: { ...base, roles: ['group_officer'], orgKind: 'group' },
  mine: { ...base, roles: ['mine_safety_officer'], orgKind: 'mine' },
  admin: { ...base, roles: ['sys_admin'], orgKind: 'province' },
};
