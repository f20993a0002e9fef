import { Drawer, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { QueryError } from '../../components/status-results';
import { regionText } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { LateTags, ObligationStateTag } from '../duties/duty-labels';
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
  {
    title: '状态',
    key: 'state',
    width: 180,
    render: (_, o) => (
      <>
        <ObligationStateTag state={o.state} />
        <LateTags obligation={o} />
      </>
    ),
  },
  {
    title: '报送时间',
    dataIndex: 'submittedAt',
    width: 140,
    render: (v: string | null) => formatTime(v, TIME),
  },
];

type Props = { campaignId: string; figure: BoardFigure | null; label: string; onClose: () => void };

/** The orgs behind one board figure, by the same definition the count uses; each opens its duty. */
export function BoardOrgsDrawer({ campaignId, figure, label, onClose }: Props) {
  const query = useBoardOrgs(campaignId, figure);
  return (
    <Drawer
      open={!!figure}
      onClose={onClose}
      title={figure ? `${figure.title} · ${label}` : ''}
      width="min(920px, 100vw)"
      destroyOnHidden
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<BoardOrg>
          rowKey="obligationId"
          size="small"
          columns={columns}
          dataSource={query.data}
          loading={query.isPending}
          pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          data-testid="board-orgs"
        />
      )}
    </Drawer>
  );
}
