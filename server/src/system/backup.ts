import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAudit, recordAudit } from '../audit/audit.service';
import { auditLogOf, unverifiedHead } from '../audit/audit-log';
import type { Db } from '../db/database';
import { insertChunkRows, isPostgres, rebuildHazardSearch, resetSerial } from '../db/dialect';
import type { Database } from '../db/schema';
import { AppError } from '../lib/errors';
import type { FileStore } from '../modules/files/file.store';
import { ensureDefaultJointIssuers } from '../modules/orgs/joint-issuer.service';
import { backupFileKind, legacyLines, sealedLines, sourceOf, writeSealed } from './backup-file';
import type { BackupKey } from './backup-key';
import { type BackupSink, type BackupSummary, legacyHeader, readBackup } from './backup-read';
import { rowCounts, rowLine, TABLES, TableHash, tableRows, untyped } from './backup-rows';

export { TABLES } from './backup-rows';

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

export interface BackupOptions {
  /** Seals the file (backup-key.ts). */
  key: BackupKey;
  /** Where uploaded files' contents are: with it, a backup carries them. */
  store?: FileStore;
}

export interface RestoreOptions extends BackupOptions {
  /** Accept a file from before version 2, which nothing authenticates (the CLI's --legacy-unencrypted). */
  legacyUnencrypted?: boolean;
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/**
 * Writes every table and the uploaded files' contents to a sealed backup (backup-file.ts), from one
 * read-only snapshot: a consistent copy even while the server keeps writing. The backup is recorded
 * in the audit log first, so it is included. Returns the rows and content hash of each table.
 */
export async function backupDatabase(db: Db, file: string, options: BackupOptions): Promise<BackupSummary> {
  const { key, store } = options;
  await recordAudit(
    db,
    SYSTEM,
    { action: 'system.backup', changes: { file: path.basename(file) } },
    new Date(),
  );
  const summary: BackupSummary = { tables: {}, hashes: {}, blobs: 0 };
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      // Each query in turn: a transaction holds one connection.
      const migrations = await appliedMigrations(trx);
      const any = untyped(trx);
      const counted = await rowCounts(trx);
      async function* lines(): AsyncGenerator<string> {
        for (const table of TABLES) {
          yield `${JSON.stringify({ $table: table })}\n`;
          const hash = new TableHash();
          for await (const row of tableRows(any, table)) {
            const line = rowLine(table, row);
            hash.add(line);
            yield `${line}\n`;
          }
          summary.tables[table] = hash.rows;
          summary.hashes[table] = hash.digest();
        }
        // Uploaded files' contents, once per distinct hash and streamed, so a restore loses no attachment.
        if (store) {
          const files = await trx.selectFrom('files').select('sha256').distinct().orderBy('sha256').execute();
          for (const { sha256 } of files) {
            yield `${JSON.stringify({ $blob: sha256 })}\n`;
            try {
              for await (const part of store.read(sha256)) {
                yield `${JSON.stringify(Buffer.from(part).toString('base64'))}\n`;
              }
            } catch (error) {
              // A file row whose content is gone: the backup stops rather than leave the attachment out.
              throw new AppError(
                'NOT_FOUND',
                `附件 ${sha256} 在文件存储中读取失败（${error instanceof Error ? error.message : String(error)}），备份未完成`,
              );
            }
            summary.blobs++;
          }
        }
        yield `${JSON.stringify({ $end: summary.tables, $hashes: summary.hashes, $blobs: summary.blobs })}\n`;
      }
      const facts = {
        createdAt: new Date().toISOString(),
        source: sourceOf(isPostgres(trx)),
        migrations,
        tables: counted,
      };
      await writeSealed(file, facts, key, lines());
    });
  return summary;
}

interface OpenedBackup {
  createdAt: string;
  migrations: string[];
  /** A new reading of the body each call: one to verify, one to load. */
  lines(): AsyncIterator<string>;
  expect: { tables?: Record<string, number>; hashed: boolean };
}

const notBackup = () => new AppError('VALIDATION', '该文件不是铁规备份文件');

