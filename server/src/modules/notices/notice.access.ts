import { hasPermission } from '@tiegui/domain';
import { OutOfScopeError, orgScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { readableNotices } from '../../access/notice-scope';
import type { Db } from '../../db/database';
import {
  cascadeNotices,
  type DeliveryRow,
  findNotice,
  type NoticeRow,
  orgDeliveriesInCascade,
  orgIdsMatching,
} from './notice.repository';

export interface CascadeAccess {
  /** Every notice of the cascade, first issued first. */
  notices: NoticeRow[];
  /** The notices of the cascade the actor may read. */
  readable: Set<string>;
  /** The actor's org's deliveries, by notice. */
  mine: Map<string, DeliveryRow>;
}

/**
 * The actor's view of a cascade: its notices, those the actor may read (readableNotices: issuers,
 * recipients, readers of a forward carrying it, regulators over the issuer) and its org's deliveries.
 */
export async function cascadeAccess(db: Db, actor: Actor, rootId: string): Promise<CascadeAccess> {
  if (!hasPermission(actor.roles, 'notice.read'))
    return { notices: [], readable: new Set(), mine: new Map() };
  const notices = await cascadeNotices(db, rootId);
  const mine = new Map((await orgDeliveriesInCascade(db, rootId, actor.orgId)).map((d) => [d.notice_id, d]));
  const supervised = await orgIdsMatching(
    db,
    notices.map((n) => n.issuer_org_id),
    orgScope(actor),
  );
  const readable = readableNotices(actor.orgId, notices, new Set(mine.keys()), supervised);
  return { notices, readable, mine };
}

/** A notice the actor may read, with its cascade; 404 otherwise (existence does not leak). */
export async function noticeInScope(db: Db, actor: Actor, id: string) {
  const notice = await findNotice(db, id);
  if (!notice) throw new OutOfScopeError('通知');
  const access = await cascadeAccess(db, actor, notice.root_notice_id);
  if (!access.readable.has(id)) throw new OutOfScopeError('通知');
  return { notice, access };
}
