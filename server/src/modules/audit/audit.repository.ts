import type { AuditQuery } from '@tiegui/domain';
import type { Db } from '../../db/database';

export function listAuditEvents(db: Db, q: Omit<AuditQuery, 'limit'>, limit: number) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .$if(q.action !== undefined, (qb) => qb.where('action', '=', q.action!))
    .$if(q.actor !== undefined, (qb) => qb.where('actor_username', '=', q.actor!))
    .$if(q.entityType !== undefined, (qb) => qb.where('entity_type', '=', q.entityType!))
    .$if(q.entityId !== undefined, (qb) => qb.where('entity_id', '=', q.entityId!))
    .$if(q.from !== undefined, (qb) => qb.where('at', '>=', new Date(q.from!).toISOString()))
    .$if(q.to !== undefined, (qb) => qb.where('at', '<=', new Date(q.to!).toISOString()))
    .$if(q.cursor !== undefined, (qb) => qb.where('seq', '<', q.cursor!))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
