import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { lockAuditChain } from '../db/dialect';
import type { Database } from '../db/schema';
import { type Clock, systemClock } from '../lib/clock';
import { chainHead, countEventsAfter, latestKeyedEvent } from './audit.repository';
import { canVerify, keyedHash } from './audit-chain';
import {
  appendCheckpoint,
  type Checkpoint,
  checkpointFile,
  lastCheckpoint,
  syslogTarget,
} from './audit-checkpoints';
import { auditKeyFile, keyedAlgorithm, loadAuditKey } from './audit-key';

/** What a process that writes to a database's audit log holds: its key and its checkpoints. */
export interface AuditLog {
  readonly secret: Buffer;
  readonly algorithm: 'hmac-sm3' | 'hmac-sha256';
  readonly checkpointFile: string;
  /** Called by appendAudit after each event; every so many, a checkpoint follows the commit. */
  appended(): void;
  /** Writes a checkpoint of the committed chain now (none when nothing changed since the last). */
  checkpoint(kind?: Checkpoint['kind']): Promise<Checkpoint | null>;
  /** Resolves once the checkpoints asked for so far are written. */
  idle(): Promise<void>;
  /** Stops the timer and writes the last checkpoint (clean shutdown). */
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** The data folder: `keys/audit.key` (unless TIEGUI_AUDIT_KEY is set) and `audit/checkpoints.log`. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** A checkpoint after this many appends by this process… */
  checkpointEvery?: number;
  /** …and at this interval, when the chain has grown. */
  checkpointMinutes?: number;
}

/**
 * The log bound to each open database. Keyed by the database's adapter because a transaction
 * shares its database's adapter: appendAudit, handed only a transaction, finds the key the
 * process opened the database with, and no call site carries it.
 */
const logs = new WeakMap<object, AuditLog>();
const bindingOf = (db: Kysely<Database>) => db.getExecutor().adapter;

/** The audit log of a database (or of a transaction on it); there is none until openAuditLog. */
export function auditLogOf(db: Kysely<Database>): AuditLog {
  const log = logs.get(bindingOf(db));
  if (!log) throw new Error('audit log not opened for this database (openAuditLog)');
  return log;
}

/**
 * The newest keyed event, when the key did not make its hash (another key, or a forged event);
 * null when it did or there is none. Rows before it are the verifier's business.
 */
export async function unverifiedHead(db: Kysely<Database>, secret: Buffer): Promise<number | null> {
  const keyed = await latestKeyedEvent(db);
  if (!keyed || !canVerify(keyed.hash_alg)) return null;
  return keyedHash(secret, keyed) === keyed.hash ? null : keyed.seq;
}

/**
 * Opens the audit log of a migrated database: loads (or on first start creates) the key, binds
 * it to the database and starts the checkpoints. Refuses to create a new key for a chain signed
 * with another one (a lost or misplaced key file): every event would then read as forged.
 */
export async function openAuditLog(db: Db, options: AuditLogOptions): Promise<AuditLog> {
  const env = options.env ?? process.env;
  const key = loadAuditKey(options.dataDir, env);
  const unsigned = await unverifiedHead(db, key.secret);
  if (unsigned !== null) {
    if (key.created) {
      fs.rmSync(key.source);
      throw new Error(
        `审计日志已用另一把审计密钥签名，但数据目录中没有该密钥（${auditKeyFile(options.dataDir)}）。请放回原密钥文件，或设置 TIEGUI_AUDIT_KEY 为原密钥后重试`,
      );
    }
    console.warn(
      `警告：最新的第${unsigned}号审计记录无法用当前审计密钥（${key.source}）验证：密钥不是原密钥，或记录已被篡改。请运行 audit-verify 查看`,
    );
  }
  const clock = options.clock ?? systemClock;
  const file = checkpointFile(options.dataDir);
  const syslog = syslogTarget(env);
  const every = options.checkpointEvery ?? 100;
  let sinceLast = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const write = (kind: Checkpoint['kind']) =>
    db.transaction().execute(async (trx) => {
      // Under the chain's lock: the head is committed and stays the head while it is recorded.
      await lockAuditChain(trx);
      const [head] = await chainHead(trx);
      if (!head) return null;
      const last = lastCheckpoint(file);
      if (kind === 'checkpoint' && last?.seq === head.seq && last.hash === head.hash) return null;
      // Counting only what is new keeps a checkpoint cheap on millions of events.
      const count =
        kind === 'checkpoint' && last && last.seq <= head.seq
          ? last.count + (await countEventsAfter(trx, last.seq))
          : await countEventsAfter(trx, -1);
      const at = clock.now().toISOString();
      return appendCheckpoint(file, key.secret, log.algorithm, { kind, ...head, count, at }, syslog);
    });
  // One checkpoint at a time per process; a failed one is reported and the next one still runs.
  const enqueue = (kind: Checkpoint['kind']) => {
    const next = queue.then(() => write(kind));
    queue = next.catch((error: unknown) =>
      console.warn(`写入审计检查点失败：${error instanceof Error ? error.message : String(error)}`),
    );
    return next;
  };
  // In the background, where a failure is already reported by the queue.
  const background = () => void enqueue('checkpoint').catch(() => {});
  const timer = setInterval(background, (options.checkpointMinutes ?? 5) * 60_000);
  timer.unref();

  const log: AuditLog = {
    secret: key.secret,
    algorithm: keyedAlgorithm(),
    checkpointFile: file,
    appended() {
      if (++sinceLast < every) return;
      sinceLast = 0;
      // Not awaited: it waits for the appending transaction to end, so it records only what committed.
      background();
    },
    checkpoint: (kind = 'checkpoint') => enqueue(kind),
    async idle() {
      await queue;
    },
    async close() {
      clearInterval(timer);
      await enqueue('checkpoint').catch(() => null);
      logs.delete(bindingOf(db));
    },
  };
  logs.set(bindingOf(db), log);
  return log;
}
