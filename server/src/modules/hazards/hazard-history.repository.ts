import type { Kysely } from 'kysely';
import { hazardScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { prepared } from '../../db/prepared';
import type { Database, HazardSupervisionTable } from '../../db/schema';

/**
 * The statements every hazard transition runs, built once (db/prepared.ts): the history row it
 * writes and the history and supervisions its answer shows.
 */

export const insertEvent = prepared(
  (
    db,
    id: string,
    hazardId: string,
    action: string,
    fromState: string | null,
    toState: string | null,
    actorUserId: string,
    actorOrgId: string,
    at: string,
    evidence: string,
  ) =>
    db.insertInto('hazard_events').values({
      id,
      hazard_id: hazardId,
      action,
      from_state: fromState,
      to_state: toState,
      actor_user_id: actorUserId,
      actor_org_id: actorOrgId,
      at,
      evidence,
    }),
);

/** A hazard's history, oldest first, with who acted. */
export const eventsOfHazard = prepared((db, hazardId: string) =>
  db
    .selectFrom('hazard_events as e')
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
    .where('e.hazard_id', '=', hazardId)
    .orderBy('e.id'),
);

/** A hazard's supervisions (挂牌督办), current and removed, with the supervision org's name. */
export const supervisionsOfHazard = prepared((db, hazardId: string) =>
  db
    .selectFrom('hazard_supervisions as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select('o.name as org_name')
    .where('s.hazard_id', '=', hazardId)
    .orderBy('s.id'),
);

/** The orgs with an active supervision of a hazard. */
export const activeSupervisingOrgs = prepared((db, hazardId: string) =>
  db
    .selectFrom('hazard_supervisions')
    .select('org_id')
    .where('hazard_id', '=', hazardId)
    .where('removed_at', 'is', null),
);

/** A history row written by a command outside the loop's table (registration, supervision). */
export async function insertHazardEvent(
  trx: Kysely<Database>,
  row: Database['hazard_events'] & { actor_user_id: string; actor_org_id: string },
): Promise<void> {
  await insertEvent(
    trx,
    row.id,
    row.hazard_id,
    row.action,
    row.from_state,
    row.to_state,
    row.actor_user_id,
    row.actor_org_id,
    row.at,
    row.evidence,
  );
}

/** The supervisions of several hazards, current and removed, with the supervising org's name. */
export function supervisionsOf(db: Kysely<Database>, hazardIds: readonly string[]) {
  if (hazardIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('hazard_supervisions as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select('o.name as org_name')
    .where('s.hazard_id', 'in', [...hazardIds])
    .orderBy('s.id')
    .execute();
}

export type SupervisionRow = Awaited<ReturnType<typeof supervisionsOf>>[number];

export async function insertSupervision(trx: Kysely<Database>, row: HazardSupervisionTable): Promise<void> {
  await trx.insertInto('hazard_supervisions').values(row).execute();
}

/** Marks a supervision removed, unless it already is. */
export async function markSupervisionRemoved(
  trx: Kysely<Database>,
  id: string,
  removedAt: string,
  removedBy: string,
): Promise<void> {
  await trx
    .updateTable('hazard_supervisions')
    .set({ removed_at: removedAt, removed_by: removedBy })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .execute();
}

/** The active supervisions of open hazards (in the actor's scope, of one supervising org when given). */
export function openSupervisions(
  db: Kysely<Database>,
  actor: Actor | null,
  supervisingOrgId: string | undefined,
) {
  return db
    .selectFrom('hazard_supervisions as s')
    .innerJoin('hazards as h', 'h.id', 's.hazard_id')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .innerJoin('orgs as mo', 'mo.id', 'h.mine_id')
    .selectAll('s')
    .select(['o.name as org_name', 'h.state', 'h.due_at', 'mo.name as mine_name'])
    .where('s.removed_at', 'is', null)
    .where('h.state', '!=', 'closed')
    .$if(supervisingOrgId !== undefined, (q) => q.where('s.org_id', '=', supervisingOrgId!))
    .$if(actor !== null, (q) => q.where(hazardScope(actor!)))
    .execute();
}

/** Claims a supervision's notice for the day: whether this call's update matched (not yet claimed today). */
export async function claimSupervisionNotice(
  trx: Kysely<Database>,
  id: string,
  today: string,
): Promise<boolean> {
  const claimed = await trx
    .updateTable('hazard_supervisions')
    .set({ last_notified_on: today })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_notified_on', 'is', null), eb('last_notified_on', '!=', today)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}

/** A progress report: the hazard's active supervisions record when it came. */
export async function markSupervisionsReported(
  trx: Kysely<Database>,
  hazardId: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('hazard_supervisions')
    .set({ last_report_at: at })
    .where('hazard_id', '=', hazardId)
    .where('removed_at', 'is', null)
    .execute();
}
