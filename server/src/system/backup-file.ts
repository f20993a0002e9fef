import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline as pipelineCallback, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { type BackupKey, fileKey } from './backup-key';

/**
 * The sealed backup file (version 2):
 *   "TIEGUIBK" · header length (uint32, big-endian) · header (JSON, in clear: what a restore checks first)
 *   · the gzip'd JSON lines in segments of 64 KiB, each encrypted with AES-256-GCM and followed by its tag.
 * Each segment's nonce is its number plus a flag on the last one, and every segment authenticates the
 * header (its sha256 as additional data): a changed byte anywhere, segments dropped, swapped or cut
 * off at the end, or another header fail the check. The key is derived per file (HKDF, random salt).
 */
const MAGIC = Buffer.from('TIEGUIBK', 'latin1');
const SEGMENT = 64 * 1024;
const TAG = 16;
const MAX_HEADER = 1 << 20;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

const ZSealedHeader = z.object({
  format: z.literal('tiegui-backup'),
  version: z.literal(2),
  createdAt: z.string(),
  source: z.object({ database: z.enum(['sqlite', 'postgresql']), host: z.string() }),
  migrations: z.array(z.string()),
  /** Rows per table in the snapshot, counted before the rows are written. */
  tables: z.record(z.string(), z.number()),
  cipher: z.literal('aes-256-gcm'),
  segment: z.number().int().positive(),
  salt: z.string(),
  keyId: z.string(),
});
export type SealedHeader = z.infer<typeof ZSealedHeader>;
/** What the caller of writeSealed states; the rest of the header is the seal's own. */
export type BackupFacts = Pick<SealedHeader, 'createdAt' | 'source' | 'migrations' | 'tables'>;

export const sourceOf = (postgres: boolean): SealedHeader['source'] => ({
  database: postgres ? 'postgresql' : 'sqlite',
  host: os.hostname(),
});

function nonce(segment: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(segment, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Cuts what flows through into segments; the last is the one the stream ends with (possibly empty). */
abstract class Segmenter extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  protected count = 0;
  constructor(private readonly size: number) {
    super();
  }
  protected abstract segment(data: Buffer, last: boolean): Buffer;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      // Strictly more than one segment: the one the stream ends on is sealed as the last.
      while (this.pending.length > this.size) {
        this.push(this.segment(this.pending.subarray(0, this.size), false));
        this.pending = this.pending.subarray(this.size);
        this.count++;
      }
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      this.push(this.segment(this.pending, true));
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

class Seal extends Segmenter {
  constructor(
    private readonly key: Buffer,
    private readonly aad: Buffer,
  ) {
    super(SEGMENT);
  }
  protected segment(data: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.count, last));
    cipher.setAAD(this.aad);
    return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  }
}

class Unseal extends Segmenter {
  constructor(
    private readonly key: Buffer,
    private readonly aad: Buffer,
  ) {
    super(SEGMENT + TAG);
  }
  /** Nothing is passed on before its tag is checked. */
  protected segment(data: Buffer, last: boolean): Buffer {
    if (data.length < TAG) throw incomplete();
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce(this.count, last));
    decipher.setAAD(this.aad);
    decipher.setAuthTag(data.subarray(data.length - TAG));
    try {
      return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG)), decipher.final()]);
    } catch {
      throw last
        ? incomplete()
        : new AppError(
            'VALIDATION',
            `备份文件已被改动或损坏（第${this.count + 1}段校验未通过），未做任何恢复`,
          );
    }
  }
}

const incomplete = () =>
  new AppError(
    'VALIDATION',
    '备份文件不完整（可能在备份或复制时中断）或已被改动：末段校验未通过，未做任何恢复',
  );

/** Writes lines as a sealed backup: a 0600 file (in a 0700 folder when it makes one), renamed into place when complete. */
export async function writeSealed(
  file: string,
  facts: BackupFacts,
  key: BackupKey,
  lines: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const salt = randomBytes(32);
  const header: SealedHeader = {
    format: 'tiegui-backup',
    version: 2,
    ...facts,
    cipher: 'aes-256-gcm',
    segment: SEGMENT,
    salt: salt.toString('hex'),
    keyId: key.id,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const prefix = Buffer.concat([MAGIC, length, json]);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  try {
    out.write(prefix);
    await pipeline(
      Readable.from(lines),
      createGzip(),
      new Seal(fileKey(key, salt), createHash('sha256').update(prefix).digest()),
      out,
    );
    // On disk before it takes the name: a crash never leaves a half-written file called a backup.
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** What a file holds: a sealed backup (its header), an unsealed one from before version 2, or neither. */
export type BackupFileKind =
  | { kind: 'sealed'; header: SealedHeader; prefix: Buffer }
  | { kind: 'legacy' }
  | { kind: 'unknown' };

export function backupFileKind(file: string): BackupFileKind {
  const fd = fs.openSync(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    const read = fs.readSync(fd, start, 0, start.length, 0);
    if (read >= 2 && start.subarray(0, 2).equals(GZIP_MAGIC)) return { kind: 'legacy' };
    if (read < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'unknown' };
    const length = start.readUInt32BE(MAGIC.length);
    if (length > MAX_HEADER) return { kind: 'unknown' };
    const json = Buffer.alloc(length);
    if (fs.readSync(fd, json, 0, length, start.length) < length) throw incomplete();
    let value: unknown;
    try {
      value = JSON.parse(json.toString('utf8'));
    } catch {
      value = null;
    }
    const header = ZSealedHeader.safeParse(value);
    if (!header.success) {
      throw new AppError('VALIDATION', '备份文件的文件头已损坏或来自不支持的版本，未做任何恢复');
    }
    return { kind: 'sealed', header: header.data, prefix: Buffer.concat([start, json]) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The lines of a sealed backup, each segment checked before any of its bytes are read. */
export function sealedLines(
  file: string,
  sealed: { header: SealedHeader; prefix: Buffer },
  key: BackupKey,
): AsyncGenerator<string> {
  if (sealed.header.keyId !== key.id) {
    throw new AppError(
      'VALIDATION',
      '备份文件是用另一把备份密钥加密的，无法解密，未做任何恢复。请把原数据目录的 keys/backup.key 复制到本数据目录，或设置 TIEGUI_BACKUP_KEY 为原密钥后重试',
    );
  }
  const unseal = new Unseal(
    fileKey(key, Buffer.from(sealed.header.salt, 'hex')),
    createHash('sha256').update(sealed.prefix).digest(),
  );
  return linesOf(
    pipelineCallback(
      fs.createReadStream(file, { start: sealed.prefix.length }),
      unseal,
      createGunzip(),
      () => {},
    ),
  );
}

/** The lines of a backup from before version 2: gzip'd, neither encrypted nor authenticated. */
export function legacyLines(file: string): AsyncGenerator<string> {
  return linesOf(pipelineCallback(fs.createReadStream(file), createGunzip(), () => {}));
}

/** Splits text into lines; an error in any stage of the pipeline ends the loop (it does not hang). */
async function* linesOf(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  input.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of input) {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) if (line) yield line;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'VALIDATION',
      `备份文件无法解压，可能不是铁规备份或已损坏：${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (rest) yield rest;
}
