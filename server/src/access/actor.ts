import type { OrgKind, Role } from '@tiegui/domain';

/**
 * The org facts every scope decision needs: what an org oversees, whether it is the actor's own org
 * or an org asked on its own (the first issuer of a notice cascade).
 */
export interface Jurisdiction {
  orgId: string;
  orgKind: OrgKind;
  orgPath: string;
  regionCode: string | null;
  /** Region prefixes a division covers; empty for other kinds. */
  coveredRegions: string[];
}

/** Who is acting: the signed-in user with its org's jurisdiction. */
export interface Actor extends Jurisdiction {
  userId: string;
  username: string;
  roles: Role[];
  ip: string | null;
}

/** The actor of work done by the CLI (seed, create-admin, restore). */
export const SYSTEM_ACTOR_NAME = 'system';
