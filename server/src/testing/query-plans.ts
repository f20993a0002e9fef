import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';

export interface PlanDb {
  /** The engine itself, to fill tables faster than through queries and to EXPLAIN. */
  raw: SQLite.Database;
  db: Db;
  /** Every query the code made through db since the last `captured.length = 0`. */
  captured: { sql: string; parameters: readonly unknown[] }[];
  /** The plan SQLite chooses for a captured query, one line per step. */
  planOf(query: { sql: string; parameters: readonly unknown[] }): string[];
}

/**
 * An empty, migrated in-memory SQLite database that records the SQL run on it, for the plan tests:
 * without statistics SQLite plans the same for ten rows as for millions, so a plan read here is the
 * one the benches measure at province scale.
 */
export async function planDb(): Promise<PlanDb> {
  const raw = new SQLite(':memory:');
  const captured: PlanDb['captured'] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  await migrateToLatest(db);
  const planOf: PlanDb['planOf'] = (query) =>
    (
      raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
  return { raw, db, captured, planOf };
}
