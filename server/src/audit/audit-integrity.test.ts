import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/database';
import { asDatabaseOwner, createTestDb, onPostgres, TEST_AUDIT_ENV } from '../testing';
import { recordAudit } from './audit.service';
import { verifyAuditChain } from './audit.verifier';
import { GENESIS_HASH, unkeyedHash } from './audit-chain';
import { auditLogOf, openAuditLog } from './audit-log';

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

/** A database with `n` events in its audit log and the log's key and checkpoints open. */
async function logWith(n: number): Promise<Db> {
  const { db, drop } = await createTestDb();
  drops.push(drop);
  for (let i = 0; i < n; i++) {
    await recordAudit(db, SYSTEM, { action: 'test.event', entityId: `e${i}`, changes: { i } }, new Date());
  }
  return db;
}

const seqs = async (db: Db) =>
  (await db.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => r.seq);

describe('the database refuses to change the audit log', () => {
  it('UPDATE and DELETE are refused, whoever connects; inserting stays allowed', async () => {
    const db = await logWith(3);
    await expect(
      db.updateTable('audit_events').set({ actor_username: 'someone-else' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow('审计日志只能追加，不能修改或删除');
    await expect(db.deleteFrom('audit_events').where('seq', '=', 3).execute()).rejects.toThrow(
      '审计日志只能追加',
    );
    await expect(db.deleteFrom('audit_events').execute()).rejects.toThrow('审计日志只能追加');
    expect(await seqs(db)).toEqual([1, 2, 3]);
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it.runIf(onPostgres())('TRUNCATE is refused on PostgreSQL', async () => {
    const db = await logWith(2);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow('审计日志只能追加');
    expect(await seqs(db)).toEqual([1, 2]);
  });
});

describe.runIf(onPostgres())(
  'PostgreSQL: the service connected as a role that does not own the table',
  () => {
    it('appends, but cannot change, delete, empty, or lift the guards (docs/AUDIT.md)', async () => {
      const owner = await createTestDb();
      const { db, dataDir } = owner;
      const database = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!
        .name;
      const role = `tiegui_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      // The grants of docs/AUDIT.md, run by the owner (the test cluster's superuser).
      for (const statement of [
        sql`create role ${sql.id(role)} login password ${sql.lit(password)}`,
        sql`grant connect on database ${sql.id(database)} to ${sql.id(role)}`,
        sql`grant usage on schema public to ${sql.id(role)}`,
        sql`grant select, insert, update, delete on all tables in schema public to ${sql.id(role)}`,
        sql`grant usage, select on all sequences in schema public to ${sql.id(role)}`,
        sql`revoke update, delete, truncate on audit_events from ${sql.id(role)}`,
      ]) {
        await statement.execute(db);
      }
      const url = new URL(process.env.TIEGUI_TEST_PG_URL ?? '');
      url.username = role;
      url.password = password;
      url.pathname = `/${database}`;
      const app = createDb(url.toString());
      const log = await openAuditLog(app, { dataDir, env: TEST_AUDIT_ENV });
      drops.push(async () => {
        await log.close();
        await app.destroy();
        await sql`drop owned by ${sql.id(role)}`.execute(db);
        await sql`drop role ${sql.id(role)}`.execute(db);
        await owner.drop();
      });
      await recordAudit(app, SYSTEM, { action: 'test.event' }, new Date());
      expect(await seqs(app)).toEqual([1]);
      const denied = 'permission denied for table audit_events';
      await expect(app.updateTable('audit_events').set({ ip: 'x' }).execute()).rejects.toThrow(denied);
      await expect(app.deleteFrom('audit_events').execute()).rejects.toThrow(denied);
      await expect(sql`truncate audit_events`.execute(app)).rejects.toThrow(denied);
      await expect(sql`alter table audit_events disable trigger user`.execute(app)).rejects.toThrow(
        'must be owner of table audit_events',
      );
      await expect(sql`drop trigger audit_events_no_change on audit_events`.execute(app)).rejects.toThrow(
        'must be owner of',
      );
      expect(await seqs(app)).toEqual([1]);
    });
  },
);

describe('what someone holding the database can do is found', () => {
  it('editing an event and recomputing the later hashes with plain sha256', async () => {
    const db = await logWith(20);
    await asDatabaseOwner(db, async (owner) => {
      const rows = await owner.selectFrom('audit_events').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const forged = { ...row, prev_hash: prev, entity_id: row.seq === 8 ? 'forged' : row.entity_id };
        const hash = row.seq < 8 ? row.hash : unkeyedHash(forged);
        if (row.seq >= 8) {
          await owner
            .updateTable('audit_events')
            .set({ entity_id: forged.entity_id, prev_hash: prev, hash })
            .where('seq', '=', row.seq)
            .execute();
        }
        prev = hash;
      }
    });
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, brokenAt: 8 });
    expect(r.breaks).toEqual([
      {
        kind: 'rehashed',
        seq: 8,
        lastSeq: 20,
        message: '第8至20号记录的哈希不是用审计密钥算出的（记录被改动后哈希链被重算）',
      },
    ]);
  });

  it('deleting the newest 50 events: the checkpoint names an event beyond the last one', async () => {
    const db = await logWith(70);
    await auditLogOf(db).checkpoint();
    await asDatabaseOwner(db, (owner) => owner.deleteFrom('audit_events').where('seq', '>', 20).execute());
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.breaks).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        seq: 20,
        message: expect.stringMatching(/的检查点记到第70号记录，而现存最新的是第20号（其后的记录被删除）$/),
      }),
    ]);
    // New events do not hide it. SQLite numbers the next one 21: the checkpoint is still beyond the
    // last event. PostgreSQL's sequence goes on to 71: the checkpoint's event 70 is missing inside.
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    const after = await verifyAuditChain(db);
    expect(after.ok).toBe(false);
    expect(after.breaks.map((b) => b.kind)).toContain(onPostgres() ? 'deleted' : 'truncated');
  });

  it('deleting every event: the checkpoints outlive the table', async () => {
    const db = await logWith(5);
    await auditLogOf(db).checkpoint();
    await asDatabaseOwner(db, (owner) => owner.deleteFrom('audit_events').execute());
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, checked: 0 });
    expect(r.breaks).toEqual([
      expect.objectContaining({
        kind: 'emptied',
        seq: null,
        message: expect.stringMatching(/记有5条记录，而审计日志表已为空（记录被全部删除）$/),
      }),
    ]);
  });

  it('reports every break, not only the first: two separate edits are two breaks', async () => {
    const db = await logWith(10);
    await asDatabaseOwner(db, async (owner) => {
      await owner.updateTable('audit_events').set({ entity_id: 'x' }).where('seq', '=', 3).execute();
      await owner.updateTable('audit_events').set({ action: 'test.other' }).where('seq', '=', 7).execute();
    });
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, checked: 10, brokenAt: 3, omitted: 0 });
    expect(r.breaks).toEqual([
      { kind: 'edited', seq: 3, lastSeq: 3, message: '第3号记录的内容与其哈希不符（记录被修改）' },
      { kind: 'edited', seq: 7, lastSeq: 7, message: '第7号记录的内容与其哈希不符（记录被修改）' },
    ]);
  });

  it('a deletion in the middle: the missing numbers and the checkpoint count', async () => {
    const db = await logWith(12);
    await auditLogOf(db).checkpoint();
    await asDatabaseOwner(db, (owner) =>
      owner.deleteFrom('audit_events').where('seq', 'in', [4, 5]).execute(),
    );
    const r = await verifyAuditChain(db);
    expect(r.breaks.map((b) => [b.kind, b.seq, b.message])).toEqual([
      ['deleted', 6, '第6号记录之前的第4至5号记录缺失（记录被删除）'],
      ['deleted', 12, expect.stringMatching(/的检查点截至第12号共有12条记录，现有10条（记录被删除）$/)],
    ]);
  });

  it('the checkpoint file: an edited line and a removed line are found', async () => {
    const db = await logWith(3);
    const log = auditLogOf(db);
    for (let i = 0; i < 3; i++) {
      await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
      await log.checkpoint();
    }
    const lines = fs.readFileSync(log.checkpointFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    const edited = lines[0]!.replace(/"count":\d+/, '"count":1');
    fs.writeFileSync(log.checkpointFile, `${[edited, lines[2]].join('\n')}\n`);
    const r = await verifyAuditChain(db);
    expect(r.breaks.filter((b) => b.kind === 'checkpoints').map((b) => b.message)).toEqual([
      '检查点文件第1行签名不符（检查点被改动或伪造）',
      '检查点文件第2行与上一行的链接不符（其前的检查点被删除或调换）',
    ]);
  });

  it('an intact log with checkpoints verifies, and says what it compared', async () => {
    const db = await logWith(4);
    await auditLogOf(db).checkpoint();
    await recordAudit(db, SYSTEM, { action: 'test.event' }, new Date());
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: true,
      checked: 5,
      brokenAt: null,
      reason: null,
      breaks: [],
      checkpoints: 1,
    });
  });
});
