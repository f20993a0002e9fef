import { type UseQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Query } from '../../api/client';

/** How many match: exactly `total`, or at least `total` when the server stopped counting. */
export type ListTotal = { total: number; capped?: boolean };

/** What a list page shows, however its rows are fetched. */
export interface ListState<T> {
  items: T[];
  /** Known once counted; absent while counting or when the list is not counted. */
  total?: ListTotal;
  /** The first rows are on their way, or the list is asked again for new filters. */
  loading: boolean;
  /** Why nothing can be shown. */
  error: Error | null;
  /** Why the next rows could not be read; the rows shown stay. */
  moreError: Error | null;
  retry: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

export const PAGE_SIZE = 50;

type KeysetPage<T> = { items: T[]; nextCursor: string | null };

type KeysetOptions<P> = {
  queryKey: readonly unknown[];
  path: string;
  query: Query;
  /** The count the first page carries, when the API counts in the page itself. */
  totalOf?: (first: P) => ListTotal;
};

/** A list read from the server a page at a time, each page after the last one's cursor (加载更多). */
export function useKeysetList<T, P extends KeysetPage<T>>({
  queryKey,
  path,
  query,
  totalOf,
}: KeysetOptions<P>): ListState<T> {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => api.get<P>(path, { ...query, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = list.data?.pages ?? [];
  const first = pages[0];
  return {
    items: pages.flatMap((p) => p.items),
    total: first && totalOf ? totalOf(first) : undefined,
    loading: list.isPending || (list.isFetching && !list.isFetchingNextPage),
    error: list.data ? null : list.error,
    moreError: list.data ? list.error : null,
    retry: () => void list.refetch(),
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    loadMore: () => void list.fetchNextPage(),
  };
}

/** A list the server answers whole (a few hundred rows at most), shown a page at a time all the same. */
export function useWholeList<T>(query: UseQueryResult<T[]>): ListState<T> {
  const [shown, setShown] = useState(PAGE_SIZE);
  const all = query.data ?? [];
  return {
    items: all.slice(0, shown),
    total: query.data ? { total: all.length } : undefined,
    loading: query.isPending,
    error: query.data ? null : query.error,
    moreError: query.data ? query.error : null,
    retry: () => void query.refetch(),
    hasMore: all.length > shown,
    loadingMore: false,
    loadMore: () => setShown((n) => n + PAGE_SIZE),
  };
}
