import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { Mine } from '@tiegui/domain';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, downloadFile, isApiError } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { ExcelImportModal, type ImportTarget } from '../../components/excel-import-modal';
import { QueryError } from '../../components/status-results';
import { filtersFromParams, filtersQuery, filtersToParams, type MineFilters } from './mine-api';
import { MineFiltersBar } from './mine-filters';
import { MineTable } from './mine-table';

const IMPORT_TARGET: ImportTarget = {
  base: '/mines',
  title: '导入矿山基础信息',
  templateName: '矿山基础信息导入模板.xlsx',
  rowIs: '一座矿山',
};

type MinePage = { items: Mine[]; nextCursor: string | null; total: number };

const PAGE_SIZE = 50;

export function MineListPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const filters = useMemo(() => filtersFromParams(params), [params]);

  const list = useInfiniteQuery({
    queryKey: ['mines', 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get<MinePage>('/mines', { ...filtersQuery(filters), limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const exporter = useMutation({
    mutationFn: () => downloadFile('/mines/export', filtersQuery(filters), '矿山基础信息.xlsx'),
    onError: (err) => message.error(err.message),
  });

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const setFilters = (next: MineFilters) => setParams(filtersToParams(next), { replace: true });

  return (
    <Card title="矿山基础信息">
      <div className="tg-toolbar">
        <Space wrap>
          {can(me, 'mine.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/mines/new')}>
              新增矿山
            </Button>
          )}
          {can(me, 'mine.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              导入
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()}>
            导出
          </Button>
        </Space>
      </div>
      <MineFiltersBar value={filters} onChange={setFilters} />
      {list.error && !list.data ? (
        isApiError(list.error, 400) ? (
          <Alert type="error" showIcon message={list.error.message} />
        ) : (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        )
      ) : (
        <>
          <MineTable
            items={items}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          />
          <div className="tg-toolbar" style={{ marginTop: 12, justifyContent: 'space-between' }}>
            <Typography.Text type="secondary" data-testid="mine-total">
              共 {total} 座，已显示 {items.length} 座
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
