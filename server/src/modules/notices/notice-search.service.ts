import { hasPermission } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { searchNoticeRows } from './notice.repository';
import type { NoticeDeps } from './notice.service';

/** Notices in the actor's scope by 文号 or title, newest first; none without `notice.read`. */
export async function searchNotices({ db }: NoticeDeps, actor: Actor, text: string, limit: number) {
  if (!hasPermission(actor.roles, 'notice.read')) return [];
  const rows = await searchNoticeRows(db, actor, text, limit);
  return rows.map((r) => ({ id: r.id, docNumber: r.doc_number, title: r.title, issuedOn: r.issued_on }));
}
