import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import { insertChunks } from '../../db/dialect';
import type { NotificationTable } from '../../db/schema';

/** The active users of some orgs: who a notification to those orgs goes to. */
export function activeUsersOf(trx: Db, orgIds: readonly string[]) {
  return trx
    .selectFrom('users')
    .select('id')
    .where('org_id', 'in', [...orgIds])
    .where('active', '=', 1)
    .execute();
}

export async function insertNotifications(trx: Db, rows: readonly NotificationTable[]) {
  for (const chunk of insertChunks(trx as Kysely<unknown>, rows, 8))
    await trx.insertInto('notifications').values(chunk).execute();
}

/** A user's newest notifications. */
export function notificationsOf(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks a user's unread notifications read: one by id, those pointing at a link, or (neither) all; returns how many. */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  which: { id?: string; link?: string },
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(which.id !== undefined, (q) => q.where('id', '=', which.id!))
    .$if(which.link !== undefined, (q) => q.where('link', '=', which.link!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findNotification(db: Db, id: string, userId: string) {
  return db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
