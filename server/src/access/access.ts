import { regionPrefix } from '@tiegui/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { AppError } from '../lib/errors';
import type { Actor, Jurisdiction } from './actor';

/**
 * The one data-scope module: which mines (and which orgs) an actor may see.
 * - province: every org in its region (Shanxi);
 * - city / county: its own subtree (a city's subtree holds the mines it supervises directly);
 * - division: the regions it covers;
 * - group: the mines it owns;
 * - mine: itself.
 * Administrators (三员) see no business data. Out-of-scope reads answer 404 so existence does not leak.
 */
type OrgEb = ExpressionBuilder<Database & { o: Database['orgs'] }, 'o'>;
type MineEb = ExpressionBuilder<Database & { o: Database['orgs']; m: Database['mines'] }, 'o' | 'm'>;

export const NOTHING = sql<SqlBool>`1 = 0`;

function regionMatch(eb: OrgEb, prefixes: readonly string[]) {
  if (prefixes.length === 0) return NOTHING;
  return eb.or(prefixes.map((p) => eb('o.region_code', 'like', `${p}%`)));
}

/** Anyone but the separated administrators (三员), who see no business data. */
export function isBusinessUser(actor: Actor): boolean {
  return !actor.roles.every((r) => r === 'sys_admin' || r === 'sec_admin' || r === 'audit_admin');
}

/** A filter on an org query (alias `o`). */
export type OrgFilter = (eb: OrgEb) => Expression<SqlBool>;
/** A filter on a mine query (aliases `o`, `m`). */
export type MineScopeFilter = (eb: MineEb) => Expression<SqlBool>;

/** Filter on a mine query (aliases `o` for the mine's org row, `m` for its registry row). */
export function mineScope(actor: Actor) {
  const inJurisdiction = minesInJurisdiction(actor);
  return (eb: MineEb) => (isBusinessUser(actor) ? inJurisdiction(eb) : NOTHING);
}

/** The mines an org oversees (aliases `o`, `m`), whoever asks: the kind branches of mineScope. */
export function minesInJurisdiction(j: Jurisdiction) {
  return (eb: MineEb) => {
    switch (j.orgKind) {
      case 'province':
        return regionMatch(eb as unknown as OrgEb, [regionPrefix(j.regionCode ?? '')]);
      case 'city':
      case 'county':
        return eb('o.path', 'like', `${j.orgPath}%`);
      case 'division':
        return regionMatch(eb as unknown as OrgEb, j.coveredRegions);
      case 'group':
        return eb('m.group_org_id', '=', j.orgId);
      case 'mine':
        return eb('o.id', '=', j.orgId);
      default: {
        const never: never = j.orgKind;
        throw new Error(`unknown org kind ${String(never)}`);
      }
    }
  };
}

/** Filter on an org query (alias `o`): the orgs an actor may see in the org tree. */
export function orgScope(actor: Actor) {
  const inJurisdiction = orgsInJurisdiction(actor);
  return (eb: OrgEb) => {
    if (actor.roles.includes('sys_admin')) return sql<SqlBool>`1 = 1`;
    if (!isBusinessUser(actor)) return NOTHING;
    return inJurisdiction(eb);
  };
}

/** The orgs an org sees in the org tree (alias `o`), whoever asks: the kind branches of orgScope. */
export function orgsInJurisdiction(j: Jurisdiction) {
  return (eb: OrgEb) => {
    switch (j.orgKind) {
      case 'province':
        return eb.or([regionMatch(eb, [regionPrefix(j.regionCode ?? '')]), eb('o.kind', '=', 'province')]);
      case 'city':
      case 'county':
        return eb.or([eb('o.path', 'like', `${j.orgPath}%`), eb('o.id', '=', j.orgId)]);
      case 'division':
        return eb.or([eb('o.id', '=', j.orgId), regionMatch(eb, j.coveredRegions)]);
      case 'group':
        return eb.or([
          eb('o.id', '=', j.orgId),
          eb(
            'o.id',
            'in',
            eb.selectFrom('mines').select('mines.org_id').where('mines.group_org_id', '=', j.orgId),
          ),
        ]);
      case 'mine':
        return eb('o.id', '=', j.orgId);
      default: {
        const never: never = j.orgKind;
        throw new Error(`unknown org kind ${String(never)}`);
      }
    }
  };
}

type ObligationEb = ExpressionBuilder<
  Database & { ob: Database['obligations']; o: Database['orgs'] },
  'ob' | 'o'
