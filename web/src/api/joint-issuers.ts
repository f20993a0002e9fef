import { useQuery } from '@tanstack/react-query';
import type { JointIssuer } from '@tiegui/domain';
import { api } from './client';

export const JOINT_ISSUERS_KEY = ['joint-issuers'] as const;

/** The pairs of orgs that may issue jointly (regulators and the system administrator read them). */
export function useJointIssuers(enabled = true) {
  return useQuery({
    queryKey: JOINT_ISSUERS_KEY,
    queryFn: () => api.get<{ items: JointIssuer[] }>('/joint-issuers'),
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}

/** The ids of the orgs an org may name as its co-issuer. */
export function partnerIdsOf(pairs: readonly JointIssuer[] | undefined, orgId: string): Set<string> {
  const ids = new Set<string>();
  for (const p of pairs ?? []) {
    if (p.issuerOrgId === orgId) ids.add(p.coIssuerOrgId);
    if (p.coIssuerOrgId === orgId) ids.add(p.issuerOrgId);
  }
  return ids;
}
