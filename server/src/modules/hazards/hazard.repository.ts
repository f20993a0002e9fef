import { type HazardFilter, type HazardListQuery, SEARCH_QUERY_MAX, searchQuery } from '@tiegui/domain';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { hazardScope, ownMineOf } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import {
  countSearchMatches,
  hazardTextMatch,
  type IndexQuery,
  indexHazardTexts,
  type SearchPlan,
} from '../../db/dialect';
import { prepared } from '../../db/prepared';
import type { Database, HazardTable } from '../../db/schema';
import { invalidField } from '../../lib/errors';

type HDb = Database & { h: Database['hazards']; mo: Database['orgs']; fo: Database['orgs'] };
type HEb = ExpressionBuilder<HDb, 'h'>;

const SORT_COLUMNS = { foundOn: 'h.found_on', updatedAt: 'h.updated_at' } as const;

/** An active listing (挂牌督办) on the hazard. */
export const supervisedPredicate = (eb: HEb) =>
  eb.exists(
    eb
      .selectFrom('hazard_supervisions as s')
      .select('s.id')
      .whereRef('s.hazard_id', '=', 'h.id')
      .where('s.removed_at', 'is', null),
  );

/** Overdue is derived: past the time limit's last second and not closed. */
export const overduePredicate = (nowIso: string) => (eb: HEb) =>
  eb.and([eb('h.state', '!=', 'closed'), eb('h.due_at', 'is not', null), eb('h.due_at', '<', nowIso)]);

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('orgs as mo', 'mo.id', 'h.mine_id')
    .innerJoin('orgs as fo', 'fo.id', 'h.found_by_org_id')
    .selectAll('h')
    .select(['mo.name as mine_name', 'fo.name as found_by_org_name'])
    .select((eb) => supervisedPredicate(eb as unknown as HEb).as('supervised'));
}

export type HazardRow = NonNullable<Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirst']>>>;

/**
 * Below this many matching hazards a page reads them all from the search index and sorts them;
 * above MANY_MATCHES it walks its sort order and asks the index about each hazard; between, it
 * walks with the set of matches. At 2 million hazards (bench/) each costs 15–40 ms at its bounds:
 * reading a match is a random row read, a walk stops after a page of matches.
 */
const FEW_MATCHES = 1000;
const MANY_MATCHES = 30_000;

export interface TextSearch {
  query: IndexQuery;
  plan: SearchPlan;
}

/**
 * The text search of a filter (null without one), planned for a page by how many hazards match
 * (a count in the index that stops past MANY_MATCHES). 400 for a query too long for the index.
 */
async function planTextSearch(
  db: Db,
  q: string | undefined,
  use: 'page' | 'count',
): Promise<TextSearch | null> {
  if (q === undefined) return null;
  const query = searchQuery(q);
  if (query.kind === 'all') return null;
  if (query.kind === 'tooLong') throw invalidField('q', `搜索词：不能超过${SEARCH_QUERY_MAX}个字`);
  if (use === 'count') return { query, plan: 'everyMatch' };
  const n = await countSearchMatches(db as never, query, MANY_MATCHES + 1);
  return { query, plan: n <= FEW_MATCHES ? 'fromIndex' : n <= MANY_MATCHES ? 'walkSet' : 'walkProbe' };
}

export function applyHazardFilter<O>(
  db: Kysely<Database>,
  q: SelectQueryBuilder<HDb, 'h' | 'mo' | 'fo', O>,
  f: HazardFilter,
  nowIso: string,
  search: TextSearch | null,
) {
  return q
    .$if(search !== null, (qb) => qb.where(hazardTextMatch(db as never, 'h.id', search!.query, search!.plan)))
    .$if(f.mineId !== undefined, (qb) => qb.where('h.mine_id', '=', f.mineId!))
    .$if(f.regionCode !== undefined, (qb) => qb.where('h.region_code', 'like', `${f.regionCode}%`))
    .$if(f.categoryCode !== undefined, (qb) => qb.where('h.category_code', '=', f.categoryCode!))
    .$if(f.level !== undefined, (qb) => qb.where('h.level', '=', f.level!))
    .$if(f.state !== undefined, (qb) => qb.where('h.state', '=', f.state!))
    .$if(f.open !== undefined, (qb) => qb.where('h.state', f.open ? '!=' : '=', 'closed'))
    .$if(f.source !== undefined, (qb) => qb.where('h.source', '=', f.source!))
    .$if(f.selfReported !== undefined, (qb) => qb.where('h.self_reported', '=', f.selfReported ? 1 : 0))
    .$if(f.supervised !== undefined, (qb) =>
      qb.where((eb) => (f.supervised ? supervisedPredicate(eb) : eb.not(supervisedPredicate(eb)))),
    )
    .$if(f.overdue !== undefined, (qb) =>
      qb.where((eb) => (f.overdue ? overduePredicate(nowIso)(eb) : eb.not(overduePredicate(nowIso)(eb)))),
    )
    .$if(f.foundFrom !== undefined, (qb) => qb.where('h.found_on', '>=', f.foundFrom!))
    .$if(f.foundTo !== undefined, (qb) => qb.where('h.found_on', '<=', f.foundTo!));
}

