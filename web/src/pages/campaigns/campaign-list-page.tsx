import { PlusOutlined } from '@ant-design/icons';
import type { Campaign } from '@tiegui/domain';
import { Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { QueryError } from '../../components/status-results';
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

/** 专项活动: every campaign in scope; a province officer launches one from a plan. */
export function CampaignListPage() {
  const me = useCurrentUser();
  const query = useCampaigns();
  const [creating, setCreating] = useState(false);
  const mayCreate = can(me, 'campaign.manage') && me.org.kind === 'province';

  return (
    <Card
      title="专项活动"
      extra={
        mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            发起活动
          </Button>
        )
      }
    >
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Campaign>
          rowKey="id"
          columns={columns}
          dataSource={query.data}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无专项活动' }}
        />
      )}
      {mayCreate && <CampaignCreateModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
