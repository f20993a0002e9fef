import type { ExpressionBuilder, Kysely } from 'kysely';
import { hazardInRegion, hazardScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Database } from '../../db/schema';
import { isMajor, isOpen } from '../hazards/hazard.predicates';

/**
 * The dashboard's aggregate queries: each reads the scoped hazards once through one of the partial
 * indexes of migration 0005 (major hazards; open hazards), which hold every column read here. Open
 * is spelled `state <> 'closed'` and major `level = 'major'` with literals, as in those indexes'
 * WHERE clauses.
 */
type HEb = ExpressionBuilder<Database & { h: Database['hazards'] }, 'h'>;

export interface DashboardScope {
  actor: Actor;
  regionPrefix: string | null;
  nowIso: string;
  /** First day of the window, 'YYYY-MM-DD'. */
  since: string;
}

function scoped(db: Kysely<Database>, s: DashboardScope) {
  return db
    .selectFrom('hazards as h')
    .where(hazardScope(s.actor))
    .$if(s.regionPrefix !== null, (q) => q.where((eb) => hazardInRegion(eb, s.regionPrefix!)));
}

const one = (eb: HEb, cond: ReturnType<HEb['and']>) =>
  eb.fn.sum<number>(eb.case().when(cond).then(eb.lit(1)).else(eb.lit(0)).end());

const month = (eb: HEb, column: 'h.found_on' | 'h.closed_on') =>
  eb.fn<string>('substr', [column, eb.lit(1), eb.lit(7)]);

/** Open and overdue hazards now, by level (reads only open states). */
export function openCounts(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isOpen)
    .select((eb) => [
      one(eb, eb.and([eb('h.level', '=', 'major')])).as('open_major'),
      one(eb, eb.and([eb('h.level', '=', 'general')])).as('open_general'),
      one(eb, eb.and([eb('h.level', '=', 'major'), eb('h.due_at', '<', s.nowIso)])).as('overdue_major'),
      one(eb, eb.and([eb('h.level', '=', 'general'), eb('h.due_at', '<', s.nowIso)])).as('overdue_general'),
    ])
    .executeTakeFirst();
}

/** Open major hazards with an active supervision. */
export function supervisedCount(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isOpen)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('hazard_supervisions as sv')
          .select('sv.id')
          .whereRef('sv.hazard_id', '=', 'h.id')
          .where('sv.removed_at', 'is', null),
      ),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
}

/** Average days from discovery to closure of the major hazards closed in the window. */
export function averageDaysToClose(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isMajor)
    .where('h.closed_on', '>=', s.since)
    .select((eb) => eb.fn.avg<number>('h.days_to_close').as('avg'))
    .executeTakeFirst();
}

/** Major hazards found per month of the window. */
export function foundPerMonth(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isMajor)
    .where('h.found_on', '>=', s.since)
    .select((eb) => [month(eb, 'h.found_on').as('month'), eb.fn.countAll<number>().as('n')])
    .groupBy((eb) => month(eb, 'h.found_on'))
    .execute();
}

/** Major hazards closed per month of the window. */
export function closedPerMonth(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isMajor)
    .where('h.closed_on', '>=', s.since)
    .select((eb) => [month(eb, 'h.closed_on').as('month'), eb.fn.countAll<number>().as('n')])
    .groupBy((eb) => month(eb, 'h.closed_on'))
    .execute();
}

/** Major hazards open when the window starts: found before it, not closed before it. */
export function openAtStart(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isMajor)
    .where('h.found_on', '<', s.since)
    .where((eb) => eb.or([eb('h.closed_on', 'is', null), eb('h.closed_on', '>=', s.since)]))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
}

/** Major hazards by category: open now, found in the window. */
export function byCategory(db: Kysely<Database>, s: DashboardScope) {
  return scoped(db, s)
    .where(isMajor)
    .where((eb) => eb.or([isOpen(eb), eb('h.found_on', '>=', s.since)]))
    .select((eb) => [
      'h.category_code',
      one(eb, eb.and([isOpen(eb)])).as('open'),
      one(eb, eb.and([eb('h.found_on', '>=', s.since)])).as('total'),
    ])
    .groupBy('h.category_code')
    .execute();
}

/** Major hazards by region one level below the prefix: open, overdue, found in the window. */
export function byRegion(db: Kysely<Database>, s: DashboardScope, length: number) {
  const region = (eb: HEb) => eb.fn<string>('substr', ['h.region_code', eb.lit(1), eb.lit(length)]);
  return scoped(db, s)
    .where(isMajor)
    .where((eb) => eb.or([isOpen(eb), eb('h.found_on', '>=', s.since)]))
    .select((eb) => [
      region(eb).as('region'),
      one(eb, eb.and([isOpen(eb)])).as('open'),
      one(eb, eb.and([isOpen(eb), eb('h.due_at', '<', s.nowIso)])).as('overdue'),
      one(eb, eb.and([eb('h.found_on', '>=', s.since)])).as('total'),
    ])
    .groupBy((eb) => region(eb))
    .execute();
}

const recurrenceColumns = [
  'h.mine_id',
  'o.name as mine_name',
  'h.region_code',
  'h.id',
  'h.found_on',
  'p.id as previous_id',
  'p.found_on as previous_found_on',
] as const;

/** Recurrences (提请关闭 candidates) in scope, newest first: one row per pair of hazards. */
export function recurrences(db: Kysely<Database>, actor: Actor, mineId?: string) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('hazards as p', 'p.id', 'h.recurrence_of')
    .innerJoin('orgs as o', 'o.id', 'h.mine_id')
    .select(recurrenceColumns)
    .where(hazardScope(actor))
    .$if(mineId !== undefined, (q) => q.where('h.mine_id', '=', mineId!))
    .orderBy('h.found_on', 'desc')
    .limit(500)
    .execute();
}

/** The one definition of a recurrence in a dashboard's window: its later hazard found in it. */
function inRecurrenceWindow(q: ReturnType<typeof scoped>, s: DashboardScope) {
  return q.where('h.recurrence_of', 'is not', null).where('h.found_on', '>=', s.since);
}

/** Mines with a recurrence (2 major hazards within 3 months while producing) found in the window. */
export function recurrenceMineCount(db: Kysely<Database>, s: DashboardScope) {
  return inRecurrenceWindow(scoped(db, s), s)
    .select((eb) => eb.fn.count<number>('h.mine_id').distinct().as('n'))
    .executeTakeFirst();
}

/** The pairs behind recurrenceMineCount, newest first. */
export function recurrencesInWindow(db: Kysely<Database>, s: DashboardScope) {
  return inRecurrenceWindow(scoped(db, s), s)
    .innerJoin('hazards as p', 'p.id', 'h.recurrence_of')
    .innerJoin('orgs as o', 'o.id', 'h.mine_id')
    .select(recurrenceColumns)
    .orderBy('h.found_on', 'desc')
    .limit(500)
    .execute();
}

/** A mine's open major hazards and how many of them are past their time limit. */
export function mineMajorCounts(db: Kysely<Database>, mineId: string, nowIso: string) {
  return db
    .selectFrom('hazards')
    .where('mine_id', '=', mineId)
    .where('level', '=', 'major')
    .where('state', '!=', 'closed')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn
        .sum<number>(eb.case().when('due_at', '<', nowIso).then(eb.lit(1)).else(eb.lit(0)).end())
        .as('overdue'),
    ])
    .executeTakeFirst();
}
