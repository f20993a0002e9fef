import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.verifier';
import { openAuditLog } from '../audit/audit-log';
import { createDb, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { verifyPassword } from '../modules/auth/password';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { allFileLinks, createTestDb, TEST_AUDIT_ENV, TEST_BACKUP_KEY } from '../testing';
import { backupDatabase, restoreDatabase, TABLES } from './backup';
import { backupFileKind, sealedLines, writeSealed } from './backup-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-backup-'));
const drops: (() => Promise<void>)[] = [];

async function freshDb(): Promise<Db> {
  const { db, drop } = await createTestDb();
  drops.push(drop);
  return db;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

let source: Db;
let file: string;
let backedUp: Record<string, number>;
const receipt = Buffer.from([0, 1, 2, 250, 255, 0x50, 0x4b, 3, 4]);

beforeAll(async () => {
  source = await freshDb();
  await seedDemo(source);
  // A binary row, so the base64 round trip is exercised too.
  const user = await source
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'dx-county')
    .executeTakeFirstOrThrow();
  await source
    .insertInto('import_receipts')
    .values({
      id: 'R1',
      user_id: user.id,
      created_at: '2024-08-01T00:00:00.000Z',
      file_name: '矿山.xlsx',
      content: receipt,
    })
    .execute();
  file = path.join(dir, 'backup.jsonl.gz');
  backedUp = (await backupDatabase(source, file, { key: TEST_BACKUP_KEY })).tables;
});

afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up every table, including its own audit event', async () => {
    expect(backedUp).toEqual(await counts(source));
    const last = await source
      .selectFrom('audit_events')
      .select('action')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('system.backup');
  });

  it('restores into a fresh database with the same rows, logins and a verifiable audit chain', async () => {
    const target = await freshDb();
    const restored = (await restoreDatabase(target, file, { key: TEST_BACKUP_KEY })).tables;
    expect(restored).toEqual(backedUp);
    // The restore itself is one more audit event.
    expect(await counts(target)).toEqual({ ...backedUp, audit_events: (backedUp.audit_events ?? 0) + 1 });

    const user = await target
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'sx-officer')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true);
    const row = await target
      .selectFrom('import_receipts')
      .select('content')
      .where('id', '=', 'R1')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.content).equals(receipt)).toBe(true);

    const chain = await verifyAuditChain(target);
    expect(chain).toMatchObject({ ok: true, checked: (backedUp.audit_events ?? 0) + 1 });
    const events = await target.selectFrom('audit_events').select(['seq', 'action']).orderBy('seq').execute();
    const sourceEvents = await source
      .selectFrom('audit_events')
      .select(['seq', 'action'])
      .orderBy('seq')
      .execute();
    expect(events.slice(0, -1)).toEqual(sourceEvents);
    expect(events.at(-1)?.action).toBe('system.restore');
  });

  it('moves between dialects: the same file restores on SQLite, and a SQLite backup restores here', async () => {
    const sqlite = createDb(':memory:');
    await migrateToLatest(sqlite as never);
    const audit = await openAuditLog(sqlite, { dataDir: path.join(dir, 'sqlite'), env: TEST_AUDIT_ENV });
    drops.push(async () => {
      await audit.close();
      await sqlite.destroy();
    });
    await restoreDatabase(sqlite, file, { key: TEST_BACKUP_KEY });
    expect((await counts(sqlite)).mines).toBe(backedUp.mines);
    expect((await verifyAuditChain(sqlite)).ok).toBe(true);

    const again = path.join(dir, 'from-sqlite.jsonl.gz');
    await backupDatabase(sqlite, again, { key: TEST_BACKUP_KEY });
    const target = await freshDb();
    await restoreDatabase(target, again, { key: TEST_BACKUP_KEY });
    expect((await counts(target)).orgs).toBe(backedUp.orgs);
    expect((await verifyAuditChain(target)).ok).toBe(true);
    const row = await target
      .selectFrom('import_receipts')
      .select('content')
      .where('id', '=', 'R1')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.content).equals(receipt)).toBe(true);
  });

  it('gives the orgs of a backup from before joint issuers were data their default pair', async () => {
    const sealed = backupFileKind(file);
    if (sealed.kind !== 'sealed') throw new Error('not a sealed backup');
    const older: string[] = [];
    let skipping = false;
    for await (const line of sealedLines(file, sealed, TEST_BACKUP_KEY)) {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value.$table === 'string') skipping = value.$table === 'joint_issuers';
      if (skipping) continue;
      if (value.$end && typeof value.$end === 'object') Reflect.deleteProperty(value.$end, 'joint_issuers');
      if (value.$hashes && typeof value.$hashes === 'object')
        Reflect.deleteProperty(value.$hashes, 'joint_issuers');
      older.push(JSON.stringify(value));
    }
    const { header } = sealed;
    Reflect.deleteProperty(header.tables, 'joint_issuers');
    const migrations = header.migrations.filter((m) => m !== '0012_joint_issuers_login_throttles');
    const oldFile = path.join(dir, 'before-0012.jsonl.gz');
    await writeSealed(
      oldFile,
      { ...header, migrations },
      TEST_BACKUP_KEY,
      older.map((l) => `${l}\n`),
    );
    const target = await freshDb();
    await restoreDatabase(target, oldFile, { key: TEST_BACKUP_KEY });
    const pairs = await target
      .selectFrom('joint_issuers as j')
      .innerJoin('orgs as a', 'a.id', 'j.org_id')
      .innerJoin('orgs as b', 'b.id', 'j.partner_org_id')
      .select(['a.name as a', 'b.name as b'])
      .execute();
    expect(pairs.flatMap((p) => [p.a, p.b]).sort()).toEqual(
      ['国家矿山安全监察局山西局', '山西省应急管理厅'].sort(),
    );
  });

  it('refuses a backup from before sealing unless told to accept it, and then restores it', async () => {
    const sealed = backupFileKind(file);
    if (sealed.kind !== 'sealed') throw new Error('not a sealed backup');
    const { createdAt, migrations } = sealed.header;
    const lines = [JSON.stringify({ format: 'tiegui-backup', version: 1, createdAt, migrations })];
    for await (const line of sealedLines(file, sealed, TEST_BACKUP_KEY)) lines.push(line);
    const legacy = path.join(dir, 'version-1.jsonl.gz');
    fs.writeFileSync(legacy, gzipSync(`${lines.join('\n')}\n`));
    const target = await freshDb();
    await expect(restoreDatabase(target, legacy, { key: TEST_BACKUP_KEY })).rejects.toThrow(
      '--legacy-unencrypted',
    );
    expect((await counts(target)).orgs).toBe(0);
    const restored = await restoreDatabase(target, legacy, { key: TEST_BACKUP_KEY, legacyUnencrypted: true });
    expect(restored.tables).toEqual(backedUp);
    expect((await verifyAuditChain(target)).ok).toBe(true);
  });

  it('writes the file for its owner alone', () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to restore into a database that already has data', async () => {
    await expect(restoreDatabase(source, file, { key: TEST_BACKUP_KEY })).rejects.toThrow(
      '目标数据库不是空库',
    );
  });

  it('refuses a file that is not a backup or was cut short, leaving the database empty', async () => {
    const target = await freshDb();
    const notBackup = path.join(dir, 'other.jsonl.gz');
    fs.writeFileSync(notBackup, gzipSync('{"hello":1}\n'));
    await expect(restoreDatabase(target, notBackup, { key: TEST_BACKUP_KEY })).rejects.toThrow(
      '不是铁规备份',
    );

    const bytes = fs.readFileSync(file);
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(restoreDatabase(target, truncated, { key: TEST_BACKUP_KEY })).rejects.toThrow('不完整');
    expect((await counts(target)).orgs).toBe(0);
  });
});

