import { REFUSAL_WINDOW_MINUTES } from '@tiegui/domain';
import type { Db } from '../db/database';
import { lockAuditChain } from '../db/dialect';
import type { AuditRefusalTable } from '../db/schema-accounts';
import { newId } from '../lib/ids';
import { type AuditActor, appendAudit } from './audit.service';
import {
  countRepeat,
  deleteRefusal,
  findRefusal,
  insertRefusal,
  openRefusals,
  refusalsOpenedBy,
} from './audit-refusals.repository';

/** A refused request of a signed-in user: a 403, or a 404 for a record out of scope. */
export interface Refusal {
  method: string;
  /** The route's pattern (`/api/hazards/:id`): refusals of different records count together. */
  route: string;
  url: string;
  status: number;
  code: string;
}

const WINDOW_MS = REFUSAL_WINDOW_MINUTES * 60_000;
const URL_KEPT = 400;

const isOpen = (row: AuditRefusalTable, now: Date) =>
  new Date(row.first_at).getTime() + WINDOW_MS > now.getTime();

/** A closed window's repeats become one event with their count; a window without repeats leaves none. */
async function closeWindow(trx: Db, row: AuditRefusalTable, now: Date): Promise<void> {
  if (row.repeats > 0) {
    await appendAudit(
      trx,
      { userId: row.actor_user_id, username: row.actor_username, orgId: row.actor_org_id, ip: row.ip },
      {
        action: 'access.denied_repeated',
        changes: {
          method: row.method,
          route: row.route,
          status: row.status,
          code: row.code,
          count: row.repeats,
          from: row.first_at,
          to: row.last_at,
          lastUrl: row.last_url,
        },
      },
      now,
    );
  }
  await deleteRefusal(trx, row.id);
}

/**
 * Records a refusal. The first of a (user, method, route, status) window is an audit event at once,
 * as every refusal used to be; the repeats within REFUSAL_WINDOW_MINUTES only count in
 * audit_refusals and become one `access.denied_repeated` event with their count when the window
 * closes. audit_events stays append-only: no event is rewritten as a count grows (docs/AUDIT.md).
 */
export async function recordRefusal(
  db: Db,
  who: AuditActor & { userId: string },
  refusal: Refusal,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The lock that orders the chain's appends also orders the counts, across server processes.
    await lockAuditChain(trx);
    const key = {
      actor_user_id: who.userId,
      method: refusal.method.slice(0, 8),
      route: refusal.route.slice(0, 200),
      status: refusal.status,
    };
    const window = await findRefusal(trx, key);
    if (window && isOpen(window, now)) {
      await countRepeat(trx, window.id, {
        at: now.toISOString(),
        url: refusal.url.slice(0, URL_KEPT),
        ip: who.ip,
      });
      return;
    }
    if (window) await closeWindow(trx, window, now);
    await appendAudit(
      trx,
      who,
      { action: 'access.denied', changes: { method: refusal.method, url: refusal.url, code: refusal.code } },
      now,
    );
    await insertRefusal(trx, {
      id: newId(),
      ...key,
      actor_username: who.username,
      actor_org_id: who.orgId,
      code: refusal.code,
      first_at: now.toISOString(),
      last_at: now.toISOString(),
      last_url: refusal.url.slice(0, URL_KEPT),
      ip: who.ip,
      repeats: 0,
    });
  });
}

const BATCH = 500;

/**
 * Closes every window whose time is up: their repeats join the log. Run by the server's jobs and
 * before the log is read, so a reader sees every closed window. Returns how many closed.
 */
export async function closeRefusalWindows(db: Db, now: Date): Promise<number> {
  const due = new Date(now.getTime() - WINDOW_MS).toISOString();
  let closed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      await lockAuditChain(trx);
      // Read under the lock: another process may have closed some meanwhile.
      const rows = await refusalsOpenedBy(trx, due, BATCH);
      for (const row of rows) await closeWindow(trx, row, now);
      return rows.length;
    });
    closed += batch;
    if (batch < BATCH) return closed;
  }
}

/** The windows still counting (not in the log yet), newest first, for the audit page. */
export async function countingRefusals(db: Db, now: Date, limit = 100) {
  const rows = await openRefusals(db, new Date(now.getTime() - WINDOW_MS).toISOString(), limit);
  return rows.map((r) => ({
    actorUsername: r.actor_username,
    method: r.method,
    route: r.route,
    status: r.status,
    count: r.repeats + 1,
    from: r.first_at,
    to: r.last_at,
    lastUrl: r.last_url,
  }));
}
