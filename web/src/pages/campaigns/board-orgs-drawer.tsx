import { Drawer } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type CardFields, ListView, useWholeList } from '../../components/list-page';
import { regionText } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { obligationStateColumn } from '../obligations/obligation-labels';
import { type BoardFigure, type BoardOrg, useBoardOrgs } from './campaign-api';

const TIME = 'YYYY-MM-DD HH:mm';

const columns: ColumnsType<BoardOrg> = [
  {
    title: '单位',
    dataIndex: 'orgName',
    width: 220,
    render: (name: string, o) => <Link to={`/duties/${o.obligationId}`}>{name}</Link>,
  },
  { title: '行政区划', dataIndex: 'regionCode', width: 140, render: (v: string | null) => regionText(v) },
  { title: '周期', dataIndex: 'periodLabel', width: 110 },
  { title: '截止时间', dataIndex: 'dueAt', width: 140, render: (v: string) => formatTime(v, TIME) },
  obligationStateColumn(180),
  {
    title: '报送时间',
    dataIndex: 'submittedAt',
    width: 140,
    render: (v: string | null) => formatTime(v, TIME),
  },
];

const CARD: CardFields = {
  title: 'orgName',
  state: 'state',
  deadline: 'dueAt',
  details: ['regionCode', 'periodLabel', 'submittedAt'],
};

type Props = { campaignId: string; figure: BoardFigure | null; label: string; onClose: () => void };

function BoardOrgList({ campaignId, figure }: Pick<Props, 'campaignId' | 'figure'>) {
  const list = useWholeList(useBoardOrgs(campaignId, figure));
  return (
    <ListView
      list={list}
      columns={columns}
      card={CARD}
      rowKey="obligationId"
      unit="个"
      tableTestId="board-orgs"
    />
  );
}

/** The orgs behind one board figure, by the same definition the count uses; each opens its duty. */
export function BoardOrgsDrawer({ campaignId, figure, label, onClose }: Props) {
  return (
    <Drawer
      open={!!figure}
      onClose={onClose}
      title={figure ? `${figure.title} · ${label}` : ''}
      width="min(920px, 100vw)"
      destroyOnHidden
    >
      <BoardOrgList campaignId={campaignId} figure={figure} />
    </Drawer>
  );
}
