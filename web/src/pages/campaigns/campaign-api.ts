import { useQuery } from '@tanstack/react-query';
import type { BoardRegions, Campaign, Obligation, Plan, ZBoard, ZPlanSummary } from '@tiegui/domain';
import type { z } from 'zod';
import { api } from '../../api/client';

export type Board = z.infer<typeof ZBoard>;
export type BoardRow = Board['rows'][number];
export type PlanSummary = z.infer<typeof ZPlanSummary>;
export type BoardStatus = 'pending' | 'submitted' | 'accepted' | 'returned' | 'overdue' | 'late';

/** One org behind a board figure (GET /campaigns/:id/board/orgs). */
export type BoardOrg = {
  obligationId: string;
  orgId: string;
  orgName: string;
  regionCode: string | null;
  periodLabel: string;
  dueAt: string;
  state: Obligation['state'];
  overdue: boolean;
  late: boolean;
  submittedAt: string | null;
};

export const CAMPAIGNS_KEY = ['campaign'] as const;

export function useCampaigns() {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'list'],
    queryFn: () => api.get<{ items: Campaign[] }>('/campaigns'),
    select: (data) => data.items,
  });
}

export function campaignKey(id: string) {
  return [...CAMPAIGNS_KEY, 'one', id] as const;
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: campaignKey(id ?? ''),
    queryFn: () => api.get<Campaign>(`/campaigns/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function usePlans(enabled = true) {
  return useQuery({
    queryKey: ['plans'],
    queryFn: () => api.get<{ items: PlanSummary[] }>('/plans'),
    select: (data) => data.items,
    enabled,
  });
}

/** A plan version never changes once stored. */
export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id ?? ''],
    queryFn: () => api.get<Plan>(`/plans/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useBoard(id: string) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'board', id],
    queryFn: () => api.get<Board>(`/campaigns/${encodeURIComponent(id)}/board`),
  });
}

export type BoardFigure = { dutyKey: string; title: string; orgKind: string; status: BoardStatus | null };

export function useBoardOrgs(campaignId: string, figure: BoardFigure | null) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'board-orgs', campaignId, figure],
    queryFn: () =>
      api.get<{ items: BoardOrg[] }>(`/campaigns/${encodeURIComponent(campaignId)}/board/orgs`, {
        dutyKey: figure?.dutyKey,
        orgKind: figure?.orgKind,
        status: figure?.status ?? undefined,
      }),
    select: (data) => data.items,
    enabled: !!figure,
  });
}

/** The board by region, one level below `regionCode` (or the user's own region), ranked. */
export function useBoardRegions(campaignId: string, regionCode: string | undefined) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'regions', campaignId, regionCode ?? null],
    queryFn: () =>
      api.get<BoardRegions>(`/campaigns/${encodeURIComponent(campaignId)}/board/regions`, { regionCode }),
  });
}
