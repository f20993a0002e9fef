import type { AuditBreak, AuditBreakKind, AuditVerify } from '@tiegui/domain';
import type { Db } from '../db/database';
import { beijingTime } from '../lib/beijing';
import { auditEventsAfter } from './audit.repository';
import { canVerify, expectedHash, GENESIS_HASH, isUnkeyedRehash, UNKEYED } from './audit-chain';
import { type Checkpoint, readCheckpoints } from './audit-checkpoints';
import { auditLogOf } from './audit-log';

export type ChainVerification = AuditVerify;

/** More than this many breaks are counted, not listed: the page and the CLI stay readable. */
const MAX_LISTED = 1000;
const BATCH = 5000;

/** Breaks that run over consecutive events are listed once, as a range. */
const RUN_MESSAGES: Partial<Record<AuditBreakKind, string>> = {
  edited: '记录的内容与其哈希不符（记录被修改）',
  rehashed: '记录的哈希不是用审计密钥算出的（记录被改动后哈希链被重算）',
  relinked: '记录与前一条记录的链接不符（记录被删除、插入或调换）',
  unverifiable: '记录使用的算法本机不支持，无法校验',
};

const range = (b: { seq: number | null; lastSeq: number | null }) =>
  b.lastSeq !== null && b.lastSeq !== b.seq ? `第${b.seq}至${b.lastSeq}号` : `第${b.seq}号`;

/** A checkpoint's time as the auditor reads it: Beijing time. */
const named = (c: Checkpoint) => `${beijingTime(c.at)}的检查点`;

class Breaks {
  readonly listed: AuditBreak[] = [];
  omitted = 0;

  add(kind: AuditBreakKind, seq: number | null, message: string): void {
    if (this.listed.length < MAX_LISTED) this.listed.push({ kind, seq, lastSeq: seq, message });
    else this.omitted++;
  }

  /** A break of one event; merged into the previous entry when that one ends at the event before. */
  addRun(kind: AuditBreakKind, seq: number, previousSeq: number | null): void {
    const last = this.listed[this.listed.length - 1];
    if (last?.kind === kind && last.lastSeq !== null && last.lastSeq === previousSeq) {
      last.lastSeq = seq;
      last.message = `${range(last)}${RUN_MESSAGES[kind]}`;
      return;
    }
    this.add(kind, seq, `第${seq}号${RUN_MESSAGES[kind]}`);
  }
}

/**
 * Walks the whole chain in order and reports every break, not only the first: each event's hash
 * by its algorithm and the audit key, each link, and each checkpoint of the current epoch (the
 * event it names, its hash, how many events there were up to it); then the checkpoint file's own
 * signatures and links. Finds edits, chains recomputed without the key, deletions in the middle,
 * at the end (truncation) and of everything.
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  const log = auditLogOf(db);
  const file = readCheckpoints(log.checkpointFile, log.secret);
  const restored = file.valid.findLastIndex((c) => c.kind === 'restore');
  const epoch = file.valid.slice(Math.max(restored, 0)).sort((a, b) => a.seq - b.seq);
  const breaks = new Breaks();
  let next = 0;
  let checked = 0;
  let previous: { seq: number; hash: string } | null = null;
  let keyedSeen = false;

  const compareCount = (c: Checkpoint, present: number) => {
    if (present === c.count) return;
    const kind = present < c.count ? 'deleted' : 'inserted';
    const what = present < c.count ? '记录被删除' : '记录被插入';
    breaks.add(kind, c.seq, `${named(c)}截至第${c.seq}号共有${c.count}条记录，现有${present}条（${what}）`);
  };

  for (let after = -1; ; ) {
    const batch = await auditEventsAfter(db, after, BATCH);
    for (const row of batch) {
      // Checkpoints naming an event that is no longer there.
      for (let c = epoch[next]; c !== undefined && c.seq < row.seq; c = epoch[++next]) {
        breaks.add('deleted', c.seq, `${named(c)}所记的第${c.seq}号记录已不存在（记录被删除）`);
        compareCount(c, checked);
      }
      checked++;
      if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) {
        const firstMissing = (previous?.seq ?? 0) + 1;
        if (row.seq > firstMissing) {
          const missing =
            row.seq - 1 > firstMissing ? `第${firstMissing}至${row.seq - 1}号` : `第${firstMissing}号`;
          breaks.add('deleted', row.seq, `第${row.seq}号记录之前的${missing}记录缺失（记录被删除）`);
        } else {
          breaks.addRun('relinked', row.seq, previous?.seq ?? null);
        }
      }
      const prevSeq = previous?.seq ?? null;
      if (!canVerify(row.hash_alg)) {
        breaks.addRun('unverifiable', row.seq, prevSeq);
      } else if ((row.hash_alg === UNKEYED && keyedSeen) || expectedHash(log.secret, row) !== row.hash) {
        // An unkeyed row after a keyed one was written by someone without the key, whatever its hash.
        breaks.addRun(isUnkeyedRehash(row, row.hash) ? 'rehashed' : 'edited', row.seq, prevSeq);
      }
      if (row.hash_alg !== UNKEYED) keyedSeen = true;
      for (let c = epoch[next]; c !== undefined && c.seq === row.seq; c = epoch[++next]) {
        if (c.hash !== row.hash) {
          breaks.add(
            'replaced',
            c.seq,
            `第${c.seq}号记录与${named(c)}所记的哈希不符（记录被改写或哈希链被重算）`,
          );
        }
        compareCount(c, checked);
      }
      previous = row;
      after = row.seq;
    }
    if (batch.length < BATCH) break;
  }

  const newest = epoch[epoch.length - 1];
  if (newest && next < epoch.length) {
    if (previous === null) {
      breaks.add(
        'emptied',
        null,
        `${named(newest)}记有${newest.count}条记录，而审计日志表已为空（记录被全部删除）`,
      );
    } else {
      breaks.add(
        'truncated',
        previous.seq,
        `${named(newest)}记到第${newest.seq}号记录，而现存最新的是第${previous.seq}号（其后的记录被删除）`,
      );
    }
  }
  for (const problem of file.problems) breaks.add('checkpoints', null, problem);

  const first = breaks.listed.find((b) => b.seq !== null) ?? breaks.listed[0];
  return {
    ok: breaks.listed.length === 0,
    checked,
    brokenAt: first?.seq ?? null,
    reason: first?.message ?? null,
    breaks: breaks.listed,
    omitted: breaks.omitted,
    checkpoints: epoch.length,
    lastCheckpointAt: newest?.at ?? null,
  };
}
