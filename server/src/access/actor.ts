import type { OrgKind, Role } from '@tiegui/domain';

/** Who is acting: the signed-in user with the org facts every scope decision needs. */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  orgId: string;
  orgKind: OrgKind;
  orgPath: string;
  regionCode: string | null;
  /** Region prefixes a division covers; empty for other kinds. */
  coveredRegions: string[];
  ip: string | null;
}

/** The actor of work done by the CLI (seed, create-admin, restore). */
export const SYSTEM_ACTOR_NAME = 'system';
