import { createHash, getHashes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorOf } from '../db/migrate';
import { backupDatabase, restoreDatabase } from '../system/backup';
import { createTestDb, TEST_AUDIT_ENV, TEST_BACKUP_KEY } from '../testing';
import { recordAudit } from './audit.service';
import { verifyAuditChain } from './audit.verifier';
import { GENESIS_HASH, unkeyedHash } from './audit-chain';
import { checkpointFile } from './audit-checkpoints';
import { auditKeyFile, loadAuditKey } from './audit-key';
import { auditLogOf, openAuditLog } from './audit-log';

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-audit-key-'));
const folder = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function testDb() {
  const t = await createTestDb();
  drops.push(t.drop);
  return t;
}

describe('the audit key', () => {
  it('is created on first start as keys/audit.key, readable by its owner only, and kept', () => {
    const dir = folder('key');
    const first = loadAuditKey(dir, {});
    expect(first).toMatchObject({ created: true, source: auditKeyFile(dir) });
    expect(fs.statSync(auditKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(auditKeyFile(dir))).mode & 0o777).toBe(0o700);
    const again = loadAuditKey(dir, {});
    expect(again.created).toBe(false);
    expect(again.secret.equals(first.secret)).toBe(true);
  });

  it('refuses a key file others can read, and a variable too short to be a key', () => {
    const dir = folder('loose');
    loadAuditKey(dir, {});
    fs.chmodSync(auditKeyFile(dir), 0o644);
    expect(() => loadAuditKey(dir, {})).toThrow('权限过宽');
    expect(() => loadAuditKey(dir, { TIEGUI_AUDIT_KEY: 'short' })).toThrow('TIEGUI_AUDIT_KEY 过短');
  });

  it('TIEGUI_AUDIT_KEY is used instead of a file, and no file is written', () => {
    const dir = folder('env');
    const key = loadAuditKey(dir, TEST_AUDIT_ENV);
    expect(key).toMatchObject({ source: 'TIEGUI_AUDIT_KEY', created: false });
    expect(fs.existsSync(auditKeyFile(dir))).toBe(false);
  });

  it('signs with HMAC-SM3 where this Node offers SM3, and says so in every event', async () => {
    const { db } = await testDb();
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    const row = await db.selectFrom('audit_events').select('hash_alg').executeTakeFirstOrThrow();
    expect(row.hash_alg).toBe(getHashes().includes('sm3') ? 'hmac-sm3' : 'hmac-sha256');
  });

  it('a chain signed with another key: a new key is not made for it, and another key finds every event', async () => {
    const { db } = await testDb();
    for (let i = 0; i < 3; i++) await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    // A data folder without the key file: the server must not quietly start a new key.
    const lost = folder('lost');
    await expect(openAuditLog(db, { dataDir: lost, env: {} })).rejects.toThrow(
      '审计日志已用另一把审计密钥签名',
    );
    expect(fs.existsSync(auditKeyFile(lost))).toBe(false);
    const other = await openAuditLog(db, {
      dataDir: folder('other'),
      env: { TIEGUI_AUDIT_KEY: 'another-key-of-at-least-thirty-two-characters' },
    });
    const r = await verifyAuditChain(db);
    expect(r.breaks).toEqual([expect.objectContaining({ kind: 'edited', seq: 1, lastSeq: 3 })]);
    await other.close();
  });

  it('a restore with another key is refused and leaves the database empty', async () => {
    const source = await testDb();
    await recordAudit(source.db, SYSTEM, { action: 'test.event' }, new Date());
    const file = path.join(folder('backup'), 'b.jsonl.gz');
    await backupDatabase(source.db, file, { key: TEST_BACKUP_KEY });
    const target = await testDb();
    await auditLogOf(target.db).close();
    await openAuditLog(target.db, {
      dataDir: target.dataDir,
      env: { TIEGUI_AUDIT_KEY: 'another-key-of-at-least-thirty-two-characters' },
    });
    await expect(restoreDatabase(target.db, file, { key: TEST_BACKUP_KEY })).rejects.toThrow(
      '备份中的审计日志是用另一把审计密钥签名的',
    );
    expect(await target.db.selectFrom('audit_events').select('seq').execute()).toEqual([]);
  });
});

