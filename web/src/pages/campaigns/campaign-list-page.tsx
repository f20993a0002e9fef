import { PlusOutlined } from '@ant-design/icons';
import type { Campaign } from '@tiegui/domain';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { type CardFields, ListPage, ListView, useWholeList } from '../../components/list-page';
import { CampaignActions } from './campaign-actions';
import { useCampaigns } from './campaign-api';
import { CampaignCreateModal } from './campaign-create-modal';
import { CampaignStateTag } from './campaign-labels';

const columns: ColumnsType<Campaign> = [
  {
    title: '活动',
    dataIndex: 'title',
    width: 260,
    render: (title: string, c) => <Link to={`/campaigns/${c.id}`}>{title}</Link>,
  },
  { title: '文号', dataIndex: 'documentNumber', width: 170 },
  {
    title: '发文单位',
    key: 'issuers',
    width: 200,
    render: (_, c) => (
      <span style={{ display: 'flex', flexDirection: 'column' }}>
        <span>{c.issuerName}</span>
        {c.coIssuerName && <span>{c.coIssuerName}</span>}
      </span>
    ),
  },
  { title: '状态', dataIndex: 'state', width: 90, render: (_, c) => <CampaignStateTag state={c.state} /> },
  { title: '活动时间', key: 'dates', width: 190, render: (_, c) => `${c.startsOn} 至 ${c.endsOn}` },
  {
    title: '操作',
    key: 'actions',
    width: 170,
    render: (_, c) => <CampaignActions campaign={c} size="small" />,
  },
];

const card: CardFields = {
  title: 'title',
  state: 'state',
  action: 'actions',
  details: ['documentNumber', 'dates'],
};

/** 专项活动: every campaign in scope; a province officer launches one from a plan. */
export function CampaignListPage() {
  const me = useCurrentUser();
  const list = useWholeList(useCampaigns());
  const [creating, setCreating] = useState(false);
  const mayCreate = can(me, 'campaign.manage') && me.org.kind === 'province';

  return (
    <ListPage
      title="专项活动"
      actions={
        mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            发起活动
          </Button>
        )
      }
    >
      <ListView list={list} columns={columns} card={card} unit="项" emptyText="暂无专项活动" />
      {mayCreate && <CampaignCreateModal open={creating} onClose={() => setCreating(false)} />}
    </ListPage>
  );
}
