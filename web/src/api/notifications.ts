import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
};

export type Notifications = { unread: number; items: Notification[] };

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The signed-in user's notifications, polled once a minute so the count stays fresh. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<Notifications>('/notifications'),
    refetchInterval: 60_000,
  });
}