describe('uploaded files', () => {
  it('carries the contents of uploaded files and restores them into the new store', async () => {
    const { diskFileStore } = await import('../modules/files/file.store');
    const { createHash } = await import('node:crypto');
    const from = await freshDb();
    const sourceStore = diskFileStore(path.join(dir, 'store-a'));
    await seedDemo(from, { campaign: 'none', store: sourceStore });
    const content = Buffer.from('%PDF-1.4 附件内容');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await sourceStore.put(sha256, content);
    const org = await from.selectFrom('orgs').select('id').limit(1).executeTakeFirstOrThrow();
    const user = await from.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    await from
      .insertInto('files')
      .values({
        id: 'F1',
        sha256,
        name: '方案.pdf',
        mime: 'application/pdf',
        size: content.length,
        owner_org_id: org.id,
        uploaded_by: user.id,
        created_at: '2024-08-01T00:00:00.000Z',
      })
      .execute();
    const out = path.join(dir, 'with-files.jsonl.gz');
    expect(
      (await backupDatabase(from, out, { key: TEST_BACKUP_KEY, store: sourceStore })).blobs,
    ).toBeGreaterThanOrEqual(1);
    const to = await freshDb();
    const targetStore = diskFileStore(path.join(dir, 'store-b'));
    expect(
      (await restoreDatabase(to, out, { key: TEST_BACKUP_KEY, store: targetStore })).blobs,
    ).toBeGreaterThanOrEqual(1);
    expect((await targetStore.get(sha256)).equals(content)).toBe(true);
  });
});

describe('a missing attachment', () => {
  it('stops the backup with its hash named, leaving no file behind', async () => {
    const { diskFileStore } = await import('../modules/files/file.store');
    const from = await freshDb();
    await seedDemo(from, { campaign: 'none' });
    const out = path.join(dir, 'missing', 'b.tgbk');
    // The demo's files were never put in this empty store.
    await expect(
      backupDatabase(from, out, {
        key: TEST_BACKUP_KEY,
        store: diskFileStore(path.join(dir, 'empty-store')),
      }),
    ).rejects.toThrow('在文件存储中读取失败');
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });
});

describe('file links', () => {
  it('carries every link, in pages of a four-column key that may break inside one record', async () => {
    const from = await freshDb();
    await seedDemo(from, { campaign: 'none' });
    const file = await from.selectFrom('file_links').select('file_id').executeTakeFirstOrThrow();
    // More links of one record than a page holds, so a page ends between two roles of it.
    await from
      .insertInto('file_links')
      .values(
        Array.from({ length: 2500 }, (_, i) => ({
          file_id: file.file_id,
          record_kind: 'notice' as const,
          record_id: 'N1',
          role: `r${String(i).padStart(4, '0')}`,
          created_at: '2024-08-01T00:00:00.000Z',
        })),
      )
      .execute();
    const links = await allFileLinks(from);
    const out = path.join(dir, 'links.jsonl.gz');
    expect((await backupDatabase(from, out, { key: TEST_BACKUP_KEY })).tables.file_links).toBe(links.length);
    const to = await freshDb();
    await restoreDatabase(to, out, { key: TEST_BACKUP_KEY });
    expect(await allFileLinks(to)).toEqual(links);
  });
});
