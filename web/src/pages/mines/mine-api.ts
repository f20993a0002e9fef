import { useQuery } from '@tanstack/react-query';
import type { Mine } from '@tiegui/domain';
import { api } from '../../api/client';
import type { Filters } from '../../components/list-page';

export type FormOptions = {
  supervisors: { id: string; name: string; kind: string; regionCode: string | null }[];
  divisions: { id: string; name: string; coveredRegions: string[] }[];
  groups: { id: string; name: string }[];
};

/** Orgs a mine may point to, as the server offers them to this user. */
export function useFormOptions(enabled = true) {
  return useQuery({
    queryKey: ['mines', 'form-options'],
    queryFn: () => api.get<FormOptions>('/mines/form-options'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function mineKey(id: string) {
  return ['mine', id] as const;
}

export function useMine(id: string | undefined) {
  return useQuery({
    queryKey: mineKey(id ?? ''),
    queryFn: () => api.get<Mine>(`/mines/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** The list filters that live in the URL, named as GET /api/mines names them. */
export const MINE_FILTER_KEYS = [
  'q',
  'regionCode',
  'category',
  'mineType',
  'status',
  'gasGrade',
  'hydroType',
  'groupOrgId',
  'active',
] as const;
export type MineFilters = Filters<(typeof MINE_FILTER_KEYS)[number]>;
