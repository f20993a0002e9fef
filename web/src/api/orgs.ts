import { useQuery } from '@tanstack/react-query';
import type { Org } from '@tiegui/domain';
import { ORG_KINDS } from '@tiegui/domain';
import { api } from './client';

/** All in-scope orgs, mines included (GET /api/orgs?includeMines=true). */
export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: ['orgs', { includeMines: true }],
    queryFn: () => api.get<{ items: Org[] }>('/orgs', { includeMines: true }),
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}

export function orgOptions(orgs: readonly Org[] | undefined) {
  return (orgs ?? []).map((o) => ({ value: o.id, label: `${o.name}（${ORG_KINDS[o.kind]}）` }));
}