export interface Keyset {
  value: string;
  id: string;
}

/** One page of scoped, filtered hazards in keyset order. */
export async function listHazards(
  db: Db,
  actor: Actor,
  filter: HazardFilter,
  page: { sort: HazardListQuery['sort']; after: Keyset | null; limit: number; nowIso: string },
) {
  const desc = page.sort.startsWith('-');
  const column = SORT_COLUMNS[page.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const op = desc ? '<' : '>';
  const after = page.after;
  const search = await planTextSearch(db, filter.q, 'page');
  // The redundant bound on the sort column alone lets both databases start the index range at the
  // cursor; with the OR alone they filter every row before it (a deep page reads them all).
  return applyHazardFilter(db, baseQuery(db).where(hazardScope(actor)), filter, page.nowIso, search)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.and([
          eb(column, desc ? '<=' : '>=', after!.value),
          eb.or([
            eb(column, op, after!.value),
            eb.and([eb(column, '=', after!.value), eb('h.id', op, after!.id)]),
          ]),
        ]),
      ),
    )
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('h.id', desc ? 'desc' : 'asc')
    .limit(page.limit)
    .execute();
}

export async function countHazards(db: Db, actor: Actor, filter: HazardFilter, nowIso: string) {
  const search = await planTextSearch(db, filter.q, 'count');
  const row = await applyHazardFilter(
    db,
    db
      .selectFrom('hazards as h')
      .innerJoin('orgs as mo', 'mo.id', 'h.mine_id')
      .innerJoin('orgs as fo', 'fo.id', 'h.found_by_org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(hazardScope(actor)),
    filter,
    nowIso,
    search,
  ).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function sortValueOf(row: HazardRow, sort: HazardListQuery['sort']): string {
  return sort.replace('-', '') === 'updatedAt' ? row.updated_at : row.found_on;
}

/** A hazard in the actor's scope (undefined otherwise). */
export async function findHazard(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<HazardRow | undefined> {
  const mine = ownMineOf(actor);
  if (mine !== null) return (await ownHazard(db, id, mine))[0];
  return baseQuery(db).where('h.id', '=', id).where(hazardScope(actor)).executeTakeFirst();
}

/** A mine user's read before each step of the loop, built once (db/prepared.ts). */
const ownHazard = prepared((db, id: string, mineId: string) =>
  baseQuery(db).where('h.id', '=', id).where('h.mine_id', '=', mineId),
);

/** A hazard regardless of scope (inside a transaction, after the scope check). */
export function findHazardById(db: Kysely<Database>, id: string) {
  return baseQuery(db).where('h.id', '=', id).executeTakeFirst();
}

/** A new hazard and its search index entry (its description and location never change). */
export async function insertHazard(trx: Kysely<Database>, row: HazardTable) {
  await trx.insertInto('hazards').values(row).execute();
  await indexHazardTexts(trx as never, [row]);
}

export function insertHazardEvent(trx: Kysely<Database>, row: Database['hazard_events']) {
  return trx.insertInto('hazard_events').values(row).execute();
}

export function eventsOf(db: Kysely<Database>, hazardId: string) {
  return db
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
    .orderBy('e.id')
    .execute();
}

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

/** The mine facts a hazard needs: its type for the catalog, its status for 停产整顿. */
export function mineFacts(db: Kysely<Database>, mineId: string) {
  return db
    .selectFrom('mines as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.org_id',
      'm.category',
      'm.mine_type',
      'm.status',
      'o.region_code',
      'o.parent_id',
      'm.division_org_id',
    ])
    .where('m.org_id', '=', mineId)
    .executeTakeFirst();
}

/**
 * The earliest other major hazard of the mine, found while it kept producing, within three months
 * either side of `foundOn` (3个月内2次以上, REFERENCE §1).
 */
export function recurrencePartner(
  db: Kysely<Database>,
  mineId: string,
  window: { from: string; to: string },
  excludeId: string,
) {
  return db
    .selectFrom('hazards')
    .select(['id', 'found_on'])
    .where('mine_id', '=', mineId)
    .where('level', '=', 'major')
    .where('production_stop', '=', 'none')
    .where('found_on', '>=', window.from)
    .where('found_on', '<=', window.to)
    .where('id', '!=', excludeId)
    .orderBy('found_on')
    .limit(1)
    .executeTakeFirst();
}

/** Files that exist, with their owner org (references are checked before a record keeps them). */
export function existingFiles(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('files')
    .select(['id', 'owner_org_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
