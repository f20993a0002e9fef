import {
  HAZARD_COUNT_CAP,
  type HazardFilter,
  type HazardListQuery,
  SEARCH_QUERY_MAX,
  searchQuery,
} from '@tiegui/domain';
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { hazardScope, mineScope, ownMineOf } from '../../access/access';
import type { Actor } from '../../access/actor';
import { hazardScopeByIndex } from '../../access/hazard-index-scope';
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
import { isMajor, isOpen, overduePredicate, supervisedPredicate } from './hazard.predicates';

type HDb = Database & { h: Database['hazards'] };
type HEb = ExpressionBuilder<HDb, 'h'>;

const SORT_COLUMNS = { foundOn: 'h.found_on', updatedAt: 'h.updated_at' } as const;

/** Whether a filter keeps only open hazards (an open state, overdue), or only major ones (a supervision). */
const impliesOpen = (f: HazardFilter) =>
  f.open === true || f.overdue === true || (f.state !== undefined && f.state !== 'closed');
const impliesMajor = (f: HazardFilter) => f.level === 'major' || f.supervised === true;

/** The columns of a hazard as the API shows it, joined onto a query of hazards (alias h). */
function withColumns(q: SelectQueryBuilder<HDb, 'h', object>) {
  return q
    .innerJoin('orgs as mo', 'mo.id', 'h.mine_id')
    .innerJoin('orgs as fo', 'fo.id', 'h.found_by_org_id')
    .selectAll('h')
    .select(['mo.name as mine_name', 'fo.name as found_by_org_name'])
    .select((eb) => supervisedPredicate(eb as unknown as HEb).as('supervised'));
}

function baseQuery(db: Kysely<Database>) {
  return withColumns(db.selectFrom('hazards as h'));
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
  q: SelectQueryBuilder<HDb, 'h', O>,
  f: HazardFilter,
  nowIso: string,
  search: TextSearch | null,
) {
  return (
    q
      .$if(search !== null, (qb) =>
        qb.where(hazardTextMatch(db as never, 'h.id', search!.query, search!.plan)),
      )
      .$if(f.mineId !== undefined, (qb) => qb.where('h.mine_id', '=', f.mineId!))
      .$if(f.regionCode !== undefined, (qb) => qb.where('h.region_code', 'like', `${f.regionCode}%`))
      .$if(f.categoryCode !== undefined, (qb) => qb.where('h.category_code', '=', f.categoryCode!))
      .$if(f.level !== undefined, (qb) => qb.where('h.level', '=', sql.lit(f.level!)))
      .$if(f.state !== undefined, (qb) => qb.where('h.state', '=', sql.lit(f.state!)))
      // An open state, overdue or a supervision implies an open (or major) hazard: said as the literal
      // predicates of the partial indexes, so a planner may read those few rows instead of all.
      .$if(impliesOpen(f), (qb) => qb.where(isOpen))
      .$if(f.open === false, (qb) => qb.where('h.state', '=', sql.lit('closed')))
      .$if(f.supervised === true, (qb) => qb.where(isMajor))
      .$if(f.source !== undefined, (qb) => qb.where('h.source', '=', f.source!))
      .$if(f.selfReported !== undefined, (qb) => qb.where('h.self_reported', '=', f.selfReported ? 1 : 0))
      .$if(f.supervised !== undefined, (qb) =>
        qb.where((eb) => (f.supervised ? supervisedPredicate(eb) : eb.not(supervisedPredicate(eb)))),
      )
      .$if(f.overdue !== undefined, (qb) =>
        qb.where((eb) => (f.overdue ? overduePredicate(nowIso)(eb) : eb.not(overduePredicate(nowIso)(eb)))),
      )
      .$if(f.foundFrom !== undefined, (qb) => qb.where('h.found_on', '>=', f.foundFrom!))
      .$if(f.foundTo !== undefined, (qb) => qb.where('h.found_on', '<=', f.foundTo!))
  );
}

export interface Keyset {
  value: string;
  id: string;
}

/**
 * A county's hazards by its region's index (region_code, found_on): a page filtered on what no
 * index holds (自查自报, a level alone) then walks only the county's own rows in order instead
 * of the province's, where a county's are under 1%. The scope's own region predicate is a LIKE,
 * which SQLite does not read as an index range; this equality says the same of a county's
 * hazards (null where the page reads a better index: an open or major filter, a mine, a category).
 */
function countyRegionOf(actor: Actor, filter: HazardFilter, sort: HazardListQuery['sort']): string | null {
  if (!sort.endsWith('foundOn')) return null;
  if (impliesOpen(filter) || impliesMajor(filter) || filter.mineId || filter.categoryCode) return null;
  if (filter.regionCode?.length === 6) return filter.regionCode;
  return actor.orgKind === 'county' && actor.regionCode?.length === 6 ? actor.regionCode : null;
}

/**
 * A group's mines when its page is read mine by mine: a group's (上级公司) mines lie anywhere in the
 * province, so walking the province's order found its 50 among 8,000 others (27 ms at 2 million);
 * each mine's own index (hazards_mine: mine_id, found_on, id) gives its newest at once instead. Not
 * where a filter has a better index (open, major, a category, a source), a search, another sort,
 * or so many mines that a page per mine would outgrow the walk. Null: walk as usual.
 */
