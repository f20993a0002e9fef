import type { Db } from '../db/database';
import { prepared } from '../db/prepared';

// Every change appends an event: both statements are built once (see db/prepared.ts).
export const chainHead = prepared((db) =>
  db.selectFrom('audit_events').select('hash').orderBy('seq', 'desc').limit(1),
);

export const insertEvent = prepared(
  (
    db,
    at: string,
    actorUserId: string | null,
    actorUsername: string | null,
    actorOrgId: string | null,
    action: string,
    entityType: string | null,
    entityId: string | null,
    changes: string | null,
    ip: string | null,
    prevHash: string,
    hash: string,
  ) =>
    db.insertInto('audit_events').values({
      at,
      actor_user_id: actorUserId,
      actor_username: actorUsername,
      actor_org_id: actorOrgId,
      action,
      entity_type: entityType,
      entity_id: entityId,
      changes,
      ip,
      prev_hash: prevHash,
      hash,
    }),
);

/** A batch of the chain in order, after a sequence number. */
export function auditEventsAfter(db: Db, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
