import type { Campaign } from '@tiegui/domain';
import { Descriptions, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { DetailCard, detailPage } from '../../components/detail-page';
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

function CampaignView({ record: campaign }: { record: Campaign }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (campaign.state === 'draft' ? 'plan' : 'board');

  return (
    <DetailCard
      title={
        <>
          <span style={{ whiteSpace: 'normal' }}>{campaign.title}</span>
          <CampaignStateTag state={campaign.state} />
        </>
      }
      extra={<CampaignActions campaign={campaign} />}
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
    </DetailCard>
  );
}

/** One campaign: its header and state, the plan it runs, and the progress board of my jurisdiction. */
export const CampaignDetailPage = detailPage(useCampaign, '活动不存在或无权查看', CampaignView);
