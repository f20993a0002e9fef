import { PlusOutlined } from '@ant-design/icons';
import type { NoticeSummary } from '@tiegui/domain';
import { Badge, Button, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { type CardFields, ListPage, ListView, useUrlFilters, useWholeList } from '../../components/list-page';
import { formatTime } from '../../lib/time';
import { type NoticeBox, useNoticeItems, useNotices } from './notice-api';
import { DeliveryTag } from './notice-labels';

const titleColumn: ColumnsType<NoticeSummary>[number] = {
  title: '标题',
  dataIndex: 'title',
  width: 360,
  ellipsis: true,
  render: (_, n) => (
    <Link to={`/notices/${n.id}`}>
      {n.parentNoticeId && <Tag color="blue">转发</Tag>}
      {n.title}
    </Link>
  ),
};

const replyDueColumn: ColumnsType<NoticeSummary>[number] = {
  title: '回复期限',
  dataIndex: 'replyDueAt',
  width: 150,
  render: (v: string | null) => formatTime(v, 'YYYY-MM-DD HH:mm'),
};

const inboxColumns: ColumnsType<NoticeSummary> = [
  { title: '文号', dataIndex: 'docNumber', width: 200 },
  titleColumn,
  {
    title: '发文单位',
    dataIndex: 'issuerName',
    width: 220,
    render: (_, n) => [n.issuerName, n.coIssuerName].filter(Boolean).join('、'),
  },
  { title: '成文日期', dataIndex: 'issuedOn', width: 110 },
  replyDueColumn,
  { title: '状态', key: 'state', width: 100, render: (_, n) => <DeliveryTag delivery={n.delivery} /> },
];

const sentColumns: ColumnsType<NoticeSummary> = [
  { title: '文号', dataIndex: 'docNumber', width: 200 },
  titleColumn,
  { title: '成文日期', dataIndex: 'issuedOn', width: 110 },
  replyDueColumn,
  {
    title: '签收',
    key: 'signed',
    width: 120,
    render: (_, n) => (n.stats ? `${n.stats.signed} / ${n.stats.recipients}` : '—'),
  },
  { title: '已转发', key: 'forwarded', width: 90, render: (_, n) => n.stats?.forwarded ?? '—' },
];

const inboxCard: CardFields = {
  title: 'title',
  state: 'state',
  deadline: 'replyDueAt',
  details: ['docNumber', 'issuerName', 'issuedOn'],
};

const sentCard: CardFields = {
  title: 'title',
  state: 'signed',
  deadline: 'replyDueAt',
  details: ['docNumber', 'issuedOn', 'forwarded'],
};

function NoticeList({ box }: { box: NoticeBox }) {
  const list = useWholeList(useNoticeItems(box));
  return (
    <ListView
      list={list}
      columns={box === 'inbox' ? inboxColumns : sentColumns}
      card={box === 'inbox' ? inboxCard : sentCard}
      unit="件"
      emptyText={box === 'inbox' ? '暂无收文' : '暂无发文'}
    />
  );
}

const BOX_FILTER = ['box'] as const;

/** 通知公文: 收文 (unsigned first, with the unsigned count) and 发文. */
export function NoticesPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(BOX_FILTER);
  const issuer = can(me, 'notice.issue');
  const box: NoticeBox = filters.box === 'sent' && issuer ? 'sent' : 'inbox';
  const inbox = useNotices('inbox');
  const unsigned = inbox.data?.unsigned ?? 0;

  return (
    <ListPage
      title="通知公文"
      actions={
        issuer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/notices/new')}>
            发文
          </Button>
        )
      }
    >
      <Tabs
        activeKey={box}
        onChange={(key) => setFilters({ box: key === 'sent' ? 'sent' : undefined })}
        items={[
          {
            key: 'inbox',
            label: (
              <span data-testid="inbox-tab">
                收文 <Badge count={unsigned} size="small" title={`${unsigned}件未签收`} />
              </span>
            ),
            children: (
              <>
                {unsigned > 0 && (
                  <Typography.Paragraph type="secondary">
                    共 {unsigned} 件未签收，请及时签收。
                  </Typography.Paragraph>
                )}
                <NoticeList box="inbox" />
              </>
            ),
          },
          ...(issuer ? [{ key: 'sent', label: '发文', children: <NoticeList box="sent" /> }] : []),
        ]}
      />
    </ListPage>
  );
}
