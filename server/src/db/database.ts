import { createHash } from 'node:crypto';
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
    pool.on('connect', nameHotStatements);
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

/** A statement run this many times gets a name; at most NAMED_MAX texts do, per process. */
const NAME_AFTER = 3;
const NAMED_MAX = 1000;
const runs = new Map<string, number>();
const names = new Map<string, string>();

function statementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  const n = (runs.get(text) ?? 0) + 1;
  if (n < NAME_AFTER || names.size >= NAMED_MAX) {
    // Texts run once (an IN list of each length) must not grow the count without bound.
    if (runs.size >= 10 * NAMED_MAX) runs.clear();
    runs.set(text, n);
    return null;
  }
  runs.delete(text);
  const name = `tiegui_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * PostgreSQL parses and plans an unnamed statement on every call and a named one once per
 * connection: a hazard transition runs a dozen short statements, where parsing and planning were a
 * third of the server's work. The texts run again and again get a name; a text run once or twice
 * (an IN list of each length) stays unnamed, so a connection keeps a bounded set of them.
 */
function nameHotStatements(client: pg.PoolClient): void {
  const query: (...args: unknown[]) => unknown = client.query.bind(client);
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = statementName(text);
        if (name) return query({ name, text, values });
      }
      return query(...args);
    },
  });
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
