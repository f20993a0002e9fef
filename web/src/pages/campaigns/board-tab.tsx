import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { type Campaign, ORG_KINDS } from '@tiegui/domain';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api, downloadFile } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { Loading, QueryError } from '../../components/status-results';
import { labelOf } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { taskLabel } from '../obligations/obligation-labels';
import { BoardOrgsDrawer } from './board-orgs-drawer';
import { BoardRegions } from './board-regions';
import { type BoardFigure, type BoardRow, type BoardStatus, useBoard } from './campaign-api';
import { BOARD_COLUMNS } from './campaign-labels';

// ECharts is big: the chart loads on its own, after the figures.
const BoardChart = lazy(() => import('./board-chart').then((m) => ({ default: m.BoardChart })));

type Opener = (figure: BoardFigure, label: string) => void;

function countColumns(open: Opener): ColumnsType<BoardRow> {
  return [
    { title: '层级', dataIndex: 'orgKind', width: 100, render: (k: string) => labelOf(ORG_KINDS, k) },
    ...BOARD_COLUMNS.map((col) => ({
      title: col.label,
      key: col.key,
      width: col.key === 'submitted' ? 110 : 80,
      align: 'right' as const,
      render: (_: unknown, row: BoardRow) => {
        const n = row.counts[col.key];
        if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
        const danger = col.key === 'overdue';
        return (
          <Button
            type="link"
            size="small"
            danger={danger}
            style={{ padding: 0 }}
            data-testid={`board-${row.dutyKey}-${row.orgKind}-${col.key}`}
            onClick={() =>
              open(
                {
                  dutyKey: row.dutyKey,
                  title: row.title,
                  orgKind: row.orgKind,
                  status: col.key === 'total' ? null : (col.key as BoardStatus),
                },
                `${labelOf(ORG_KINDS, row.orgKind)}${col.label}`,
              )
            }
          >
            {n}
          </Button>
        );
      },
    })),
  ];
}

/** Board rows grouped per duty, in the board's (the plan's) order. */
function byDuty(rows: BoardRow[]): BoardRow[][] {
  const groups = new Map<string, BoardRow[]>();
  for (const row of rows) groups.set(row.dutyKey, [...(groups.get(row.dutyKey) ?? []), row]);
  return [...groups.values()];
}

function UrgeButton({ campaignId, duty }: { campaignId: string; duty: BoardRow }) {
  const { message } = App.useApp();
  const urge = useMutation({
    mutationFn: () => api.post<{ orgs: number }>(`/campaigns/${campaignId}/urge`, { dutyKey: duty.dutyKey }),
    onSuccess: ({ orgs }) =>
      orgs > 0 ? message.success(`已向 ${orgs} 个逾期单位发出催办`) : message.info('没有需要催办的逾期单位'),
    onError: (err) => message.error(err.message),
  });
  return (
    <Popconfirm
      title="向这项任务的全部逾期未报单位发送催办通知？"
      okText="催办"
      cancelText="取消"
      onConfirm={() => urge.mutateAsync().catch(() => undefined)}
    >
      <Button size="small" icon={<BellOutlined />} loading={urge.isPending}>
        催办逾期单位
      </Button>
    </Popconfirm>
  );
}

/** 进度看板: per duty and level, the figures of the actor's jurisdiction; any figure opens its orgs. */
export function BoardTab({ campaign }: { campaign: Campaign }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const query = useBoard(campaign.id);
  const [figure, setFigure] = useState<{ figure: BoardFigure; label: string } | null>(null);
  const columns = useMemo(() => countColumns((f, label) => setFigure({ figure: f, label })), []);
  const exporter = useMutation({
    mutationFn: () => downloadFile(`/campaigns/${campaign.id}/board.xlsx`, undefined, '进度看板.xlsx'),
    onError: (err) => message.error(err.message),
  });
  const mayUrge = can(me, 'obligation.review') && campaign.state === 'active';

  if (campaign.state === 'draft')
    return <Empty description="活动尚未启动，启动后各单位的任务进度显示在这里" />;
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const board = query.data;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="tg-toolbar" style={{ marginBottom: 0 }}>
        <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()}>
          导出Excel
        </Button>
        <Typography.Text type="secondary">统计范围：{me.org.name}管辖范围内的单位</Typography.Text>
      </div>
      {board.frozenAt && (
        <Alert type="info" showIcon message={`活动已结束，看板按 ${formatTime(board.frozenAt)} 冻结`} />
      )}
      <BoardRegions campaignId={campaign.id} ownRegion={me.org.regionCode} />
      <Suspense fallback={null}>
        <BoardChart rows={board.rows} />
      </Suspense>
      {byDuty(board.rows).map((rows) => {
        const duty = rows[0]!;
        const overdue = rows.reduce((sum, r) => sum + r.counts.overdue, 0);
        return (
          <Card
            key={duty.dutyKey}
            size="small"
            data-testid={`board-duty-${duty.dutyKey}`}
            title={
              <span style={{ whiteSpace: 'normal' }}>
                {taskLabel(duty.task)} {duty.title}
              </span>
            }
            extra={mayUrge && overdue > 0 && <UrgeButton campaignId={campaign.id} duty={duty} />}
            styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
          >
            <Table<BoardRow>
              rowKey="orgKind"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        );
      })}
      {board.rows.length === 0 && <Empty description="管辖范围内没有任务" />}
      <BoardOrgsDrawer
        campaignId={campaign.id}
        figure={figure?.figure ?? null}
        label={figure?.label ?? ''}
        onClose={() => setFigure(null)}
      />
    </Space>
  );
}
