import { createHash } from 'node:crypto';
import { AppError } from '../lib/errors';
import { type BackupTable, decodeRow, isBackupTable, type Row, TableHash } from './backup-rows';

/**
 * The body of a backup, after its header:
 *   per table {"$table":"orgs"} and one JSON object per row;
 *   per distinct uploaded file {"$blob":"<sha256>"} and its content as JSON strings of base64, one a line
 *   (before version 2: {"$blob":…,"data":…} in one line);
 *   last {"$end":{"orgs":n,…},"$hashes":{"orgs":"<sha256 of its lines>",…},"$blobs":n}.
 */
export interface BackupSummary {
  tables: Record<string, number>;
  hashes: Record<string, string>;
  blobs: number;
}

/** What a reading does with the contents; a verifying reading does nothing and only checks. */
export interface BackupSink {
  rows?(table: BackupTable, rows: Row[]): Promise<void>;
  /** After the last row, before the first file: every table is loaded. */
  tablesDone?(): Promise<void>;
  /** The parts of one file's content, streamed; whatever the sink leaves unread is read and checked after. */
  blob?(sha256: string, parts: AsyncIterable<Buffer>): Promise<void>;
}

const BATCH = 5000;

const damaged = (message: string) => new AppError('VALIDATION', `${message}，文件可能已损坏，未做任何恢复`);

class LineCursor {
  private readonly back: string[] = [];
  lineNo = 0;
  constructor(private readonly lines: AsyncIterator<string>) {}
  async next(): Promise<string | null> {
    const again = this.back.pop();
    if (again !== undefined) return again;
    const r = await this.lines.next();
    if (r.done) return null;
    this.lineNo++;
    return r.value;
  }
  unread(line: string): void {
    this.back.push(line);
  }
}

function parse(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new AppError('VALIDATION', `备份文件第${lineNo}行格式错误，文件可能已损坏`);
  }
}

function objectOf(value: unknown, lineNo: number): Row {
  if (value && typeof value === 'object' && !Array.isArray(value)) return { ...value };
  throw new AppError('VALIDATION', `备份文件第${lineNo}行格式错误，文件可能已损坏`);
}

function numbersOf(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number') out[k] = v;
  return out;
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The first line of a backup from before version 2: its header. */
export async function legacyHeader(lines: AsyncIterator<string>): Promise<Row> {
  const first = await lines.next();
  if (first.done) throw new AppError('VALIDATION', '备份文件为空');
  return objectOf(parse(first.value, 1), 1);
}

/**
 * Reads a backup's body to its end, handing rows and files to the sink, and checks it: rows per
 * table and their content hash against the end record (and the header's counts when it has them),
 * each file's content against its hash, nothing after the end. Throws on the first problem.
 */
export async function readBackup(
  lines: AsyncIterator<string>,
  expect: { tables?: Record<string, number>; hashed: boolean },
  sink: BackupSink = {},
): Promise<BackupSummary> {
  const cursor = new LineCursor(lines);
  const tables: Record<string, number> = {};
  const hashes = new Map<BackupTable, TableHash>();
  let current: BackupTable | null = null;
  let pending: Row[] = [];
  let tablesDone = false;
  let blobs = 0;
  const flush = async () => {
    if (current && pending.length) await sink.rows?.(current, pending);
    pending = [];
  };
  const finishTables = async () => {
    await flush();
    current = null;
    if (!tablesDone) await sink.tablesDone?.();
    tablesDone = true;
  };
  for (;;) {
    const line = await cursor.next();
    if (line === null) {
      throw new AppError('VALIDATION', '备份文件不完整（缺少结尾记录），可能在备份时中断，未做任何恢复');
    }
    const value = objectOf(parse(line, cursor.lineNo), cursor.lineNo);
    if (typeof value.$table === 'string') {
      if (tablesDone) throw damaged(`备份文件第${cursor.lineNo}行：数据表出现在附件之后`);
      await flush();
      if (!isBackupTable(value.$table))
        throw new AppError('VALIDATION', `备份文件含有未知的数据表 ${value.$table}`);
      current = value.$table;
      tables[current] = 0;
      hashes.set(current, new TableHash());
      continue;
    }
    if (typeof value.$blob === 'string') {
      await finishTables();
      await readBlob(cursor, value.$blob, typeof value.data === 'string' ? value.data : null, sink);
      blobs++;
      continue;
    }
    if (value.$end && typeof value.$end === 'object') {
      await finishTables();
      const summary: BackupSummary = { tables, hashes: {}, blobs };
      for (const [table, hash] of hashes) summary.hashes[table] = hash.digest();
      checkEnd(value, summary, expect);
      if ((await cursor.next()) !== null)
        throw new AppError('VALIDATION', '备份文件在结尾记录之后还有内容，文件可能已损坏');
      return summary;
    }
    if (!current) throw damaged(`备份文件第${cursor.lineNo}行不属于任何数据表`);
    hashes.get(current)?.add(line);
    pending.push(decodeRow(current, value));
    tables[current] = (tables[current] ?? 0) + 1;
    if (pending.length >= BATCH) await flush();
  }
}

async function readBlob(cursor: LineCursor, sha256: string, inline: string | null, sink: BackupSink) {
  const hash = createHash('sha256');
  async function* parts(): AsyncGenerator<Buffer> {
    if (inline !== null) {
      const part = Buffer.from(inline, 'base64');
      hash.update(part);
      yield part;
      return;
    }
    for (;;) {
      const line = await cursor.next();
      if (line === null) return;
      const value = parse(line, cursor.lineNo);
      if (typeof value !== 'string') {
        cursor.unread(line);
        return;
      }
      const part = Buffer.from(value, 'base64');
      hash.update(part);
      yield part;
    }
  }
  const stream = parts();
  await sink.blob?.(sha256, stream);
  for await (const _ of stream) {
    // What the sink left unread is still read: the next line is the next record's.
  }
  if (hash.digest('hex') !== sha256) {
    throw damaged(`备份文件第${cursor.lineNo}行之前的附件内容与其哈希不符`);
  }
}

function checkEnd(
  end: Row,
  read: BackupSummary,
  expect: { tables?: Record<string, number>; hashed: boolean },
): void {
  const counts = numbersOf(end.$end);
  const hashes = stringsOf(end.$hashes);
  const blobs = end.$blobs;
  if (typeof blobs === 'number' && blobs !== read.blobs) {
    throw damaged(`备份文件应有${blobs}个附件，实际读到${read.blobs}个`);
  }
  const names = new Set([
    ...Object.keys(counts),
    ...Object.keys(read.tables),
    ...Object.keys(expect.tables ?? {}),
  ]);
  for (const table of names) {
    const n = counts[table] ?? 0;
    const got = read.tables[table] ?? 0;
    if (got !== n || (expect.tables && (expect.tables[table] ?? 0) !== n)) {
      throw damaged(`备份文件中 ${table} 表应有${expect.tables?.[table] ?? n}行，实际读到${got}行`);
    }
    if (expect.hashed && hashes[table] !== read.hashes[table]) {
      throw damaged(`备份文件中 ${table} 表的内容与其哈希不符`);
    }
  }
}