const MINE_BY_MINE_MAX = 200;

async function mineByMine(
  db: Db,
  actor: Actor,
  filter: HazardFilter,
  sort: HazardListQuery['sort'],
  search: TextSearch | null,
): Promise<string[] | null> {
  if (actor.orgKind !== 'group' || !sort.endsWith('foundOn') || search !== null) return null;
  if (impliesOpen(filter) || impliesMajor(filter) || filter.mineId || filter.categoryCode || filter.source)
    return null;
  const mines = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select('o.id')
    .where((eb) => mineScope(actor)(eb as never))
    .limit(MINE_BY_MINE_MAX + 1)
    .execute();
  return mines.length > MINE_BY_MINE_MAX ? null : mines.map((m) => m.id);
}

/** One page of scoped, filtered hazards in keyset order. */
export async function listHazards(
  db: Db,
  actor: Actor,
  filter: HazardFilter,
  page: { sort: HazardListQuery['sort']; after: Keyset | null; limit: number; nowIso: string },
) {
  const desc = page.sort.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  const column = SORT_COLUMNS[page.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const op = desc ? '<' : '>';
  const after = page.after;
  const search = await planTextSearch(db, filter.q, 'page');
  // A search that walks the order (many matches) walks a county's rows too; a few are read from
  // the search index.
  const county = search?.plan === 'fromIndex' ? null : countyRegionOf(actor, filter, page.sort);
  // The redundant bound on the sort column alone lets both databases start the index range at the
  // cursor; with the OR alone they filter every row before it (a deep page reads them all).
  const matching = (q: SelectQueryBuilder<HDb, 'h', object>) =>
    applyHazardFilter(db, q, filter, page.nowIso, search).$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.and([
          eb(column, desc ? '<=' : '>=', after!.value),
          eb.or([
            eb(column, op, after!.value),
            eb.and([eb(column, '=', after!.value), eb('h.id', op, after!.id)]),
          ]),
        ]),
      ),
    );

  const mines = await mineByMine(db, actor, filter, page.sort, search);
  if (mines === null) {
    return withColumns(
      matching(db.selectFrom('hazards as h').where(hazardScope(actor))).$if(county !== null, (qb) =>
        qb.where('h.region_code', '=', county!),
      ),
    )
      .orderBy(column, dir)
      .orderBy('h.id', dir)
      .limit(page.limit)
      .execute();
  }
  if (mines.length === 0) return [];
  // Each mine's rows in order, merged by one compound ORDER BY: both databases merge the branches
  // (SQLite's MERGE, PostgreSQL's Merge Append), reading from each index only as far as the page
  // needs; a page per mine sorted afterwards read 22 × 51 rows for a group's 51 (3.9 ms → 0.1).
  // The mines are the scope's own; the scope is checked once more on the page's rows.
  const [first, ...rest] = mines.map((mineId) =>
    matching(db.selectFrom('hazards as h').where('h.mine_id', '=', mineId)).select([
      'h.id',
      'h.found_on as sort_value',
    ]),
  );
  const merged = rest
    .reduce((all, next) => all.unionAll(next), first!)
    .orderBy('sort_value', dir)
    .orderBy('id', dir)
    .limit(page.limit);
  const pageIds = db.selectFrom(merged.as('u')).select('u.id');
  return withColumns(db.selectFrom('hazards as h').where(hazardScope(actor)).where('h.id', 'in', pageIds))
    .orderBy(column, dir)
    .orderBy('h.id', dir)
    .execute();
}

/** How many hazards match, counting at most HAZARD_COUNT_CAP + 1 of them. */
export async function countHazards(db: Db, actor: Actor, filter: HazardFilter, nowIso: string) {
  const search = await planTextSearch(db, filter.q, 'count');
  const matches = applyHazardFilter(
    db,
    db.selectFrom('hazards as h').where(hazardScope(actor)).where(hazardScopeByIndex(actor)),
    filter,
    nowIso,
    search,
  )
    .select('h.id')
    .limit(HAZARD_COUNT_CAP + 1);
  const row = await db
    .selectFrom(matches.as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, HAZARD_COUNT_CAP), capped: n > HAZARD_COUNT_CAP };
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

/** The guarded write of a transition: whether the row was still as read (exactly one row changed). */
export async function writeHazardState(
  trx: Kysely<Database>,
  row: { id: string; state: string; updated_at: string },
  set: Partial<Omit<HazardTable, 'id'>>,
): Promise<boolean> {
  const changed = await trx
    .updateTable('hazards')
    .set(set)
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** The hazards of a mine found on a day, with what a likely-duplicate check compares. */
export function hazardsFoundOn(db: Kysely<Database>, mineId: string, foundOn: string) {
  return db
    .selectFrom('hazards as h')
    .select(['h.id', 'h.level', 'h.description', 'h.location', 'h.found_on', 'h.state'])
    .where('h.mine_id', '=', mineId)
    .where('h.found_on', '=', foundOn)
    .orderBy('h.id')
    .execute();
}
