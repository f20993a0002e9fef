import { REGULATOR_KINDS } from '@tiegui/domain';
import type { Db } from '../db/database';
import {
  type MineScopeFilter,
  mineScope,
  minesInJurisdiction,
  type OrgFilter,
  orgScope,
  orgsInJurisdiction,
} from './access';
import { groupsOwningMines } from './access.repository';
import type { Actor, Jurisdiction } from './actor';

/**
 * The orgs an actor reaches with notices: the orgs it sees and, for a regulator, the enterprise
 * groups owning mines it sees (the seed's 118号 goes to "各矿山上级公司", which sit outside a city's tree).
 */
export function noticeReach(db: Db, actor: Actor): Promise<OrgFilter> {
  return reach(db, actor, orgScope(actor), mineScope(actor));
}

/**
 * The orgs an org's notices are meant to reach, by the same rule over its jurisdiction: what a
 * cascade its first issue started should reach, whoever asks.
 */
export function jurisdictionReach(db: Db, j: Jurisdiction): Promise<OrgFilter> {
  return reach(db, j, orgsInJurisdiction(j), minesInJurisdiction(j));
}

async function reach(db: Db, j: Jurisdiction, orgs: OrgFilter, mines: MineScopeFilter): Promise<OrgFilter> {
  return withOrgs(orgs, REGULATOR_KINDS.includes(j.orgKind) ? await groupsOwningMines(db, mines) : []);
}

/**
 * The orgs an actor sees in a cascade's roll-up: the orgs it sees, and those its own org addressed
 * in the cascade (a city addresses the groups owning its mines, outside its tree).
 */
export function rollupScope(actor: Actor, addressed: readonly string[]): OrgFilter {
  return withOrgs(orgScope(actor), addressed);
}

/** A filter widened by some orgs named by id. */
function withOrgs(filter: OrgFilter, ids: readonly string[]): OrgFilter {
  if (ids.length === 0) return filter;
  return (eb) => eb.or([filter(eb), eb('o.id', 'in', [...ids])]);
}

/** A notice of a cascade as far as reading it goes. */
export interface CascadeNotice {
  id: string;
  parent_notice_id: string | null;
  issuer_org_id: string;
  co_issuer_org_id: string | null;
}

/**
 * The notices of a cascade an org may read: those it issued, co-issued or received, each with the
 * notices it carries (a forward carries its original, and that one its own); and every notice
 * whose issuer is among the orgs it supervises (`supervisedIssuers`, judged by its org scope).
 */
export function readableNotices(
  orgId: string,
  cascade: readonly CascadeNotice[],
  received: ReadonlySet<string>,
  supervisedIssuers: ReadonlySet<string>,
): Set<string> {
  const byId = new Map(cascade.map((n) => [n.id, n]));
  const readable = new Set<string>();
  for (const n of cascade) {
    if (n.issuer_org_id !== orgId && n.co_issuer_org_id !== orgId && !received.has(n.id)) continue;
    for (
      let at: CascadeNotice | undefined = n;
      at;
      at = at.parent_notice_id ? byId.get(at.parent_notice_id) : undefined
    )
      readable.add(at.id);
  }
  for (const n of cascade) if (supervisedIssuers.has(n.issuer_org_id)) readable.add(n.id);
  return readable;
}
