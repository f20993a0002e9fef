import { type AuditQuery, isOwnKey } from '@tiegui/domain';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { prepared } from '../db/prepared';
import { UNKEYED } from './audit-chain';

// Every change appends an event: both statements are built once (see db/prepared.ts).
export const chainHead = prepared((db) =>
  db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
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
    hashAlg: string,
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
      hash_alg: hashAlg,
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

/** How many events there are after a sequence number (-1: all of them). */
export async function countEventsAfter(db: Db, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', '>', afterSeq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest event whose hash is keyed: the one that tells whether a key is the chain's key. */
export function latestKeyedEvent(db: Db) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('hash_alg', '<>', UNKEYED)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A page of the audit log, newest first, by the viewer's filters. */
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

/** Per record kind, the table and column that name such a record (the audit log stores only its id). */
const NAMED_BY = {
  mine: { table: 'orgs', name: 'name' },
  org: { table: 'orgs', name: 'name' },
  user: { table: 'users', name: 'display_name' },
  file: { table: 'files', name: 'name' },
  campaign: { table: 'campaigns', name: 'title' },
  plan: { table: 'plans', name: 'title' },
  notice: { table: 'notices', name: 'title' },
  hazard: { table: 'hazards', name: 'description' },
  hazard_investigation: { table: 'hazard_investigations', name: 'month' },
} as const;

/** A record's name cut to what fits a line of the log. */
const NAME_LENGTH = 40;

/**
 * The names of the records a page of events is about, by kind and id, one query per kind. A kind
 * not named here (a session, an account change) and a record deleted since have none.
 */
export async function recordNames(
  db: Db,
  events: readonly { entity_type: string | null; entity_id: string | null }[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const idsByKind = new Map<keyof typeof NAMED_BY, Set<string>>();
  for (const { entity_type: kind, entity_id: id } of events) {
    if (kind === null || id === null || !isOwnKey(NAMED_BY, kind)) continue;
    idsByKind.set(kind, (idsByKind.get(kind) ?? new Set()).add(id));
  }
  for (const [kind, ids] of idsByKind) {
    const { table, name } = NAMED_BY[kind];
    const rows = await db
      .selectFrom(table)
      .select(['id', sql<string>`${sql.ref(name)}`.as('name')])
      .where('id', 'in', [...ids])
      .execute();
    for (const r of rows) {
      const text = String(r.name);
      names.set(`${kind}:${r.id}`, text.length > NAME_LENGTH ? `${text.slice(0, NAME_LENGTH)}…` : text);
    }
  }
  return names;
}

/** The newest verification of the chain since a time (the `at` index bounds the walk back), if any. */
export function lastVerificationSince(db: Db, sinceIso: string) {
  return db
    .selectFrom('audit_events')
    .select(['at', 'actor_username', 'changes'])
    .where('at', '>=', sinceIso)
    .where('action', '=', 'audit.verified')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
