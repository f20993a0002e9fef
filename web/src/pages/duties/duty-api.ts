import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormValues, Obligation, ObligationDetail, ObligationState } from '@tiegui/domain';
import { api } from '../../api/client';

export type DutyScope = 'mine' | 'review';

export const DUTIES_KEY = ['duties'] as const;

export function dutyKey(id: string) {
  return ['duty', id] as const;
}

/** GET /duties: what my org owes (overdue first) or what waits for my org's review. */
export function useDuties(scope: DutyScope, options: { state?: ObligationState; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...DUTIES_KEY, scope, options.state ?? null],
    queryFn: () => api.get<{ items: Obligation[] }>('/duties', { scope, state: options.state }),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useDuty(id: string | undefined) {
  return useQuery({
    queryKey: dutyKey(id ?? ''),
    queryFn: () => api.get<ObligationDetail>(`/duties/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Still to do: not submitted yet, or returned for another try. */
export const isOpen = (o: Pick<Obligation, 'state'>) => o.state === 'pending' || o.state === 'returned';

export type DutyAction =
  | { kind: 'draft' | 'submit'; values: FormValues }
  | { kind: 'accept' | 'return'; comment: string | undefined };

/** One step of a duty: save a draft, submit, accept or return; each answers the new detail. */
export function runDutyAction(id: string, action: DutyAction): Promise<ObligationDetail> {
  const base = `/duties/${encodeURIComponent(id)}`;
  switch (action.kind) {
    case 'draft':
      return api.put<ObligationDetail>(`${base}/draft`, { values: action.values });
    case 'submit':
      return api.post<ObligationDetail>(`${base}/submit`, { values: action.values });
    case 'accept':
      return api.post<ObligationDetail>(`${base}/accept`, action.comment ? { comment: action.comment } : {});
    case 'return':
      return api.post<ObligationDetail>(`${base}/return`, { comment: action.comment ?? '' });
  }
}

/** After a step: the detail from the answer, and every list, board and bell that may have moved. */
export function useDutyUpdated() {
  const queryClient = useQueryClient();
  return (detail: ObligationDetail) => {
    queryClient.setQueryData(dutyKey(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: DUTIES_KEY });
    void queryClient.invalidateQueries({ queryKey: ['campaign'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** The menu badge: my org's open duties plus, for a reviewer, what waits for my review. */
export function useDutyBadge(canRead: boolean, canReview: boolean): number {
  const mine = useDuties('mine', { enabled: canRead });
  const review = useDuties('review', { enabled: canRead && canReview });
  return (mine.data?.filter(isOpen).length ?? 0) + (review.data?.length ?? 0);
}
