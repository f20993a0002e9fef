import { useQuery } from '@tanstack/react-query';
import type { Me, Permission } from '@tiegui/domain';
import { api } from './client';

export const ME_KEY = ['me'] as const;

export function fetchMe(): Promise<Me> {
  return api.get<Me>('/me');
}

/** The signed-in user as /api/me says; `me` is undefined while loading or when signed out. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user, for pages rendered inside the layout (which only renders once /me answered). */
export function useCurrentUser(): Me {
  const { data: me } = useMe();
  if (!me) throw new Error('useCurrentUser outside the signed-in layout');
  return me;
}

/** Whether the server granted the permission; the web never works it out from roles. */
export function can(me: Me | undefined, ...permissions: Permission[]): boolean {
  return !!me && permissions.some((p) => me.permissions.includes(p));
}
