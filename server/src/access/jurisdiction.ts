import { ORG_KINDS, type OrgKind } from '@tiegui/domain';
import type { Db } from '../db/database';
import { coveredRegionsOf, findOrgFacts } from './access.repository';
import type { Jurisdiction } from './actor';

const isOrgKind = (kind: string): kind is OrgKind => Object.hasOwn(ORG_KINDS, kind);

/** An org's jurisdiction from its row; only a division covers regions. */
export function jurisdictionOf(
  org: { id: string; kind: string; path: string; region_code: string | null },
  coveredRegions: readonly string[],
): Jurisdiction {
  if (!isOrgKind(org.kind)) throw new Error(`unknown org kind ${org.kind}`);
  return {
    orgId: org.id,
    orgKind: org.kind,
    orgPath: org.path,
    regionCode: org.region_code,
    coveredRegions: org.kind === 'division' ? [...coveredRegions] : [],
  };
}

/** The regions a division covers (none for any other kind), in order. */
export function coveredRegionsOfOrg(db: Db, org: { id: string; kind: string }): Promise<string[]> {
  return org.kind === 'division' ? coveredRegionsOf(db, org.id) : Promise.resolve([]);
}

/** The jurisdiction of an org asked on its own (not through a user of it), if the org exists. */
export async function findJurisdiction(db: Db, orgId: string): Promise<Jurisdiction | undefined> {
  const org = await findOrgFacts(db, orgId);
  return org && jurisdictionOf(org, await coveredRegionsOfOrg(db, org));
}

/** The jurisdiction of an org that must exist (one a record points at). */
export async function loadJurisdiction(db: Db, orgId: string): Promise<Jurisdiction> {
  const j = await findJurisdiction(db, orgId);
  if (!j) throw new Error(`no org ${orgId}`);
  return j;
}
