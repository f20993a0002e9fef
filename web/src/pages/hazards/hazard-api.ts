import { useQuery } from '@tanstack/react-query';
import type {
  Hazard,
  HazardDashboard,
  HazardDetail,
  HazardStandard,
  HazardStandardSummary,
} from '@tiegui/domain';
import { api, type Query } from '../../api/client';

export type HazardPage = { items: Hazard[]; nextCursor: string | null; total: number | null };
export type Recurrence = {
  mineId: string;
  mineName: string;
  regionCode: string;
  hazardId: string;
  foundOn: string;
  previousHazardId: string;
  previousFoundOn: string;
};

export const hazardKey = (id: string) => ['hazard', id] as const;

export function useHazard(id: string | undefined) {
  return useQuery({
    queryKey: hazardKey(id ?? ''),
    queryFn: () => api.get<HazardDetail>(`/hazards/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
    retry: (count, error) => count < 2 && !('status' in error && error.status === 404),
  });
}

/** Every stored standard (summaries); the content of one is fetched by key. */
export function useStandards() {
  return useQuery({
    queryKey: ['hazards', 'catalogs'],
    queryFn: () => api.get<{ items: HazardStandardSummary[] }>('/hazards/catalogs'),
    staleTime: 10 * 60_000,
  });
}

export function useStandard(key: string | null | undefined) {
  return useQuery({
    queryKey: ['hazards', 'catalog', key],
    queryFn: () => api.get<HazardStandard>(`/hazards/catalogs/${encodeURIComponent(key ?? '')}`),
    enabled: !!key,
    staleTime: 10 * 60_000,
  });
}

/** The latest version of each standard, keyed by its key (for the list's category filter). */
export function useAllStandards() {
  const summaries = useStandards();
  const keys = [...new Set((summaries.data?.items ?? []).map((s) => s.key))];
  return useQuery({
    queryKey: ['hazards', 'catalogs', 'all', keys],
    queryFn: () => Promise.all(keys.map((k) => api.get<HazardStandard>(`/hazards/catalogs/${k}`))),
    enabled: keys.length > 0,
    staleTime: 10 * 60_000,
  });
}

export function useDashboard(regionCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['hazards', 'dashboard', regionCode ?? null],
    queryFn: () => api.get<HazardDashboard>('/hazards/dashboard', { regionCode }),
    enabled,
  });
}

export function useRecurrences() {
  return useQuery({
    queryKey: ['hazards', 'recurrences'],
    queryFn: () => api.get<{ items: Recurrence[] }>('/hazards/recurrences'),
  });
}

/** The list filters that live in the URL, named as GET /api/hazards names them. */
export const HAZARD_FILTER_KEYS = [
  'q',
  'regionCode',
  'categoryCode',
  'level',
  'state',
  'open',
  'source',
  'supervised',
  'overdue',
  'selfReported',
  'foundFrom',
  'foundTo',
  'mineId',
] as const;
export type HazardFilterKey = (typeof HAZARD_FILTER_KEYS)[number];
export type HazardFilters = Partial<Record<HazardFilterKey, string>>;

export function filtersFromParams(params: URLSearchParams): HazardFilters {
  const filters: HazardFilters = {};
  for (const key of HAZARD_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function filtersToParams(filters: HazardFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of HAZARD_FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

export function filtersQuery(filters: HazardFilters): Query {
  return { ...filters };
}
