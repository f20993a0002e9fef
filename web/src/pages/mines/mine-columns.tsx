import type { Mine } from '@tiegui/domain';
import { MINE_CATEGORIES, MINE_TYPES } from '@tiegui/domain';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { CardFields } from '../../components/list-page';
import { labelOf, regionText } from '../../lib/labels';
import { InactiveTag, MineStatusTag } from './mine-labels';

/** A mine on a phone: its name and 状态, where it is, who supervises and owns it. */
export const MINE_CARD: CardFields = {
  title: 'name',
  state: 'status',
  details: ['regionCode', 'mineType', 'supervisorName', 'groupName'],
};

/** The registry's columns; a mine opens from its name. */
export const MINE_COLUMNS: ColumnsType<Mine> = [
  {
    title: '名称',
    dataIndex: 'name',
    fixed: 'left',
    width: 200,
    render: (_, mine) => (
      <>
        <Link to={`/mines/${mine.id}`}>{mine.name}</Link> <InactiveTag active={mine.active} />
      </>
    ),
  },
  { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
  { title: '行政区划', dataIndex: 'regionCode', width: 140, render: (code: string) => regionText(code) },
  { title: '类别', dataIndex: 'category', width: 120, render: (v: string) => labelOf(MINE_CATEGORIES, v) },
  { title: '类型', dataIndex: 'mineType', width: 140, render: (v: string) => labelOf(MINE_TYPES, v) },
  {
    title: '状态',
    dataIndex: 'status',
    width: 100,
    render: (_, mine) => <MineStatusTag status={mine.status} />,
  },
  { title: '监管部门', dataIndex: 'supervisorName', width: 180 },
  { title: '上级公司', dataIndex: 'groupName', width: 180, render: (v: string | null) => v ?? '—' },
];
