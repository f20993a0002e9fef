import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { HistoryEntry } from './engine';

/** Writes one history row of a record on the shared workflow table. */
export async function insertWorkflowEvent(
  trx: Kysely<Database>,
  recordKind: string,
  e: HistoryEntry,
): Promise<void> {
  await trx
    .insertInto('workflow_events')
    .values({
      id: e.id,
      record_kind: recordKind,
      record_id: e.recordId,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      actor_user_id: e.actorUserId,
      actor_org_id: e.actorOrgId,
      at: e.at,
      evidence: JSON.stringify(e.evidence),
    })
    .execute();
}

/** A record's history on the shared table, oldest first, with who acted. */
export function workflowEventsOf(db: Db, recordKind: string, recordId: string) {
  return db
    .selectFrom('workflow_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
    .select([
      'e.id',
      'e.action',
      'e.from_state',
      'e.to_state',
      'e.at',
      'e.evidence',
      'u.display_name as actor_name',
      'o.name as actor_org_name',
    ])
    .where('e.record_kind', '=', recordKind)
    .where('e.record_id', '=', recordId)
    .orderBy('e.id')
    .execute();
}
