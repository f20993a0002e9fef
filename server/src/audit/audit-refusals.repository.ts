import type { Db } from '../db/database';
import type { AuditRefusalTable } from '../db/schema-accounts';

export type RefusalKey = Pick<AuditRefusalTable, 'actor_user_id' | 'method' | 'route' | 'status'>;

export function findRefusal(db: Db, key: RefusalKey) {
  return db
    .selectFrom('audit_refusals')
    .selectAll()
    .where('actor_user_id', '=', key.actor_user_id)
    .where('method', '=', key.method)
    .where('route', '=', key.route)
    .where('status', '=', key.status)
    .executeTakeFirst();
}

export async function insertRefusal(trx: Db, row: AuditRefusalTable): Promise<void> {
  await trx.insertInto('audit_refusals').values(row).execute();
}

/** One more refusal within the window: the count grows here, never in audit_events. */
export async function countRepeat(
  trx: Db,
  id: string,
  repeat: { at: string; url: string; ip: string | null },
): Promise<void> {
  await trx
    .updateTable('audit_refusals')
    .set((eb) => ({
      repeats: eb('repeats', '+', 1),
      last_at: repeat.at,
      last_url: repeat.url,
      ip: repeat.ip,
    }))
    .where('id', '=', id)
    .execute();
}

export async function deleteRefusal(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('audit_refusals').where('id', '=', id).execute();
}

/** Windows that opened at or before a time (closed by now), oldest first. */
export function refusalsOpenedBy(db: Db, at: string, limit: number) {
  return db
    .selectFrom('audit_refusals')
    .selectAll()
    .where('first_at', '<=', at)
    .orderBy('first_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Windows still counting, newest first (the audit page shows them beside the log). */
export function openRefusals(db: Db, after: string, limit: number) {
  return db
    .selectFrom('audit_refusals')
    .selectAll()
    .where('first_at', '>', after)
    .orderBy('last_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
