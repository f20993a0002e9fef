import { useQuery } from '@tanstack/react-query';
import {
  HAZARD_SORTS,
  type Hazard,
  type HazardDashboard,
  type HazardDetail,
  type HazardStandard,
  type HazardStandardSummary,
  type InvestigationCoverage,
  type InvestigationList,
  type InvestigationListQuery,
  type MineHazardFlags,
  type Recurrence,
} from '@tiegui/domain';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Filters } from '../../components/list-page';
import { ZONE } from '../../lib/time';

export type HazardPage = { items: Hazard[]; nextCursor: string | null };

export const hazardKey = (id: string) => ['hazard', id] as const;

export function useHazard(id: string | undefined) {
  return useQuery({
    queryKey: hazardKey(id ?? ''),
    queryFn: () => api.get<HazardDetail>(`/hazards/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
    retry: (count, error) => count < 2 && !('status' in error && error.status === 404),
  });
}

/** Every stored standard (summaries), and whether the server lets this user upload a next version. */
export function useStandards() {
  return useQuery({
    queryKey: ['hazards', 'catalogs'],
    queryFn: () => api.get<{ items: HazardStandardSummary[]; canUpload: boolean }>('/hazards/catalogs'),
    staleTime: 10 * 60_000,
  });
}

/** One standard's content: the latest version, or the given one (versions never change once stored). */
export function useStandard(key: string | null | undefined, version?: number) {
  return useQuery({
    queryKey: ['hazards', 'catalog', key, version ?? 'latest'],
    queryFn: () => api.get<HazardStandard>(`/hazards/catalogs/${encodeURIComponent(key ?? '')}`, { version }),
    enabled: !!key,
    staleTime: 10 * 60_000,
  });
}

/** This month in Beijing time, 'YYYY-MM'. */
export const currentMonth = () => dayjs().tz(ZONE).format('YYYY-MM');

export function useInvestigations(filter: InvestigationListQuery) {
  return useQuery({
    queryKey: ['hazards', 'investigations', 'list', filter],
    queryFn: () => api.get<InvestigationList>('/hazards/investigations', filter),
  });
}

/** Which mines in scope have recorded the month and which not yet. */
export function useInvestigationCoverage(month: string, mineId: string | undefined) {
  return useQuery({
    queryKey: ['hazards', 'investigations', 'coverage', month, mineId ?? null],
    queryFn: () => api.get<InvestigationCoverage>('/hazards/investigations/coverage', { month, mineId }),
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

/** The mines with a recurrence in a dashboard's window and region: those its 重复发生矿山 counts. */
export function useRecurrences(regionCode: string | null, months: number) {
  return useQuery({
    queryKey: ['hazards', 'recurrences', regionCode, months],
    queryFn: () => api.get<{ items: Recurrence[] }>('/hazards/recurrences', { regionCode, months }),
  });
}

export function useMineHazardFlags(mineId: string, enabled = true) {
  return useQuery({
    queryKey: ['hazards', 'mine-flags', mineId],
    queryFn: () => api.get<MineHazardFlags>(`/hazards/mines/${encodeURIComponent(mineId)}/flags`),
    enabled,
  });
}

export type HazardSort = (typeof HAZARD_SORTS)[number];
/** The server's order when none is asked; left out of the URL and the request. */
export const DEFAULT_HAZARD_SORT: HazardSort = '-foundOn';
// The order picker's names live in the domain: the audit log names an export's order by them.
export { HAZARD_SORT_LABELS } from '@tiegui/domain';

const isHazardSort = (value: string): value is HazardSort =>
  (HAZARD_SORTS as readonly string[]).includes(value);

/** The list filters and order that live in the URL, named as GET /api/hazards names them. */
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
  'sort',
] as const;
export type HazardFilters = Filters<(typeof HAZARD_FILTER_KEYS)[number]>;

/** The sort a filter set asks for, the default when none. */
export const sortOf = (filters: HazardFilters): HazardSort =>
  filters.sort && isHazardSort(filters.sort) ? filters.sort : DEFAULT_HAZARD_SORT;

/** The default or an unknown sort is dropped, so one order has one URL (and one query key). */
export function withoutDefaultSort(filters: HazardFilters): HazardFilters {
  const { sort, ...rest } = filters;
  const chosen = sortOf(filters);
  return sort && chosen !== DEFAULT_HAZARD_SORT ? { ...rest, sort: chosen } : rest;
}

/** The query of GET /api/hazards/count: the same filters, no order. */
export function countQuery(filters: HazardFilters): HazardFilters {
  const { sort: _sort, ...rest } = filters;
  return rest;
}
