import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline as pipelineCallback, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { appendAudit, recordAudit } from '../audit/audit.service';
import { auditLogOf, unverifiedHead } from '../audit/audit-log';
import type { Db } from '../db/database';
import { insertChunkRows, rebuildHazardSearch, resetSerial } from '../db/dialect';
import type { Database } from '../db/schema';
import { AppError } from '../lib/errors';
import type { FileStore } from '../modules/files/file.store';
import { ensureDefaultJointIssuers } from '../modules/orgs/joint-issuer.service';

/**
 * Moves a serial column's sequence past the largest value present, after rows were inserted with
 * explicit values. PostgreSQL: setval on the column's sequence (no-op on an empty table);
 * SQLite: nothing to do, an INTEGER PRIMARY KEY continues from max(rowid) by itself.
 * Belongs in db/dialect.ts; kept here until that file's owner moves it.
 */

/**
 * A portable backup: gzip'd JSON lines that either dialect can write and read.
 *   line 1: {"format":"tiegui-backup","version":1,"createdAt":…,"migrations":[…]}
 *   then per table: {"$table":"orgs"} followed by one JSON object per row,
 *   last line: {"$end":{"orgs":n,…}} — a file without it was cut short and is refused.
 * Tables come in an order that satisfies the foreign keys; binary columns are base64.
 */
const FORMAT = 'tiegui-backup';
const VERSION = 1;
const PAGE = 2000;
const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

/**
 * Tables not in a backup: the search index, derived from the hazards and rebuilt after a restore
 * (and dialect-specific), and the counts of failed logins, which describe the moment, not the data.
 */
type DerivedTable = 'hazard_search_keys' | 'hazard_search' | 'login_throttles';

/**
 * Every table and its keyset order, in dump order: parents before children. Typed against the
 * schema so a new table fails to compile until it is listed here (or among the derived ones).
 */
const TABLE_ORDER: {
  [T in Exclude<keyof Database, DerivedTable>]: readonly (keyof Database[T] & string)[];
} = {
  // A parent's path is a prefix of its children's, so path order puts parents first.
  orgs: ['path', 'id'],
  division_regions: ['division_id', 'region_prefix'],
  joint_issuers: ['id'],
  mines: ['org_id'],
  users: ['id'],
  user_roles: ['user_id', 'role'],
  password_history: ['id'],
  sessions: ['id'],
  audit_events: ['seq'],
  audit_refusals: ['id'],
  import_receipts: ['id'],
  plans: ['id'],
  campaigns: ['id'],
  obligations: ['id'],
  obligation_recipients: ['obligation_id', 'org_id'],
  submissions: ['id'],
  notifications: ['id'],
  files: ['id'],
  // ULIDs sort by creation, so a forwarded notice comes after the one it forwards.
  notices: ['id'],
  notice_deliveries: ['notice_id', 'org_id'],
  hazard_catalogs: ['id'],
  // A recurrence points at an earlier hazard, and ULIDs sort by creation.
  hazards: ['id'],
  hazard_events: ['id'],
  hazard_supervisions: ['id'],
  hazard_investigations: ['id'],
  workflow_events: ['id'],
  account_changes: ['id'],
  activation_codes: ['id'],
  // After every kind of record that links files (a link's record id has no foreign key).
  file_links: ['record_kind', 'record_id', 'role', 'file_id'],
};
export const TABLES = Object.keys(TABLE_ORDER) as (keyof typeof TABLE_ORDER & string)[];
const BINARY_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = { import_receipts: ['content'] };

type Row = Record<string, unknown>;
/** The database seen without table types, for code that walks every table alike. */
type AnyDb = Kysely<Record<string, Row>>;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/** Rows past `last` in the order of `keys`: (k1 > v1) or (k1 = v1 and (the same on the rest)). */
function pastRow(
  eb: ExpressionBuilder<Record<string, Row>, string>,
  keys: readonly string[],
  last: Row,
): Expression<SqlBool> {
  const [first, ...rest] = keys;
  if (first === undefined) throw new Error('a keyset order needs a column');
  const past = eb(first, '>', last[first]);
  if (rest.length === 0) return past;
  return eb.or([past, eb.and([eb(first, '=', last[first]), pastRow(eb, rest, last)])]);
}

/** Reads a table in keyset pages, so memory stays flat however large it is. */
async function* tableRows(db: AnyDb, table: string, keys: readonly string[]): AsyncGenerator<Row> {
  let after: Row | null = null;
  for (;;) {
    const last: Row | null = after;
    let q = db.selectFrom(table).selectAll();
    if (last) q = q.where((eb) => pastRow(eb, keys, last));
    for (const k of keys) q = q.orderBy(k);
    const rows = (await q.limit(PAGE).execute()) as Row[];
    for (const row of rows) yield row;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1] ?? null;
  }
}

