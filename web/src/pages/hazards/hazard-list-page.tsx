import {
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  DownloadOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { HazardCount } from '@tiegui/domain';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, downloadFile, isApiError } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { ExcelImportModal, type ImportTarget } from '../../components/excel-import-modal';
import { QueryError } from '../../components/status-results';
import {
  countQuery,
  filtersFromParams,
  filtersQuery,
  filtersToParams,
  type HazardFilters,
  type HazardPage,
  type HazardSort,
  sortOf,
} from './hazard-api';
import { HazardFiltersBar } from './hazard-filters';
import { HazardTable } from './hazard-table';

const IMPORT_TARGET: ImportTarget = {
  base: '/hazards',
  title: '导入隐患台账',
  templateName: '隐患台账导入模板.xlsx',
  rowIs: '一条隐患',
};

const PAGE_SIZE = 50;

/** 共 N 条, or 超过 N 条 past the server's cap; nothing until counted. */
function countLabel(count: HazardCount | undefined): string {
  if (!count) return '';
  const n = count.total.toLocaleString('zh-CN');
  return count.capped ? `超过 ${n} 条（请缩小筛选范围），` : `共 ${n} 条，`;
}

/** 隐患台账: the register in my data scope, filters in the URL, keyset 加载更多. */
export function HazardListPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const filters = useMemo(() => filtersFromParams(params), [params]);

  const list = useInfiniteQuery({
    queryKey: ['hazards', 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get<HazardPage>('/hazards', {
        ...filtersQuery(filters),
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // Asked beside the page, never before it: a page shows at once, its count when counted.
  // The count takes no sort, so a new order reuses the count already known.
  const counted = useMemo(() => countQuery(filters), [filters]);
  const count = useQuery({
    queryKey: ['hazards', 'count', counted],
    queryFn: () => api.get<HazardCount>('/hazards/count', counted),
  });

  const exporter = useMutation({
    mutationFn: () => downloadFile('/hazards/export', filtersQuery(filters), '隐患台账.xlsx'),
    onError: (err) => message.error(err.message),
  });

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const setFilters = (next: HazardFilters) => setParams(filtersToParams(next), { replace: true });
  const setSort = (sort: HazardSort) => setFilters({ ...filters, sort });

  return (
    <Card title="隐患治理">
      <div className="tg-toolbar">
        <Space wrap>
          {can(me, 'hazard.report') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/hazards/new')}>
              登记隐患
            </Button>
          )}
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/hazards/dashboard')}>
            动态清零
          </Button>
          <Button icon={<CalendarOutlined />} onClick={() => void navigate('/hazards/investigations')}>
            月度排查
          </Button>
          <Button icon={<BookOutlined />} onClick={() => void navigate('/hazards/catalogs')}>
            判定标准
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()}>
            台账导出
          </Button>
          {can(me, 'hazard.report') && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              台账导入
            </Button>
          )}
        </Space>
      </div>
      <HazardFiltersBar value={filters} onChange={setFilters} />
      {list.error && !list.data ? (
        isApiError(list.error, 400) ? (
          <Alert type="error" showIcon message={list.error.message} />
        ) : (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        )
      ) : (
        <>
          <HazardTable
            items={items}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            sort={sortOf(filters)}
            onSortChange={setSort}
          />
          <div className="tg-toolbar" style={{ marginTop: 12, justifyContent: 'space-between' }}>
            <Typography.Text type="secondary" data-testid="hazard-total">
              {countLabel(count.data)}已显示 {items.length} 条
            </Typography.Text>
            {list.hasNextPage && (
              <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                加载更多
              </Button>
            )}
          </div>
          {list.error && list.data && <Alert type="error" showIcon message={list.error.message} />}
        </>
      )}
      <ExcelImportModal open={importOpen} onClose={() => setImportOpen(false)} target={IMPORT_TARGET} />
    </Card>
  );
}
