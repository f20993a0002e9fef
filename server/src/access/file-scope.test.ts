import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import { SCOPE_ACTORS, SQL_COMPILERS } from '../testing/sql';
import { fileLinkScope } from './file-scope';

/** Through which links a file is read: its SQL on both dialects, and the plan SQLite runs it with. */
const readable = (db: Kysely<Database>, actor: (typeof SCOPE_ACTORS)[string]) =>
  db
    .selectFrom('file_links as l')
    .select('l.file_id')
    .distinct()
    .where('l.file_id', 'in', ['01J8ZQ0000000000000000FILE'])
    .where(fileLinkScope(actor));

describe.each(Object.entries(SQL_COMPILERS))('file read scope SQL on %s', (name, db) => {
  it.each(Object.entries(SCOPE_ACTORS))('%s', (kind, actor) => {
    const compiled = readable(db, actor).compile();
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toMatchSnapshot(`${name} ${kind}`);
  });
});

let raw: SQLite.Database;
let db: Db;
beforeAll(async () => {
  raw = new SQLite(':memory:');
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateToLatest(db);
});
afterAll(() => db.destroy());

describe('file read scope plan on SQLite', () => {
  it.each(Object.entries(SCOPE_ACTORS))(
    '%s: the links of the file are one range of file_links_file, each record a key lookup',
    (_kind, actor) => {
      const compiled = readable(db, actor).compile();
      const plan = raw
        .prepare<unknown[], { detail: string }>(`explain query plan ${compiled.sql}`)
        .all(...compiled.parameters)
        .map((step) => step.detail);
      expect(plan[0]).toBe('SEARCH l USING COVERING INDEX file_links_file (file_id=?)');
      expect(plan.filter((step) => step.startsWith('SCAN'))).toEqual([]);
    },
  );
});
