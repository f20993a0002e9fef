import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.verifier';
import { PROJECT_ROOT } from '../config';
import { diskFileStore } from '../modules/files/file.store';
import { GENERAL } from '../modules/hazards/hazard.fixtures';
import {
  createTestContext,
  createTestDb,
  TEST_AUDIT_ENV,
  TEST_BACKUP_ENV,
  TEST_BACKUP_KEY,
  type TestContext,
  type TestDb,
} from '../testing';
import { restoreDatabase } from './backup';
import { backupFileKind } from './backup-file';
import { loadBackupKey } from './backup-key';
import { type BackupTable, type Row, rowCounts, TABLES, tableDigest } from './backup-rows';

/**
 * A backup taken by the CLI, as an operator takes it, while eight writers register hazards through the
 * API; restored elsewhere and compared table by table with the source as it was at the backup's moment.
 * That moment is exact: every write appends to the audit log under the chain's lock until it commits,
 * so the backup holds the audit events up to some seq S and the writes those events record, and none after.
 */

const WRITERS = 8;
let ctx: TestContext;
let file: string;
const acked: { id: string; at: number }[] = [];
const failures: string[] = [];
let window: { started: number; finished: number };
const drops: (() => Promise<void>)[] = [];

function cli(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TIEGUI_DATA_DIR: ctx.dataDir,
        TIEGUI_DATABASE_URL: ctx.databaseUrl,
        ...TEST_AUDIT_ENV,
        ...TEST_BACKUP_ENV,
      },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
}

async function emptyTarget(): Promise<{ target: TestDb; storeDir: string }> {
  const target = await createTestDb();
  drops.push(target.drop);
  return { target, storeDir: path.join(target.dataDir, 'files') };
}

beforeAll(async () => {
  ctx = await createTestContext({ onDisk: true });
  file = path.join(ctx.dataDir, 'backups', 'under-load.tgbk');
  const cookies = [await ctx.login('dx-mine'), await ctx.login('yp-mine')];
  let stop = false;
  let n = 0;
  const writer = async (cookie: string) => {
    while (!stop) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/hazards',
        headers: { cookie },
        payload: { ...GENERAL, description: `备份期间登记的隐患 ${++n}`, photos: [], files: [] },
      });
      if (res.statusCode === 201) acked.push({ id: res.json<{ id: string }>().id, at: performance.now() });
      else failures.push(`${res.statusCode} ${res.body}`);
    }
  };
  const loops = Array.from({ length: WRITERS }, (_, i) => writer(cookies[i % cookies.length] ?? ''));
  await until(() => acked.length >= 20 || failures.length > 0);
  const started = performance.now();
  const backup = await cli(['backup', file]);
  window = { started, finished: performance.now() };
  const more = acked.length + 20;
  await until(() => acked.length >= more || failures.length > 0);
  stop = true;
  await Promise.all(loops);
  expect(backup, backup.output).toMatchObject({ code: 0 });
}, 180_000);

afterAll(async () => {
  for (const drop of drops) await drop();
  await ctx?.close();
});

describe('a backup under load', () => {
  it('is written 0600 in a folder of 0700, while every write is answered', () => {
    expect(failures).toEqual([]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // The writers kept writing while the backup ran.
    expect(acked.filter((a) => a.at > window.started && a.at < window.finished).length).toBeGreaterThan(0);
  });

  it('restores elsewhere equal, table by table, to the source at the backup moment, with its chain intact', async () => {
    const { target, storeDir } = await emptyTarget();
    const restored = await restoreDatabase(target.db, file, {
      key: TEST_BACKUP_KEY,
      store: diskFileStore(storeDir),
    });
    expect(restored.blobs).toBeGreaterThan(0);
    const [restore, last] = await target.db
      .selectFrom('audit_events')
      .select(['seq', 'action'])
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(restore?.action).toBe('system.restore');
    const s = last?.seq ?? 0;
    const later = await ctx.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'hazard.registered')
      .where('seq', '>', s)
      .execute();
    const late = new Set(later.map((e) => e.entity_id));
    // Some writes made it in and some came after: the moment fell inside the run.
    expect(late.size).toBeGreaterThan(0);
    expect(acked.filter((a) => !late.has(a.id)).length).toBeGreaterThan(0);
    // Every write acknowledged before the backup started is in it.
    for (const a of acked.filter((x) => x.at < window.started)) expect(late.has(a.id)).toBe(false);

    const atMoment: Partial<Record<BackupTable, (row: Row) => boolean>> = {
      audit_events: (row) => Number(row.seq) <= s,
      hazards: (row) => !late.has(String(row.id)),
      hazard_events: (row) => !late.has(String(row.hazard_id)),
    };
    for (const table of TABLES) {
      const recorded = { rows: restored.tables[table], hash: restored.hashes[table] };
      expect(await tableDigest(ctx.db, table, atMoment[table]), `source ${table}`).toEqual(recorded);
      const inCopy = table === 'audit_events' ? atMoment.audit_events : undefined;
      expect(await tableDigest(target.db, table, inCopy), `restored ${table}`).toEqual(recorded);
    }
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: s + 1 });
  });

  it('refuses a flipped byte, a changed header, a cut file and a wrong key, leaving the target as it was', async () => {
    const bytes = fs.readFileSync(file);
    const sealed = backupFileKind(file);
    if (sealed.kind !== 'sealed') throw new Error('not a sealed backup');
    const flipped = Buffer.from(bytes);
    const middle = Math.floor((sealed.prefix.length + bytes.length) / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0x01;
    const header = Buffer.from(bytes);
    const at = header.indexOf(sealed.header.createdAt);
    header.write(`1999${sealed.header.createdAt.slice(4)}`, at);
    const cases = [
      { name: 'flipped', content: flipped, key: TEST_BACKUP_KEY, message: '已被改动' },
      { name: 'header', content: header, key: TEST_BACKUP_KEY, message: '已被改动' },
      {
        name: 'cut',
        content: bytes.subarray(0, bytes.length - 1000),
        key: TEST_BACKUP_KEY,
        message: '不完整',
      },
      {
        name: 'other-key',
        content: bytes,
        key: loadBackupKey('', { create: false }, { TIEGUI_BACKUP_KEY: randomBytes(32).toString('hex') }),
        message: '另一把备份密钥',
      },
    ];
    const { target, storeDir } = await emptyTarget();
    const before = await rowCounts(target.db);
    for (const c of cases) {
      const spoiled = path.join(target.dataDir, `${c.name}.tgbk`);
      fs.writeFileSync(spoiled, c.content);
      await expect(
        restoreDatabase(target.db, spoiled, { key: c.key, store: diskFileStore(storeDir) }),
        c.name,
      ).rejects.toThrow(c.message);
      expect(await rowCounts(target.db), c.name).toEqual(before);
      expect(fs.existsSync(storeDir), c.name).toBe(false);
    }
  });
});