function encodeRow(table: keyof Database, row: Row): Row {
  for (const column of BINARY_COLUMNS[table] ?? []) {
    const value = row[column];
    if (value instanceof Uint8Array) row[column] = Buffer.from(value).toString('base64');
  }
  return row;
}

function decodeRow(table: keyof Database, row: Row): Row {
  for (const column of BINARY_COLUMNS[table] ?? []) {
    const value = row[column];
    if (typeof value === 'string') row[column] = Buffer.from(value, 'base64');
  }
  return row;
}

/** Writes every table to a gzip'd JSON-lines file; records the backup in the audit log first, so it is included. */
export async function backupDatabase(
  db: Db,
  file: string,
  store?: FileStore,
): Promise<{ tables: Record<string, number>; blobs: number }> {
  await recordAudit(
    db,
    SYSTEM,
    { action: 'system.backup', changes: { file: path.basename(file) } },
    new Date(),
  );
  const tables: Record<string, number> = {};
  let blobs = 0;
  const partial = `${file}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // One read-only snapshot: a consistent copy even while the server keeps writing.
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const header: BackupHeader = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(trx),
      };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of TABLES) {
          yield `${JSON.stringify({ $table: table })}\n`;
          let n = 0;
          for await (const row of tableRows(trx as unknown as AnyDb, table, TABLE_ORDER[table])) {
            yield `${JSON.stringify(encodeRow(table, row))}\n`;
            n++;
          }
          tables[table] = n;
        }
        // Uploaded files' contents, once per distinct hash, so a restore loses no attachment.
        if (store) {
          const hashes = await trx
            .selectFrom('files')
            .select('sha256')
            .distinct()
            .orderBy('sha256')
            .execute();
          for (const { sha256 } of hashes) {
            yield `${JSON.stringify({ $blob: sha256, data: (await store.get(sha256)).toString('base64') })}\n`;
            blobs++;
          }
        }
        yield `${JSON.stringify({ $end: tables, $blobs: blobs })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(partial));
    });
  fs.renameSync(partial, file);
  return { tables, blobs };
}

/** The lines of a gzip'd text file, streamed. */
async function* readLines(file: string): AsyncGenerator<string> {
  // An error in either stream destroys both, so the loop below throws instead of hanging.
  const input = pipelineCallback(fs.createReadStream(file), createGunzip(), () => {});
  input.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of input) {
      const parts = (rest + (chunk as string)).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) if (line) yield line;
    }
  } catch (error) {
    throw new AppError(
      'VALIDATION',
      `备份文件无法解压，可能不是铁规备份或已损坏：${(error as Error).message}`,
    );
  }
  if (rest) yield rest;
}

function parseLine(line: string, lineNo: number): Row {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Row;
  } catch {
    // reported below
  }
  throw new AppError('VALIDATION', `备份文件第${lineNo}行格式错误，文件可能已损坏`);
}

