import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import { insertChunkRows } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** Sends an in-app notification to every active user of the given orgs. Returns how many users. */
export async function notifyOrgs(
  trx: Kysely<Database>,
  orgIds: readonly string[],
  input: NotificationInput,
  now: Date,
): Promise<number> {
  if (orgIds.length === 0) return 0;
  const users = await trx
    .selectFrom('users')
    .select('id')
    .where('org_id', 'in', [...new Set(orgIds)])
    .where('active', '=', 1)
    .execute();
  const rows = users.map((u) => ({
    id: newId(),
    user_id: u.id,
    kind: input.kind,
    title: input.title,
    body: input.body ?? null,
    link: input.link ?? null,
    created_at: now.toISOString(),
    read_at: null,
  }));
  const chunk = insertChunkRows(trx as Kysely<unknown>, 8);
  for (let i = 0; i < rows.length; i += chunk)
    await trx
      .insertInto('notifications')
      .values(rows.slice(i, i + chunk))
      .execute();
  return rows.length;
}

export async function listNotifications(db: Db, userId: string, limit = 50) {
  const [items, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst(),
  ]);
  return {
    unread: Number(unread?.n ?? 0),
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
  const q = db
    .updateTable('notifications')
    .set({ read_at: clock.now().toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  const result = await (id === 'all' ? q : q.where('id', '=', id)).executeTakeFirst();
  if (id !== 'all' && Number(result.numUpdatedRows) === 0) {
    const exists = await db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!exists) throw notFound('通知');
  }
}
