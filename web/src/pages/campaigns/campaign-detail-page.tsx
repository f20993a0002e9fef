import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Campaign } from '@tiegui/domain';
import { Button, Card, Descriptions, Space, Tabs } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Loading, QueryError } from '../../components/status-results';
import { formatTime } from '../../lib/time';
import { BoardTab } from './board-tab';
import { CampaignActions } from './campaign-actions';
import { useCampaign } from './campaign-api';
import { CampaignStateTag } from './campaign-labels';
import { PlanTab } from './plan-tab';

function facts(c: Campaign) {
  return [
    { key: 'no', label: '文号', children: c.documentNumber || '—' },
    {
      key: 'issuer',
      label: '发文单位',
      children: c.coIssuerName ? `${c.issuerName}、${c.coIssuerName}` : c.issuerName,
    },
    { key: 'dates', label: '活动时间', children: `${c.startsOn} 至 ${c.endsOn}` },
    { key: 'activated', label: '启动时间', children: formatTime(c.activatedAt, 'YYYY-MM-DD HH:mm') },
    ...(c.closedAt
      ? [{ key: 'closed', label: '结束时间', children: formatTime(c.closedAt, 'YYYY-MM-DD HH:mm') }]
      : []),
  ];
}

/** One campaign: its header and state, the plan it runs, and the progress board of my jurisdiction. */
export function CampaignDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useCampaign(id);

  if (query.isPending) return <Loading />;
  if (query.error) {
    return (
      <QueryError
        error={query.error}
        notFoundTitle="活动不存在或无权查看"
        onRetry={() => void query.refetch()}
      />
    );
  }
  const campaign = query.data;
  const tab = params.get('tab') ?? (campaign.state === 'draft' ? 'plan' : 'board');

  return (
    <Card
      title={
        <Space wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label="返回"
            onClick={() => void navigate(-1)}
          />
          <span style={{ whiteSpace: 'normal' }}>{campaign.title}</span>
          <CampaignStateTag state={campaign.state} />
        </Space>
      }
      extra={<CampaignActions campaign={campaign} />}
      styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} items={facts(campaign)} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'plan', label: '方案', children: <PlanTab planId={campaign.planId} /> },
          { key: 'board', label: '进度看板', children: <BoardTab campaign={campaign} /> },
        ]}
      />
    </Card>
  );
}