describe('events written before the key', () => {
  it('verify under the unkeyed rule up to the first keyed event; an unkeyed one after it is found', async () => {
    const { db } = await testDb();
    await migratorOf(db).migrateDown();
    // Two events as the unkeyed chain wrote them before 0011: its formula spelled out, so a change to
    // unkeyedHash that old rows would no longer meet fails here.
    let prev = GENESIS_HASH;
    for (const action of ['system.seeded', 'auth.login']) {
      const at = new Date().toISOString();
      const canonical = JSON.stringify([prev, at, null, 'system', null, action, null, null, '{"n":1}', null]);
      const hash = createHash('sha256').update(canonical).digest('hex');
      // The table as it was before 0011, which the schema types no longer describe.
      await sql`insert into audit_events (at, actor_username, action, changes, prev_hash, hash)
        values (${at}, 'system', ${action}, '{"n":1}', ${prev}, ${hash})`.execute(db);
      prev = hash;
    }
    await migrateToLatest(db);
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 3 });
    const head = await db
      .selectFrom('audit_events')
      .select('hash')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    const late = {
      at: new Date().toISOString(),
      actor_user_id: null,
      actor_username: 'forger',
      actor_org_id: null,
      action: 'test.event',
      entity_type: null,
      entity_id: null,
      changes: null,
      ip: null,
      prev_hash: head.hash,
      hash_alg: 'sha256',
    };
    await db
      .insertInto('audit_events')
      .values({ ...late, hash: unkeyedHash(late) })
      .execute();
    const r = await verifyAuditChain(db);
    expect(r.breaks).toEqual([expect.objectContaining({ kind: 'rehashed', seq: 4 })]);
  });
});

describe('checkpoints', () => {
  it('follow every so many events once they are committed, in a private append-only file', async () => {
    const { db, dataDir } = await testDb();
    await auditLogOf(db).close();
    const log = await openAuditLog(db, { dataDir, env: TEST_AUDIT_ENV, checkpointEvery: 5 });
    const lines = () =>
      fs
        .readFileSync(checkpointFile(dataDir), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
      await log.idle();
    };
    await append(5);
    expect(lines().map((l) => [l.seq, l.count])).toEqual([[5, 5]]);
    await append(5);
    await append(2);
    expect(lines().map((l) => [l.seq, l.count])).toEqual([
      [5, 5],
      [10, 10],
    ]);
    await log.close();
    expect(lines().map((l) => [l.seq, l.count])).toEqual([
      [5, 5],
      [10, 10],
      [12, 12],
    ]);
    expect(Object.keys(lines()[0]).sort()).toEqual([
      'alg',
      'at',
      'count',
      'hash',
      'hmac',
      'kind',
      'prev',
      'seq',
    ]);
    expect(fs.statSync(checkpointFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('follow at an interval too, when the chain has grown since the last one', async () => {
    const { db, dataDir } = await testDb();
    await auditLogOf(db).close();
    const log = await openAuditLog(db, { dataDir, env: TEST_AUDIT_ENV, checkpointMinutes: 0.002 });
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    const written = () =>
      fs.existsSync(checkpointFile(dataDir))
        ? fs.readFileSync(checkpointFile(dataDir), 'utf8').trim().split('\n').length
        : 0;
    await expect.poll(written, { timeout: 10_000 }).toBe(1);
    // Nothing new: the interval writes nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(written()).toBe(1);
    await log.close();
  });

  it('are copied to syslog when TIEGUI_AUDIT_SYSLOG names a receiver', async () => {
    const receiver = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const received = new Promise<string>((resolve) => receiver.once('message', (m) => resolve(m.toString())));
    const { db, dataDir } = await testDb();
    await auditLogOf(db).close();
    const log = await openAuditLog(db, {
      dataDir,
      env: { ...TEST_AUDIT_ENV, TIEGUI_AUDIT_SYSLOG: `udp://127.0.0.1:${receiver.address().port}` },
    });
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    const written = await log.checkpoint();
    const message = await received;
    receiver.close();
    expect(message).toMatch(/^<110>1 \S+ \S+ tiegui - audit-checkpoint - \{/);
    expect(message.endsWith(JSON.stringify(written))).toBe(true);
  });
});
