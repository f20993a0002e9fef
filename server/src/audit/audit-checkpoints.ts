import { createHmac } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { canVerify, GENESIS_HASH } from './audit-chain';

/**
 * Checkpoints of the audit chain kept outside the database: one signed JSON line per checkpoint
 * in `<data folder>/audit/checkpoints.log` (append-only, 0600), optionally copied to syslog. Each
 * line carries the chain head (seq, hash), how many events there were, when, and an HMAC with
 * the audit key over all that and the previous line's HMAC, so lines cannot be edited, forged,
 * removed from the middle or reordered without the key. Someone holding only the database can
 * then neither drop the newest events nor empty the table unseen.
 *
 * `restore` lines start a new epoch: a restore (system/backup.ts) loads a backup that may be older
 * than the checkpoints before it, and the verifier compares the database with the current epoch.
 */

const ZCheckpoint = z.object({
  kind: z.enum(['checkpoint', 'restore']),
  seq: z.number().int(),
  hash: z.string(),
  count: z.number().int(),
  at: z.string(),
  alg: z.string(),
  prev: z.string(),
  hmac: z.string(),
});
export type Checkpoint = z.infer<typeof ZCheckpoint>;
export type CheckpointEntry = Pick<Checkpoint, 'kind' | 'seq' | 'hash' | 'count' | 'at'>;

export const checkpointFile = (dataDir: string) => path.join(dataDir, 'audit', 'checkpoints.log');

/** The variable naming a syslog receiver for a copy of each line: `udp://host:514`. */
export const AUDIT_SYSLOG_ENV = 'TIEGUI_AUDIT_SYSLOG';

function sign(secret: Buffer, c: Omit<Checkpoint, 'hmac'>): string {
  return createHmac(c.alg.replace(/^hmac-/, ''), secret)
    .update(JSON.stringify([c.kind, c.seq, c.hash, c.count, c.at, c.alg, c.prev]))
    .digest('hex');
}

function parse(line: string): Checkpoint | null {
  try {
    const parsed = ZCheckpoint.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The file's last line as written (not verified: only to chain the next line to it). */
export function lastCheckpoint(file: string): Checkpoint | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const lines = tail
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const last = lines[lines.length - 1];
    return last === undefined ? null : parse(last);
  } finally {
    fs.closeSync(fd);
  }
}

/** A syslog receiver, or none when the variable is not set. */
export function syslogTarget(env: NodeJS.ProcessEnv): { host: string; port: number } | null {
  const value = env[AUDIT_SYSLOG_ENV];
  if (!value) return null;
  const url = new URL(value.includes('://') ? value : `udp://${value}`);
  if (url.protocol !== 'udp:') throw new Error(`${AUDIT_SYSLOG_ENV} 只支持 udp://主机:端口`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 514) };
}

/** One RFC 5424 message, facility log audit (13), severity informational: the line as written. */
function sendToSyslog(target: { host: string; port: number }, line: string, at: string): void {
  const message = Buffer.from(`<110>1 ${at} ${os.hostname()} tiegui - audit-checkpoint - ${line}`);
  const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  socket.unref();
  socket.on('error', (error) => {
    console.warn(`审计检查点发送到syslog失败：${error.message}`);
    socket.close();
  });
  socket.send(message, target.port, target.host, () => socket.close());
}

/** Appends one signed line (the file and its folder created private), flushed to disk. */
export function appendCheckpoint(
  file: string,
  secret: Buffer,
  alg: string,
  entry: CheckpointEntry,
  syslog: { host: string; port: number } | null,
): Checkpoint {
  const unsigned = { ...entry, alg, prev: lastCheckpoint(file)?.hmac ?? GENESIS_HASH };
  const checkpoint: Checkpoint = { ...unsigned, hmac: sign(secret, unsigned) };
  const line = JSON.stringify(checkpoint);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (syslog) sendToSyslog(syslog, line, entry.at);
  return checkpoint;
}

export interface CheckpointReading {
  /** Lines whose signature holds, in file order. */
  valid: Checkpoint[];
  /** What is wrong with the file, one message (Chinese) per line at fault. */
  problems: string[];
}

/** Reads and checks every line: its signature and its link to the line before. */
export function readCheckpoints(file: string, secret: Buffer): CheckpointReading {
  if (!fs.existsSync(file)) return { valid: [], problems: [] };
  const valid: Checkpoint[] = [];
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const n = i + 1;
    const c = parse(line);
    if (!c) {
      problems.push(`检查点文件第${n}行格式错误（检查点文件被改动）`);
      return;
    }
    if (!canVerify(c.alg)) {
      problems.push(`检查点文件第${n}行使用的算法 ${c.alg} 本机不支持，无法校验`);
    } else if (sign(secret, c) !== c.hmac) {
      problems.push(`检查点文件第${n}行签名不符（检查点被改动或伪造）`);
    } else if (c.prev !== prev) {
      problems.push(`检查点文件第${n}行与上一行的链接不符（其前的检查点被删除或调换）`);
      valid.push(c);
    } else {
      valid.push(c);
    }
    prev = c.hmac;
  });
  return { valid, problems };
}
