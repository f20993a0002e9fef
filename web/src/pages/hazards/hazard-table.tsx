import type { Hazard } from '@tiegui/domain';
import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatTime } from '../../lib/time';
import { LevelTag, OverdueTag, StateTag, SupervisedTag } from './hazard-labels';

const columns: ColumnsType<Hazard> = [
  {
    title: '发现日期',
    dataIndex: 'foundOn',
    width: 110,
    fixed: 'left',
    render: (v: string, h) => <Link to={`/hazards/${h.id}`}>{v}</Link>,
  },
  { title: '矿山', dataIndex: 'mineName', width: 180 },
  { title: '等级', dataIndex: 'level', width: 70, render: (_, h) => <LevelTag level={h.level} /> },
  {
    title: '类别',
    dataIndex: 'categoryTitle',
    width: 200,
    ellipsis: true,
    render: (v: string | null) => v ?? '—',
  },
  {
    title: '隐患内容',
    dataIndex: 'description',
    width: 280,
    render: (v: string, h) => (
      <Link to={`/hazards/${h.id}`}>
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
          {v}
        </Typography.Text>
      </Link>
    ),
  },
  { title: '地点', dataIndex: 'location', width: 160, ellipsis: true },
  {
    title: '状态',
    dataIndex: 'state',
    width: 150,
    render: (_, h) => (
      <Space size={0} wrap>
        <StateTag state={h.state} />
        <SupervisedTag supervised={h.supervised} />
      </Space>
    ),
  },
  {
    title: '整改时限',
    dataIndex: 'dueAt',
    width: 150,
    render: (_, h) => (
      <Space size={4} wrap>
        {h.plan.timeLimit ?? (h.dueAt ? formatTime(h.dueAt, 'YYYY-MM-DD') : '—')}
        <OverdueTag overdue={h.overdue} />
      </Space>
    ),
  },
];

type Props = { items: Hazard[]; loading: boolean };

export function HazardTable({ items, loading }: Props) {
  return (
    <Table<Hazard>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="hazard-table"
    />
  );
}
