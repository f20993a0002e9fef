import type { Obligation } from '@tiegui/domain';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatTime } from '../../lib/time';
import type { DutyScope } from './duty-api';
import { LateTags, ObligationStateTag, taskLabel } from './duty-labels';

const DEADLINE = 'YYYY-MM-DD HH:mm';

function columnsFor(scope: DutyScope): ColumnsType<Obligation> {
  return [
    { title: '任务', dataIndex: 'task', width: 80, render: (task: string) => taskLabel(task) },
    {
      title: '职责',
      dataIndex: 'dutyTitle',
      width: 280,
      render: (title: string, o) => (
        <>
          <Link to={`/duties/${o.id}`}>{title}</Link>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.campaignTitle}
          </Typography.Text>
        </>
      ),
    },
    ...(scope === 'review'
      ? [{ title: '报送单位', dataIndex: 'orgName', width: 180 } as const]
      : ([] as ColumnsType<Obligation>)),
    { title: '周期', dataIndex: 'periodLabel', width: 120 },
    { title: '截止时间', dataIndex: 'dueAt', width: 150, render: (v: string) => formatTime(v, DEADLINE) },
    ...(scope === 'review'
      ? [
          {
            title: '报送时间',
            dataIndex: 'submittedAt',
            width: 150,
            render: (v: string | null) => formatTime(v, DEADLINE),
          } as const,
        ]
      : ([] as ColumnsType<Obligation>)),
    {
      title: '状态',
      key: 'state',
      width: 200,
      render: (_, o) => (
        <>
          <ObligationStateTag state={o.state} />
          <LateTags obligation={o} />
        </>
      ),
    },
  ];
}

type Props = { scope: DutyScope; items: Obligation[] | undefined; loading: boolean };

/** Duties as rows: each links to its detail; deadlines in Beijing time; tables scroll on a phone. */
export function DutyTable({ scope, items, loading }: Props) {
  return (
    <Table<Obligation>
      rowKey="id"
      size="middle"
      columns={columnsFor(scope)}
      dataSource={items}
      loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: scope === 'review' ? '没有待审核的报送' : '没有任务' }}
    />
  );
}
