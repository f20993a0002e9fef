import { useQuery } from '@tanstack/react-query';
import { type AuditRefusal, apiFunctionName, REFUSAL_WINDOW_MINUTES } from '@tiegui/domain';
import { Alert } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client';
import { type CardFields, ListTable } from '../../components/list-page';
import { formatTime } from '../../lib/time';

/** 403 refuses for want of permission, 404 a record outside the user's scope (or none at all). */
export const REFUSAL_STATUS: Record<number, string> = { 403: '无权限（403）', 404: '超出数据范围（404）' };

const columns: ColumnsType<AuditRefusal> = [
  { title: '操作人', dataIndex: 'actorUsername', width: 120, render: (v: string | null) => v ?? '—' },
  { title: '页面或功能', key: 'route', render: (_, r) => apiFunctionName(r.method, r.route) },
  { title: '结果', dataIndex: 'status', width: 150, render: (v: number) => REFUSAL_STATUS[v] ?? v },
  { title: '次数', dataIndex: 'count', width: 70 },
  { title: '首次', dataIndex: 'from', width: 170, render: (v: string) => formatTime(v) },
  { title: '最近', dataIndex: 'to', width: 170, render: (v: string) => formatTime(v) },
];

const CARD: CardFields = {
  title: 'route',
  state: 'status',
  details: ['actorUsername', 'count', 'from', 'to'],
};

/**
 * Refusals still counting: the first of each is in the log already; the rest join it as one
 * 重复拒绝访问 event with their count when the window closes.
 */
export function CountingRefusals() {
  const refusals = useQuery({
    queryKey: ['audit', 'refusals'],
    queryFn: () => api.get<{ items: AuditRefusal[] }>('/audit/refusals'),
  });
  const items = refusals.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="audit-counting-refusals"
      message={`计数中的拒绝访问：同一用户对同一接口的拒绝，首次已记入日志，此后${REFUSAL_WINDOW_MINUTES}分钟内的重复在窗口结束时合并为一条记录`}
      description={
        <ListTable<AuditRefusal>
          rowKey={(r) => `${r.actorUsername}|${r.method}|${r.route}|${r.status}`}
          size="small"
          columns={columns}
          card={CARD}
          items={items}
        />
      }
    />
  );
}
