import type { Kysely } from 'kysely';
import { mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Database } from '../../db/schema';

/**
 * Hazards read by their mine: the mine-wide stops, the mine's registry status and regulators (a
 * hazard's effects), and the mines and registered hazards an import matches rows against.
 */

/**
 * The major hazards that hold the whole mine in 停产整顿 until their resume consent (the hazard
 * loop sets and lifts that status; the registry cannot change it meanwhile).
 */
function stoppingHazards(db: Kysely<Database>, mineId: string) {
  return db
    .selectFrom('hazards')
    .where('mine_id', '=', mineId)
    .where('production_stop', '=', 'mine')
    .where('state', 'not in', ['resume_approved', 'closed']);
}

/** Another stopping hazard's record of the status before the stop, if one holds it. */
export function stoppingHolder(db: Kysely<Database>, mineId: string, exceptHazardId: string) {
  return stoppingHazards(db, mineId)
    .select('mine_status_before')
    .where('id', '!=', exceptHazardId)
    .where('mine_status_before', 'is not', null)
    .limit(1)
    .executeTakeFirst();
}

/** Another hazard (besides the one given) that holds the mine stopped, if any. */
export function otherStoppingHazard(db: Kysely<Database>, mineId: string, exceptHazardId: string) {
  return stoppingHazards(db, mineId)
    .select('id')
    .where('id', '!=', exceptHazardId)
    .limit(1)
    .executeTakeFirst();
}

/** A hazard that holds the mine stopped, if any. */
export function anyStoppingHazard(db: Kysely<Database>, mineId: string) {
  return stoppingHazards(db, mineId).select('id').limit(1).executeTakeFirst();
}

export function mineStatus(db: Kysely<Database>, mineId: string) {
  return db.selectFrom('mines').select('status').where('org_id', '=', mineId).executeTakeFirstOrThrow();
}

/** The mine's supervising bureau and division, if it is registered. */
export function mineRegulatorIds(db: Kysely<Database>, mineId: string) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.parent_id', 'm.division_org_id'])
    .where('o.id', '=', mineId)
    .executeTakeFirst();
}

/** The mines in the actor's scope, with the names and credit codes an import row may give. */
export function minesForImport(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.name', 'm.uscc'])
    .where(mineScope(actor))
    .execute();
}

/** A hazard already registered at the mine with the same found date and description, if any. */
export function findSameHazard(db: Kysely<Database>, mineId: string, foundOn: string, description: string) {
  return db
    .selectFrom('hazards')
    .select('id')
    .where('mine_id', '=', mineId)
    .where('found_on', '=', foundOn)
    .where('description', '=', description)
    .executeTakeFirst();
}