>;

/** Filter on an obligation query (`ob`, its org `o`): obligations of orgs in scope, and those the actor's org receives. */
export function obligationScope(actor: Actor) {
  return (eb: ObligationEb) =>
    eb.or([
      orgScope(actor)(eb as unknown as OrgEb),
      eb.exists(
        eb
          .selectFrom('obligation_recipients as r')
          .select('r.org_id')
          .whereRef('r.obligation_id', '=', 'ob.id')
          .where('r.org_id', '=', actor.orgId),
      ),
    ]);
}

type HazardEb = ExpressionBuilder<Database & { h: Database['hazards'] }, 'h'>;

/**
 * Filter on a hazard query (alias `h`): the hazards of the mines in the actor's scope (mineScope),
 * so a hazard is seen exactly where its mine is. `h.region_code` is the mine's region (kept equal
 * by the mine registry), so region-based scopes (province, division) read it without a join, a
 * mine sees its own by equality, and a bureau's subtree, which lies inside its region, is first
 * narrowed by region and then checked mine by mine. EXISTS rather than IN lets the planner walk
 * the index of the page's sort order and stop at the page.
 */
export function hazardScope(actor: Actor) {
  return (eb: HazardEb) => {
    if (!isBusinessUser(actor)) return NOTHING;
    switch (actor.orgKind) {
      case 'mine':
        return eb('h.mine_id', '=', actor.orgId);
      case 'province':
        return hazardRegionMatch(eb, [regionPrefix(actor.regionCode ?? '')]);
      case 'division':
        return hazardRegionMatch(eb, actor.coveredRegions);
      case 'city':
      case 'county':
      case 'group': {
        const inScope = eb.exists(
          eb
            .selectFrom('orgs as o')
            .innerJoin('mines as m', 'm.org_id', 'o.id')
            .select('o.id')
            .whereRef('o.id', '=', 'h.mine_id')
            .where((inner) => mineScope(actor)(inner as unknown as MineEb))
            // Checked per hazard where a page walks its order: the LIMIT keeps PostgreSQL from
            // turning this into a join that starts from the scope's mines (its estimate of a
            // path prefix is one mine) and sorts every hazard of them.
            .limit(1)
            .offset(0),
        );
        if (actor.orgKind === 'group' || !actor.regionCode) return inScope;
        return eb.and([hazardInRegion(eb, regionPrefix(actor.regionCode)), inScope]);
      }
      default: {
        const never: never = actor.orgKind;
        throw new Error(`unknown org kind ${String(never)}`);
      }
    }
  };
}

/** The one mine whose records are all the actor may see (a mine's own staff), else null. */
export function ownMineOf(actor: Actor): string | null {
  return isBusinessUser(actor) && actor.orgKind === 'mine' ? actor.orgId : null;
}

function hazardRegionMatch(eb: HazardEb, prefixes: readonly string[]) {
  if (prefixes.length === 0) return NOTHING;
  return eb.or(prefixes.map((p) => hazardInRegion(eb, p)));
}

/**
 * A hazard within a region prefix (codes are digits: no LIKE wildcards in them). A whole code (a
 * county's six digits) is matched without the wildcard: PostgreSQL then reads it as an equality
 * and may use an index on region_code, while SQLite keeps reading the partial indexes that hold
 * region_code (an `=` would send it to the region index and a table lookup per row instead).
 */
export function hazardInRegion(eb: HazardEb, prefix: string) {
  return eb('h.region_code', 'like', prefix.length >= 6 ? prefix : `${prefix}%`);
}

/** An out-of-scope or missing record: 404, recorded as a denied access. */
export class OutOfScopeError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `${what}不存在或无权查看`);
  }
}

/** Checks a batch of mine ids in one query; throws 404 naming nothing if any is out of scope. */
export async function assertMinesInScope(db: Db, actor: Actor, ids: readonly string[], what = '矿山') {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select('o.id')
    .where('o.id', 'in', unique)
    .where(mineScope(actor))
    .execute();
  if (rows.length !== unique.length) throw new OutOfScopeError(what);
}

/** Checks a batch of org ids (any kind) in one query. */
export async function assertOrgsInScope(db: Db, actor: Actor, ids: readonly string[], what = '单位') {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await db
    .selectFrom('orgs as o')
    .select('o.id')
    .where('o.id', 'in', unique)
    .where(orgScope(actor))
    .execute();
  if (rows.length !== unique.length) throw new OutOfScopeError(what);
}
