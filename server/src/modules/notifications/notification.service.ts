import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  activeUsersOf,
  findNotification,
  insertNotifications,
  markNotificationsRead,
  notificationsOf,
  unreadCount,
} from './notification.repository';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** Sends an in-app notification to every active user of the given orgs. Returns how many users. */
export async function notifyOrgs(
  trx: Db,
  orgIds: readonly string[],
  input: NotificationInput,
  now: Date,
): Promise<number> {
  if (orgIds.length === 0) return 0;
  const users = await activeUsersOf(trx, [...new Set(orgIds)]);
  return notifyUsers(
    trx,
    users.map((u) => u.id),
    input,
    now,
  );
}

/** Sends an in-app notification to each of the given users (once each). Returns how many. */
export async function notifyUsers(
  trx: Db,
  userIds: readonly string[],
  input: NotificationInput,
  now: Date,
): Promise<number> {
  const rows = [...new Set(userIds)].map((userId) => ({
    id: newId(),
    user_id: userId,
    kind: input.kind,
    title: input.title,
    body: input.body ?? null,
    link: input.link ?? null,
    created_at: now.toISOString(),
    read_at: null,
  }));
  await insertNotifications(trx, rows);
  return rows.length;
}

export async function listNotifications(db: Db, userId: string, limit = 50) {
  const [items, unread] = await Promise.all([notificationsOf(db, userId, limit), unreadCount(db, userId)]);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
  };
}

export async function markRead({ db, clock }: { db: Db; clock: Clock }, userId: string, id: string | 'all') {
  const marked = await markNotificationsRead(
    db,
    userId,
    id === 'all' ? {} : { id },
    clock.now().toISOString(),
  );
  if (id !== 'all' && marked === 0 && !(await findNotification(db, id, userId))) throw notFound('通知');
}

/** Opening a page reads the user's notifications that point at it. */
export async function markLinkRead(db: Db, userId: string, link: string, now: Date) {
  await markNotificationsRead(db, userId, { link }, now.toISOString());
}
