import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormValues, Obligation, ObligationDetail, ObligationState } from '@tiegui/domain';
import { api } from '../../api/client';

export type ObligationScope = 'mine' | 'review' | 'mines';

export const OBLIGATIONS_KEY = ['obligations'] as const;

export function dutyKey(id: string) {
  return ['obligation', id] as const;
}

/**
 * GET /obligations: what my org owes (overdue first), what waits for my org's review, or what a
 * group's mines owe; `overdue` keeps only those past their deadline.
 */
export function useObligations(
  scope: ObligationScope,
  options: { state?: ObligationState; overdue?: boolean; enabled?: boolean } = {},
) {
  const overdue = options.overdue ? 'true' : undefined;
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, scope, options.state ?? null, overdue ?? null],
    queryFn: () => api.get<{ items: Obligation[] }>('/obligations', { scope, state: options.state, overdue }),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useObligation(id: string | undefined) {
  return useQuery({
    queryKey: dutyKey(id ?? ''),
    queryFn: () => api.get<ObligationDetail>(`/obligations/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Still to do: not submitted yet, or returned for another try. */
export const isOpen = (o: Pick<Obligation, 'state'>) => o.state === 'pending' || o.state === 'returned';

export type ObligationCommand = { kind: 'draft' | 'submit'; values: FormValues };

/** The owner's step on its deliverable: save a draft or submit; each answers the new detail. */
export function runObligationCommand(id: string, action: ObligationCommand): Promise<ObligationDetail> {
  const base = `/obligations/${encodeURIComponent(id)}`;
  switch (action.kind) {
    case 'draft':
      return api.put<ObligationDetail>(`${base}/draft`, { values: action.values });
    case 'submit':
      return api.post<ObligationDetail>(`${base}/submit`, { values: action.values });
  }
}

/** After a step: the detail from the answer, and every list, board and bell that may have moved. */
export function useObligationUpdated() {
  const queryClient = useQueryClient();
  return (detail: ObligationDetail) => {
    queryClient.setQueryData(dutyKey(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: OBLIGATIONS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['campaign'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** The menu badge: my org's open obligations plus, for a reviewer, what waits for my review. */
export function useObligationBadge(canRead: boolean, canReview: boolean): number {
  const mine = useObligations('mine', { enabled: canRead });
  const review = useObligations('review', { enabled: canRead && canReview });
  return (mine.data?.filter(isOpen).length ?? 0) + (review.data?.length ?? 0);
}