/**
 * Loads a backup into an empty database in one transaction, keeping every id and audit seq,
 * so the audit chain still verifies (with the same audit key: a backup signed with another key is
 * refused); indexes the hazards for search (derived, not backed up); then records the restore in
 * the audit log and starts a new epoch of checkpoints. Inserting is all it does to the audit
 * table, which the database allows (only UPDATE, DELETE and TRUNCATE are refused).
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  store?: FileStore,
): Promise<{ tables: Record<string, number>; blobs: number }> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `找不到备份文件：${file}`);
  const restored = await db.transaction().execute(async (trx) => {
    // One query at a time: a transaction holds one connection.
    const org = await trx.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
    const user = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const event = await trx.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst();
    if (org || user || event) {
      throw new AppError(
        'CONFLICT',
        '目标数据库不是空库（已有单位、用户或审计记录），为防止覆盖现有数据已拒绝恢复。请指向一个新的空数据库（新的 TIEGUI_DATA_DIR 或 TIEGUI_DATABASE_URL）后重试',
      );
    }
    const known = await appliedMigrations(trx);
    const any = trx as unknown as AnyDb;
    const tables: Record<string, number> = {};
    let blobs = 0;
    let current: keyof Database | null = null;
    let pending: Row[] = [];
    let header: BackupHeader | null = null;
    let end: Record<string, number> | null = null;
    const flush = async () => {
      const first = pending[0];
      if (!current || !first) return;
      const size = insertChunkRows(any as Kysely<unknown>, Object.keys(first).length);
      for (let i = 0; i < pending.length; i += size) {
        await any
          .insertInto(current)
          .values(pending.slice(i, i + size))
          .execute();
      }
      pending = [];
    };

    let lineNo = 0;
    for await (const line of readLines(file)) {
      lineNo++;
      const value = parseLine(line, lineNo);
      if (!header) {
        if (value.format !== FORMAT) throw new AppError('VALIDATION', '该文件不是铁规备份文件');
        if (value.version !== VERSION) {
          throw new AppError(
            'VALIDATION',
            `不支持的备份格式版本：${String(value.version)}（本程序支持第${VERSION}版）`,
          );
        }
        header = value as unknown as BackupHeader;
        const unknown = (header.migrations ?? []).filter((m) => !known.includes(m));
        if (unknown.length > 0) {
          throw new AppError(
            'VALIDATION',
            `备份来自更新版本的程序（含本程序未知的迁移 ${unknown.join('、')}），请先升级程序再恢复`,
          );
        }
        continue;
      }
      if (end) throw new AppError('VALIDATION', '备份文件在结尾记录之后还有内容，文件可能已损坏');
      if (typeof value.$table === 'string') {
        await flush();
        if (!TABLES.includes(value.$table as (typeof TABLES)[number])) {
          throw new AppError('VALIDATION', `备份文件含有未知的数据表 ${value.$table}`);
        }
        current = value.$table as keyof Database;
        tables[current] = 0;
        continue;
      }
      if (typeof value.$blob === 'string' && typeof value.data === 'string') {
        await flush();
        current = null;
        const content = Buffer.from(value.data, 'base64');
        if (createHash('sha256').update(content).digest('hex') !== value.$blob) {
          throw new AppError('VALIDATION', `备份文件第${lineNo}行的附件内容与其哈希不符，文件可能已损坏`);
        }
        // Content-addressed and idempotent: a failed restore leaves at most unused copies.
        await store?.put(value.$blob, content);
        blobs++;
        continue;
      }
      if (value.$end && typeof value.$end === 'object') {
        end = value.$end as Record<string, number>;
        if (typeof value.$blobs === 'number' && value.$blobs !== blobs) {
          throw new AppError(
            'VALIDATION',
            `备份文件应有${value.$blobs}个附件，实际读到${blobs}个，文件可能已损坏`,
          );
        }
        continue;
      }
      if (!current) throw new AppError('VALIDATION', `备份文件第${lineNo}行不属于任何数据表，文件可能已损坏`);
      pending.push(decodeRow(current, value));
      tables[current] = (tables[current] ?? 0) + 1;
      if (pending.length >= 5000) await flush();
    }
    await flush();
    if (!header) throw new AppError('VALIDATION', '备份文件为空');
    if (!end)
      throw new AppError('VALIDATION', '备份文件不完整（缺少结尾记录），可能在备份时中断，未做任何恢复');
    for (const [table, n] of Object.entries(end)) {
      if ((tables[table] ?? 0) !== n) {
        throw new AppError(
          'VALIDATION',
          `备份文件中 ${table} 表应有${n}行，实际读到${tables[table] ?? 0}行，文件可能已损坏`,
        );
      }
    }
    // A chain signed with another key would read as forged from its first event on.
    const unsigned = await unverifiedHead(trx, auditLogOf(trx).secret);
    if (unsigned !== null) {
      throw new AppError(
        'CONFLICT',
        `备份中的审计日志是用另一把审计密钥签名的（第${unsigned}号记录无法验证），未做任何恢复。请把原数据目录的 keys/audit.key 复制到本数据目录，或设置 TIEGUI_AUDIT_KEY 为原密钥后重试`,
      );
    }
    await resetSerial(any as Kysely<unknown>, 'audit_events', 'seq');
    await rebuildHazardSearch(any as Kysely<unknown>);
    // A backup from before joint issuers were data: its orgs get the pair migration 0012 gives a database.
    if (!(header.migrations ?? []).includes('0012_joint_issuers_login_throttles'))
      await ensureDefaultJointIssuers(trx, new Date());
    await appendAudit(
      trx,
      SYSTEM,
      {
        action: 'system.restore',
        changes: { file: path.basename(file), backupCreatedAt: header.createdAt, tables },
      },
      new Date(),
    );
    return { tables, blobs };
  });
  // A new epoch of checkpoints: the backup may be older than the checkpoints written before it.
  await auditLogOf(db).checkpoint('restore');
  return restored;
}
