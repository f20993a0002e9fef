import type { MineListQuery } from '@tiegui/domain';
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import { containsInsensitive } from '../../db/dialect';
import type { Database } from '../../db/schema';

type MineQueryDb = Database & {
  o: Database['orgs'];
  m: Database['mines'];
  sup: Database['orgs'];
  div: Database['orgs'];
  grp: Database['orgs'];
};

const SORT_COLUMNS = { name: 'o.name', regionCode: 'o.region_code', updatedAt: 'o.updated_at' } as const;

export type MineFilter = Omit<MineListQuery, 'cursor' | 'limit' | 'sort'>;

/** The base query of a mine with its supervisor, division and group names. */
function baseQuery(db: Db) {
  return (
    db
      .selectFrom('orgs as o')
      .innerJoin('mines as m', 'm.org_id', 'o.id')
      .innerJoin('orgs as sup', 'sup.id', 'o.parent_id')
      .leftJoin('orgs as div', 'div.id', 'm.division_org_id')
      .leftJoin('orgs as grp', 'grp.id', 'm.group_org_id')
      // Redundant with the join, but lets SQLite walk the (kind, name, id) index in order.
      .where('o.kind', '=', 'mine')
  );
}

function applyFilter<O>(
  db: Db,
  q: SelectQueryBuilder<MineQueryDb, 'o' | 'm' | 'sup' | 'div' | 'grp', O>,
  f: MineFilter,
) {
  return q
    .$if(f.q !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          containsInsensitive(db as never, 'o.name', f.q!),
          containsInsensitive(db as never, 'm.uscc', f.q!),
        ]),
      ),
    )
    .$if(f.regionCode !== undefined, (qb) => qb.where('o.region_code', 'like', `${f.regionCode}%`))
    .$if(f.category !== undefined, (qb) => qb.where('m.category', '=', f.category!))
    .$if(f.mineType !== undefined, (qb) => qb.where('m.mine_type', '=', f.mineType!))
    .$if(f.status !== undefined, (qb) => qb.where('m.status', '=', f.status!))
    .$if(f.gasGrade !== undefined, (qb) => qb.where('m.gas_grade', '=', f.gasGrade!))
    .$if(f.hydroType !== undefined, (qb) => qb.where('m.hydro_type', '=', f.hydroType!))
    .$if(f.groupOrgId !== undefined, (qb) => qb.where('m.group_org_id', '=', f.groupOrgId!))
    .$if(f.supervisorOrgId !== undefined, (qb) => qb.where('o.parent_id', '=', f.supervisorOrgId!))
    .where('o.active', '=', f.active ? 1 : 0);
}

const COLUMNS = [
  'o.id',
  'o.name',
  'o.region_code',
  'o.active',
  'o.created_at',
  'o.updated_at',
  'o.parent_id',
  'm.uscc',
  'm.category',
  'm.mine_type',
  'm.status',
  'm.design_capacity',
  'm.gas_grade',
  'm.hydro_type',
  'm.rock_burst',
  'm.combustion_tendency',
  'm.principal_name',
  'm.principal_phone',
  'm.director_is_chairman',
  'm.division_org_id',
  'm.group_org_id',
  'm.address',
  'm.longitude',
  'm.latitude',
  'sup.name as supervisor_name',
  'div.name as division_name',
  'grp.name as group_name',
] as const;

export interface Keyset {
  value: string;
  id: string;
}

/**
 * A county's mines by the region index (kind, region_code, name…): its scope is a subtree path,
 * a LIKE that no index reads as a range, so its page walked the province's 4,000 mines by name to
 * find its 31. A mine's region lies within its supervisor's (checked when it is registered or
 * moved), and a county's code is a whole county's, so this equality says the same of a county's
 * mines; ANDed to the scope, it can only narrow it. Null for any other actor.
 */
function countyRegion(actor: Actor): string | null {
  return actor.orgKind === 'county' && actor.regionCode?.length === 6 ? actor.regionCode : null;
}

/** One page of scoped, filtered mines in keyset order. */
export function listMines(
  db: Db,
  actor: Actor,
  filter: MineFilter,
  page: { sort: MineListQuery['sort']; after: Keyset | null; limit: number },
) {
  const desc = page.sort.startsWith('-');
  const column = SORT_COLUMNS[page.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const op = desc ? '<' : '>';
  const after = page.after;
  const county = countyRegion(actor);
  return applyFilter(db, baseQuery(db).select(COLUMNS).where(mineScope(actor)), filter)
    .$if(county !== null, (qb) => qb.where('o.region_code', '=', county!))
    .$if(after !== null, (qb) =>
      qb.where((eb: ExpressionBuilder<MineQueryDb, 'o'>) =>
        eb.or([
          eb(column, op, after!.value),
          eb.and([eb(column, '=', after!.value), eb('o.id', op, after!.id)]),
        ]),
      ),
    )
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('o.id', desc ? 'desc' : 'asc')
    .limit(page.limit)
    .execute();
}

/**
 * The count reads only the mine's org and registry rows: the supervisor, division and group
 * joins of a page change no count (each is at most one row by primary key; a mine always has a
 * supervisor), and under load they were most of the mine list's time.
 */
export async function countMines(db: Db, actor: Actor, filter: MineFilter): Promise<number> {
  const row = await applyFilter(
    db,
    db
      .selectFrom('orgs as o')
      .innerJoin('mines as m', 'm.org_id', 'o.id')
      .where('o.kind', '=', 'mine')
      .where('o.parent_id', 'is not', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(mineScope(actor))
      .$if(countyRegion(actor) !== null, (qb) => qb.where('o.region_code', '=', countyRegion(actor)!)),
    filter,
  ).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function findMine(db: Db, actor: Actor, id: string) {
  return baseQuery(db).select(COLUMNS).where('o.id', '=', id).where(mineScope(actor)).executeTakeFirst();
}

export type MineRow = NonNullable<Awaited<ReturnType<typeof findMine>>>;

export function sortValueOf(row: MineRow, sort: MineListQuery['sort']): string {
  switch (sort.replace('-', '')) {
    case 'regionCode':
      return row.region_code ?? '';
    case 'updatedAt':
      return row.updated_at;
    default:
      return row.name;
  }
}

export function findUscc(db: Db, uscc: string) {
  return db.selectFrom('mines').select('org_id').where('uscc', '=', uscc).executeTakeFirst();
}
