import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * How SQLite waits for the disk on commit. NORMAL (the default) survives a crash of the process
 * (WAL); FULL also survives a power cut or an OS crash, at a cost measured by `npm run bench`
 * (TIEGUI_SQLITE_SYNCHRONOUS=FULL; see the README).
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export function sqliteSynchronousFrom(value: string | undefined): SqliteSynchronous {
  const v = (value ?? '').trim().toUpperCase();
  if (v === '' || v === 'NORMAL') return 'NORMAL';
  if (v === 'FULL') return 'FULL';
  throw new Error(`TIEGUI_SQLITE_SYNCHRONOUS 只能是 NORMAL 或 FULL（现为 ${value}）`);
}

/** Opens the database named by a URL: `postgres://…` or a SQLite file path (or `:memory:`). */
export function createDb(url: string, options: { synchronous?: SqliteSynchronous } = {}): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // Keep bigint counts as numbers: no table here comes near 2^53 rows.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));
    // No JIT: it compiles expressions for plans it costs as large (a page walking an index with a
    // filter), adding tens of milliseconds to queries that run in a few.
    const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
    // An idle connection the server closes (restart, failover, a dropped test database) must not
    // crash the process: the pool replaces it on the next query.
    pool.on('error', (error) => {
      if ((error as { code?: string }).code !== '57P01')
        console.warn(`PostgreSQL 空闲连接出错：${error.message}`);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  // 64 MiB of page cache instead of 2: the dashboard's index scans stay in memory between requests.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Prepared statements kept per SQL text; the least recently used go first past this many. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * The connection as Kysely sees it, reusing prepared statements: Kysely prepares every query it
 * runs, and preparing costs as much as running a short one (a hazard transition makes about a
 * dozen). Statements run to completion synchronously (Kysely streams nothing here), so one
 * statement is never in use twice at once; SQLite re-prepares them itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}
