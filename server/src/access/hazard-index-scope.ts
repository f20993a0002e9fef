import { regionPrefix } from '@tiegui/domain';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { mineScope } from './access';
import type { Actor } from './actor';

type HEb = ExpressionBuilder<Database & { h: Database['hazards'] }, 'h'>;

/** The prefix's region codes as a range, which both databases read from an index (codes are digits). */
function regionRange(eb: HEb, prefix: string) {
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  const from = eb('h.region_code', '>=', prefix);
  return next.length > prefix.length ? from : eb.and([from, eb('h.region_code', '<', next)]);
}

/**
 * The actor's hazards said the way an index finds them all without walking an order: a
 * province's or a division's by region ranges (hazards_region), a city's, a county's or a
 * group's through their mines (hazards_mine). Only ever ANDed to hazardScope, which decides:
 * this narrows to the same rows and tells the planner where they are.
 */
export function hazardScopeByIndex(actor: Actor) {
  return (eb: HEb) => {
    switch (actor.orgKind) {
      case 'province':
        return regionRange(eb, regionPrefix(actor.regionCode ?? ''));
      case 'division':
        return actor.coveredRegions.length === 0
          ? eb.lit(false)
          : eb.or(actor.coveredRegions.map((p) => regionRange(eb, p)));
      case 'city':
      case 'county':
      case 'group':
        return eb(
          'h.mine_id',
          'in',
          eb
            .selectFrom('orgs as o')
            .innerJoin('mines as m', 'm.org_id', 'o.id')
            .select('o.id')
            .where((inner) => mineScope(actor)(inner as never)),
        );
      case 'mine':
        return eb('h.mine_id', '=', actor.orgId);
      default: {
        const never: never = actor.orgKind;
        throw new Error(`unknown org kind ${String(never)}`);
      }
    }
  };
}
