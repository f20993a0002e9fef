import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  MISSING_STATES,
  type Notice,
  type NoticeRollup,
  ORG_KINDS,
  type RollupCounts,
  type RollupDelivery,
  type RollupMissing,
} from '@tiegui/domain';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatTime } from '../../lib/time';
import { rollupKey, useRollup } from './notice-api';

const time = (v: string | null) => formatTime(v, 'MM-DD HH:mm');
const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

const countColumns: ColumnsType<RollupCounts> = [
  { title: '层级', dataIndex: 'kind', render: (k: RollupCounts['kind']) => ORG_KINDS[k] },
  { title: '应送达', dataIndex: 'expected' },
  { title: '已送达', dataIndex: 'delivered' },
  { title: '已阅', dataIndex: 'read' },
  { title: '已签收', dataIndex: 'signed' },
  { title: '已转发', dataIndex: 'forwarded' },
  { title: '签收率', key: 'rate', render: (_, c) => percent(c.signed, c.expected) },
];

const missingColumns: ColumnsType<RollupMissing> = [
  { title: '单位', dataIndex: 'orgName' },
  { title: '类别', dataIndex: 'orgKind', width: 110, render: (k: RollupMissing['orgKind']) => ORG_KINDS[k] },
  { title: '上级单位', dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
  {
    title: '状态',
    dataIndex: 'state',
    width: 100,
    filters: Object.entries(MISSING_STATES).map(([value, text]) => ({ value, text })),
    onFilter: (value, m) => m.state === value,
    render: (s: RollupMissing['state']) => (
      <Tag color={s === 'unreached' ? 'red' : 'orange'}>{MISSING_STATES[s]}</Tag>
    ),
  },
  { title: '送达时间', dataIndex: 'deliveredAt', width: 120, render: time },
  { title: '最近催办', dataIndex: 'lastUrgedAt', width: 120, render: time },
];

type TreeRow = RollupDelivery & { key: string; forwardedDoc: string | null; children?: TreeRow[] };

function treeOf(rollup: NoticeRollup): TreeRow[] {
  const notices = new Map(rollup.notices.map((n) => [n.id, n]));
  const build = (noticeId: string): TreeRow[] =>
    rollup.deliveries
      .filter((d) => d.noticeId === noticeId)
      .map((d) => {
        const forwarded = d.forwardedNoticeId ? notices.get(d.forwardedNoticeId) : undefined;
        const children = forwarded ? build(forwarded.id) : [];
        return {
          ...d,
          key: `${noticeId}:${d.orgId}`,
          forwardedDoc: forwarded?.docNumber ?? null,
          ...(children.length > 0 ? { children } : {}),
        };
      });
  return build(rollup.rootNoticeId);
}

const treeColumns: ColumnsType<TreeRow> = [
  {
    title: '单位',
    dataIndex: 'orgName',
    render: (name: string, d) => (
      <>
        {name}
        {!d.inScope && <Typography.Text type="secondary">（上级单位）</Typography.Text>}
      </>
    ),
  },
  { title: '类别', dataIndex: 'orgKind', width: 110, render: (k: TreeRow['orgKind']) => ORG_KINDS[k] },
  { title: '送达', dataIndex: 'deliveredAt', width: 110, render: time },
  {
    title: '已阅',
    dataIndex: 'readAt',
    width: 110,
    render: (v: string | null, d) => (d.inScope ? time(v) : ''),
  },
  {
    title: '签收',
    dataIndex: 'signedAt',
    width: 170,
    render: (v: string | null, d) =>
      !d.inScope ? (
        ''
      ) : v ? (
        `${time(v)}${d.signedByName ? ` ${d.signedByName}` : ''}`
      ) : (
        <Tag color="orange">未签收</Tag>
      ),
  },
  {
    title: '转发',
    dataIndex: 'forwardedDoc',
    render: (doc: string | null, d) =>
      doc && d.forwardedNoticeId ? <Link to={`/notices/${d.forwardedNoticeId}`}>{doc}</Link> : '—',
  },
];

/** 落实情况: the whole cascade as far as this user sees — counts per level, who is missing (with 催办), the tree. */
export function NoticeRollupCard({ notice }: { notice: Notice }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rollup = useRollup(notice.id);

  const urge = useMutation({
    mutationFn: () =>
      api.post<{ orgs: number; toSign: number; toRelay: number }>(`/notices/${notice.id}/urge`),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: rollupKey(notice.id) });
      message.success(
        r.orgs === 0
          ? '没有需要催办的单位'
          : `已催办${r.orgs}个单位（催签收${r.toSign}个，催传达${r.toRelay}个）`,
      );
    },
    onError: (err) => message.error(err.message),
  });

  const data = rollup.data;
  const root = data?.notices.find((n) => n.id === data.rootNoticeId);
  return (
    <Card title="落实情况（逐级汇总）" loading={rollup.isPending} data-testid="notice-rollup">
      {rollup.error && <Alert type="error" showIcon message={rollup.error.message} />}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {root && root.id !== notice.id && (
            <Typography.Text type="secondary">
              汇总自原文件 <Link to={`/notices/${root.id}`}>{root.docNumber}</Link>
              ，只含本单位管辖范围内的单位。
            </Typography.Text>
          )}
          <Table<RollupCounts>
            rowKey="kind"
            size="small"
            pagination={false}
            columns={countColumns}
            dataSource={data.counts}
            onRow={(c) => ({ 'data-testid': `rollup-count-${c.kind}` }) as HTMLAttributes<HTMLElement>}
          />
          <Tabs
            items={[
              {
                key: 'missing',
                label: `未送达、未签收（${data.missing.length}）`,
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {notice.abilities.canUrge && data.missing.length > 0 && (
                      <Popconfirm
                        title="提醒未签收的单位签收，并提醒上级单位将通知传达到未送达的单位？"
                        okText="催办"
                        cancelText="取消"
                        onConfirm={() => urge.mutateAsync().catch(() => undefined)}
                      >
                        <Button icon={<BellOutlined />} loading={urge.isPending}>
                          催办
                        </Button>
                      </Popconfirm>
                    )}
                    <Table<RollupMissing>
                      rowKey="orgId"
                      size="small"
                      columns={missingColumns}
                      dataSource={data.missing}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
                      scroll={{ x: 'max-content' }}
                      locale={{ emptyText: '全部单位均已签收' }}
                    />
                  </Space>
                ),
              },
              {
                key: 'tree',
                label: '逐级送达',
                children: (
                  <Table<TreeRow>
                    size="small"
                    columns={treeColumns}
                    dataSource={treeOf(data)}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
                    scroll={{ x: 'max-content' }}
                  />
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