async function openBackup(file: string, options: RestoreOptions): Promise<OpenedBackup> {
  const found = backupFileKind(file);
  if (found.kind === 'sealed') {
    const { header } = found;
    return {
      createdAt: header.createdAt,
      migrations: header.migrations,
      lines: () => sealedLines(file, found, options.key),
      expect: { tables: header.tables, hashed: true },
    };
  }
  if (found.kind === 'unknown') throw notBackup();
  const header = await legacyHeader(legacyLines(file));
  if (header.format !== 'tiegui-backup') throw notBackup();
  if (header.version !== 1) {
    throw new AppError('VALIDATION', `不支持的备份格式版本：${String(header.version)}（本程序支持第1、2版）`);
  }
  if (!options.legacyUnencrypted) {
    throw new AppError(
      'VALIDATION',
      '该备份是旧格式（第1版：未加密、未签名），无法确认未被改动，已拒绝恢复。确认文件来源可信时，可加 --legacy-unencrypted 恢复',
    );
  }
  const migrations = Array.isArray(header.migrations)
    ? header.migrations.filter((m): m is string => typeof m === 'string')
    : [];
  return {
    createdAt: String(header.createdAt),
    migrations,
    lines: () => {
      const lines = legacyLines(file);
      // The header line was read above.
      return (async function* () {
        await lines.next();
        yield* lines;
      })();
    },
    expect: { hashed: false },
  };
}

async function assertEmpty(db: Kysely<Database>): Promise<void> {
  // One query at a time: a transaction holds one connection.
  const org = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const event = await db.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst();
  if (org || user || event) {
    throw new AppError(
      'CONFLICT',
      '目标数据库不是空库（已有单位、用户或审计记录），为防止覆盖现有数据已拒绝恢复。请指向一个新的空数据库（新的 TIEGUI_DATA_DIR 或 TIEGUI_DATABASE_URL）后重试',
    );
  }
}

/**
 * Loads a backup into an empty database, after reading it once to the end to check it (the seal of
 * each segment, rows and content hash per table, each file's hash): a tampered, truncated or
 * wrong-key file is refused before anything is written. Then, in one transaction, keeps every id
 * and audit seq, so the audit chain still verifies (with the same audit key: a chain signed with
 * another key is refused before any file is stored); indexes the hazards for search (derived, not
 * backed up); records the restore in the audit log and starts a new epoch of checkpoints. Inserting
 * is all it does to the audit table, which the database allows (only UPDATE, DELETE and TRUNCATE are refused).
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  options: RestoreOptions,
): Promise<BackupSummary & { createdAt: string }> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `找不到备份文件：${file}`);
  const backup = await openBackup(file, options);
  const known = await appliedMigrations(db);
  const unknown = backup.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION',
      `备份来自更新版本的程序（含本程序未知的迁移 ${unknown.join('、')}），请先升级程序再恢复`,
    );
  }
  await assertEmpty(db);
  await readBackup(backup.lines(), backup.expect);

  const restored = await db.transaction().execute(async (trx) => {
    await assertEmpty(trx);
    const any = untyped(trx);
    const sink: BackupSink = {
      async rows(table, rows) {
        const first = rows[0];
        if (!first) return;
        const size = insertChunkRows(any as Kysely<unknown>, Object.keys(first).length);
        for (let i = 0; i < rows.length; i += size) {
          await any
            .insertInto(table)
            .values(rows.slice(i, i + size))
            .execute();
        }
      },
      async tablesDone() {
        // A chain signed with another key would read as forged from its first event on.
        const unsigned = await unverifiedHead(trx, auditLogOf(trx).secret);
        if (unsigned !== null) {
          throw new AppError(
            'CONFLICT',
            `备份中的审计日志是用另一把审计密钥签名的（第${unsigned}号记录无法验证），未做任何恢复。请把原数据目录的 keys/audit.key 复制到本数据目录，或设置 TIEGUI_AUDIT_KEY 为原密钥后重试`,
          );
        }
      },
      // Content-addressed and idempotent: a failed restore leaves at most unused copies.
      blob: async (sha256, parts) => options.store?.write(sha256, parts),
    };
    const summary = await readBackup(backup.lines(), backup.expect, sink);
    await resetSerial(any as Kysely<unknown>, 'audit_events', 'seq');
    await rebuildHazardSearch(any as Kysely<unknown>);
    // A backup from before joint issuers were data: its orgs get the pair migration 0012 gives a database.
    if (!backup.migrations.includes('0012_joint_issuers_login_throttles'))
      await ensureDefaultJointIssuers(trx, new Date());
    await appendAudit(
      trx,
      SYSTEM,
      {
        action: 'system.restore',
        changes: { file: path.basename(file), backupCreatedAt: backup.createdAt, tables: summary.tables },
      },
      new Date(),
    );
    return { ...summary, createdAt: backup.createdAt };
  });
  // A new epoch of checkpoints: the backup may be older than the checkpoints written before it.
  await auditLogOf(db).checkpoint('restore');
  return restored;
}
