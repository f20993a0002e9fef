import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Campaign, Notice, NoticeRollup, NoticeSummary, RecipientOptions } from '@tiegui/domain';
import { api } from '../../api/client';

export type NoticeBox = 'inbox' | 'sent';
export type NoticeList = { items: NoticeSummary[]; unsigned: number };

export const NOTICES_KEY = ['notices'] as const;
export const noticeKey = (id: string) => ['notices', 'detail', id] as const;
export const rollupKey = (id: string) => ['notices', 'rollup', id] as const;

const noticesQuery = (box: NoticeBox) =>
  queryOptions({
    queryKey: ['notices', 'list', box],
    queryFn: () => api.get<NoticeList>('/notices', { box }),
  });

/** A box with its unsigned count (the 收文 badge, and the menu's). */
export function useNotices(box: NoticeBox, enabled = true) {
  return useQuery({ ...noticesQuery(box), enabled });
}

/** A box's notices alone, from the same request as its count. */
export function useNoticeItems(box: NoticeBox) {
  return useQuery({ ...noticesQuery(box), select: (data) => data.items });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: noticeKey(id ?? ''),
    queryFn: () => api.get<Notice>(`/notices/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function useRollup(id: string, enabled = true) {
  return useQuery({
    queryKey: rollupKey(id),
    queryFn: () => api.get<NoticeRollup>(`/notices/${encodeURIComponent(id)}/rollup`),
    enabled,
  });
}

/** The orgs this user's org may address, as the server resolves them. */
export function useRecipientOptions() {
  return useQuery({
    queryKey: ['notices', 'recipient-options'],
    queryFn: () => api.get<RecipientOptions>('/notices/recipient-options'),
    staleTime: 5 * 60_000,
  });
}

export function useCampaignOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: () => api.get<{ items: Campaign[] }>('/campaigns'),
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}

/** Where an uploaded file is read back. */
export function fileUrl(id: string): string {
  return `/api/files/${encodeURIComponent(id)}`;
}
