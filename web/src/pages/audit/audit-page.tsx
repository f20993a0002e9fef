import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditEvent, AuditVerify } from '@tiegui/domain';
import { App, Button, Card, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, downloadFile } from '../../api/client';
import { QueryError } from '../../components/status-results';
import { type AuditFilters, AuditFiltersBar } from './audit-filters';
import { CountingRefusals } from './audit-refusals';
import { AuditTable } from './audit-table';
import { AuditVerifyResult } from './audit-verify-result';

type AuditPage = { items: AuditEvent[]; nextCursor: number | null };

const PAGE_SIZE = 100;

export function AuditPage() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<AuditFilters>({});

  const list = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api.get<AuditPage>('/audit/events', { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const exporter = useMutation({
    mutationFn: () => downloadFile('/audit/events.csv', filters, '审计日志.csv'),
    onError: (err) => message.error(err.message),
  });
  const verify = useMutation({
    mutationFn: () => api.post<AuditVerify>('/audit/verify'),
    onError: (err) => message.error(err.message),
  });

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const result = verify.data;

  return (
    <Card
      title="审计日志"
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()}>
            导出CSV
          </Button>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            校验完整性
          </Button>
        </Space>
      }
      styles={{ header: { flexWrap: 'wrap' } }}
    >
      {result && <AuditVerifyResult result={result} onClose={() => verify.reset()} />}
      <CountingRefusals />
      <AuditFiltersBar onChange={setFilters} />
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <AuditTable
            items={items}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          />
          <div className="tg-toolbar" style={{ marginTop: 12, justifyContent: 'space-between' }}>
            <Typography.Text type="secondary">已显示 {items.length} 条（按时间倒序）</Typography.Text>
            {list.hasNextPage && (
              <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                加载更多
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
