import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app';
import { openAuditLog } from '../audit/audit-log';
import type { AppConfig } from '../config';
import { createDb, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { TestClock } from '../lib/clock';
import { diskFileStore } from '../modules/files/file.store';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { loadBackupKey } from '../system/backup-key';
import { tryLogin } from './login';

export { DEMO_ACCOUNTS } from '../seed/demo';
export { failLogins, postLogin, solveChallengeOf, tryLogin } from './login';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  /** The data folder of this context (uploaded files live under `files/`). */
  dataDir: string;
  /** Where another process opens this database (with `onDisk` on SQLite). */
  databaseUrl: string;
  /** Logs a user in and returns the Cookie header to send. */
  login(username: string, password?: string): Promise<string>;
  /** The app's settings. */
  config: AppConfig;
  close(): Promise<void>;
}

/** The difficulty of a test app's first proof of work. */
export const TEST_POW_DIFFICULTY = 4;

/** Is this run on PostgreSQL (`npm run test:pg`)? */
export const onPostgres = () => Boolean(process.env.TIEGUI_TEST_PG_URL);

/**
 * One audit key per test process, as one installation has one: a backup made by one test database
 * restores into another. A test wanting another key opens the log with its own variable.
 */
export const TEST_AUDIT_ENV = { TIEGUI_AUDIT_KEY: randomBytes(32).toString('hex') };

/** One backup key per test process, as one installation has one (the variable, for a spawned CLI). */
export const TEST_BACKUP_ENV = { TIEGUI_BACKUP_KEY: randomBytes(32).toString('hex') };
export const TEST_BACKUP_KEY = loadBackupKey('', { create: false }, TEST_BACKUP_ENV);

export interface TestDb {
  db: Db;
  /** Where another process opens the same database (`:memory:` unless `onDisk` or on PostgreSQL). */
  databaseUrl: string;
  /** Where this database's audit checkpoints are written (a data folder of its own). */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: SQLite in memory, or a new PostgreSQL database dropped at
 * the end; its audit log open (key, checkpoints) as a server process would have it.
 */
export async function createTestDb(options: { dataDir?: string; onDisk?: boolean } = {}): Promise<TestDb> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-test-'));
  // On disk, SQLite is shared with other processes (the CLI) as a server's database is.
  const { db, url, dropDb } = await createEmptyDb(
    options.onDisk ? path.join(dataDir, 'tiegui.sqlite') : ':memory:',
  );
  await migrateToLatest(db);
  const audit = await openAuditLog(db, { dataDir, env: TEST_AUDIT_ENV });
  return {
    db,
    databaseUrl: url,
    dataDir,
    drop: async () => {
      await audit.close();
      await dropDb();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createEmptyDb(sqliteFile: string): Promise<{ db: Db; url: string; dropDb(): Promise<void> }> {
  const adminUrl = process.env.TIEGUI_TEST_PG_URL;
  if (!adminUrl) {
    const db = createDb(sqliteFile);
    return { db, url: sqliteFile, dropDb: () => db.destroy() };
  }
  const name = `tiegui_test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }),
  });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  return {
    db,
    url: url.toString(),
    dropDb: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

/** An app on a fresh database with the demo data, a movable clock and a login helper. */
export async function createTestContext(
  options: {
    seed?: boolean;
    webDist?: string;
    campaign?: 'active' | 'draft' | 'none';
    /** Settings that differ from the defaults (proxies, origins, a log stream). */
    config?: Partial<AppConfig>;
    /** SQLite in a file another process can open too (PostgreSQL always is). */
    onDisk?: boolean;
    /** The clock's first instant, the day the demo is seeded on (the demo dates its recent activity from it). */
    now?: string;
  } = {},
): Promise<TestContext> {
  // Uploaded files and the audit checkpoints go to a folder of this test file's own, removed at the end.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-test-'));
  const { db, databaseUrl, drop } = await createTestDb({ dataDir, onDisk: options.onDisk ?? false });
  const clock = new TestClock(new Date(options.now ?? '2024-08-01T02:00:00.000Z'));
  if (options.seed !== false) {
    await seedDemo(db, {
      campaign: options.campaign ?? 'active',
      store: diskFileStore(path.join(dataDir, 'files')),
      clock,
    });
  }
  const config: AppConfig = {
    databaseUrl: 'test',
    dataDir,
    webDist: options.webDist ?? null,
    clock,
    secureCookies: false,
    logger: false,
    trustProxy: false,
    allowedOrigins: [],
    // A few bits: a test solves a challenge in well under a millisecond.
    powDifficulty: TEST_POW_DIFFICULTY,
    ...options.config,
  };
  const app = await buildApp(config, db);
  await app.ready();
  const context: TestContext = {
    app,
    db,
    clock,
    dataDir,
    config,
    databaseUrl,
    async login(username, password = DEMO_PASSWORD) {
      // As the login page does: a challenge is solved, a wait waited out (both follow failures).
      const res = await tryLogin(context, username, password);
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'tiegui_sid');
      if (!cookie) throw new Error('no session cookie');
      return `tiegui_sid=${cookie.value}`;
    },
    async close() {
      await app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return context;
}

/** The id of an org by its exact name (demo data is named deterministically). */
export async function orgIdByName(db: Db, name: string): Promise<string> {
  const row = await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirst();
  if (!row) throw new Error(`no org named ${name}`);
  return row.id;
}

/**
 * Every hazard id GET /api/hazards shows to a signed-in user for a query, walking its pages by the
 * cursor (limit per page), in the order shown. Throws on an answer other than 200.
 */
export async function walkHazardList(
  app: FastifyInstance,
  cookie: string,
  query: string,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/hazards?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((h) => h.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** A multipart/form-data body with one file part, for `inject({ ...multipart(...) })`. */
export function multipart(
  fileName: string,
  content: Buffer,
  field = 'file',
  type = 'application/octet-stream',
) {
  const boundary = '----tiegui-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

/** Every file link, in the order of its primary key (to compare two databases' links). */
export function allFileLinks(db: Db) {
  return db
    .selectFrom('file_links')
    .selectAll()
    .orderBy('record_kind')
    .orderBy('record_id')
    .orderBy('role')
    .orderBy('file_id')
    .execute();
}

/** Signs each user in; their Cookie headers by username. */
export async function signIn(
  ctx: TestContext,
  usernames: readonly string[],
): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const username of usernames) cookies[username] = await ctx.login(username);
  return cookies;
}
export { asDatabaseOwner, withDatabaseOwner } from './audit-tamper';
