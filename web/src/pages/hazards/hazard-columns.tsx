import type { Hazard } from '@tiegui/domain';
import { Space, type TableProps, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { CardFields } from '../../components/list-page';
import { formatTime } from '../../lib/time';
import { DEFAULT_HAZARD_SORT, type HazardSort } from './hazard-api';
import { LevelTag, OverdueTag, StateTag, SupervisedTag } from './hazard-labels';

type SortField = 'foundOn' | 'updatedAt';

/** A header that shows and sets the server's order: descending first, never unsorted. */
function sortable(
  field: SortField,
  sort: HazardSort,
): Pick<ColumnType<Hazard>, 'key' | 'sorter' | 'sortOrder' | 'sortDirections'> {
  const order: SortOrder = sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null;
  return { key: field, sorter: true, sortOrder: order, sortDirections: ['descend', 'ascend', 'descend'] };
}

/** The columns after 发现日期, the same in every order. */
const OTHER_COLUMNS: ColumnsType<Hazard> = [
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

/** A hazard on a phone: what and where, its state and 整改时限. */
export const HAZARD_CARD: CardFields = {
  title: 'description',
  state: 'state',
  deadline: 'dueAt',
  details: ['mineName', 'level', 'foundOn', 'location'],
};

/** The register's columns in an order: 更新时间 shows only when it is the order. */
export function hazardColumns(sort: HazardSort): ColumnsType<Hazard> {
  const byUpdate = sort === 'updatedAt' || sort === '-updatedAt';
  return [
    {
      title: '发现日期',
      dataIndex: 'foundOn',
      width: 110,
      fixed: 'left',
      ...sortable('foundOn', sort),
      render: (v: string, h) => <Link to={`/hazards/${h.id}`}>{v}</Link>,
    },
    // Shown only when it is the order, so the order can be read off the rows.
    ...(byUpdate
      ? [
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            width: 170,
            ...sortable('updatedAt', sort),
            render: (v: string) => formatTime(v),
          },
        ]
      : []),
    ...OTHER_COLUMNS,
  ];
}

/** A click on a sortable header, as the order it asks for (descending first, never unsorted). */
export function onSortClick(onSortChange: (sort: HazardSort) => void): TableProps<Hazard>['onChange'] {
  return (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s) return;
    const field = s.columnKey;
    if (field !== 'foundOn' && field !== 'updatedAt') return;
    onSortChange(s.order === 'ascend' ? field : s.order === 'descend' ? `-${field}` : DEFAULT_HAZARD_SORT);
  };
}
