import { useQuery } from '@tanstack/react-query';
import type { AccountChange } from '@tiegui/domain';
import { api } from '../../api/client';

export type AccountChangeBox = 'pending' | 'mine' | 'all';

export const accountChangesKey = (box: AccountChangeBox) => ['account-changes', box] as const;

/** The requests of a box: those the user may decide now, those it filed. */
export function useAccountChanges(box: AccountChangeBox, enabled: boolean) {
  return useQuery({
    queryKey: accountChangesKey(box),
    queryFn: () => api.get<{ items: AccountChange[] }>('/account-changes', { box }),
    enabled,
  });
}
