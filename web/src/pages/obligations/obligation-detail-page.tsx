import type { ObligationDetail } from '@tiegui/domain';
import { Alert, Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DetailCard, detailPage } from '../../components/detail-page';
import { formatTime } from '../../lib/time';
import { useObligation } from './obligation-api';
import { SubmissionEditor } from './obligation-editor';
import { SubmissionHistory } from './obligation-history';
import { LateTags, ObligationStateTag, taskLabel } from './obligation-labels';
import { ObligationReview } from './obligation-review';

const TIME = 'YYYY-MM-DD HH:mm';

function facts(d: ObligationDetail): { label: string; children: ReactNode }[] {
  const items: { label: string; children: ReactNode }[] = [
    { label: '专项活动', children: <Link to={`/campaigns/${d.campaignId}`}>{d.campaignTitle}</Link> },
    { label: '任务', children: taskLabel(d.task) },
    { label: '周期', children: d.periodLabel },
    { label: '报送单位', children: d.orgName },
    { label: '截止时间', children: formatTime(d.dueAt, TIME) },
    {
      label: '接收单位',
      children:
        d.recipients.length === 0 ? (
          '存档备查'
        ) : (
          <span style={{ display: 'flex', flexDirection: 'column' }} data-testid="duty-recipients">
            {d.recipients.map((r) => (
              <span key={r.id}>{r.name}</span>
            ))}
          </span>
        ),
    },
    { label: '依据', children: d.source },
  ];
  if (d.dutyNote) items.push({ label: '说明', children: d.dutyNote });
  if (d.submittedAt) items.push({ label: '报送时间', children: formatTime(d.submittedAt, TIME) });
  if (d.acceptedAt) items.push({ label: '通过时间', children: formatTime(d.acceptedAt, TIME) });
  return items;
}

function ObligationView({ record: detail }: { record: ObligationDetail }) {
  const returned =
    detail.state === 'returned' ? detail.submissions.find((s) => s.state === 'returned') : null;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailCard
        printTitle={`${detail.orgName} ${detail.dutyTitle}`}
        title={
          <span style={{ whiteSpace: 'normal' }} data-testid="duty-title">
            {detail.dutyTitle}
          </span>
        }
        extra={
          <span data-testid="duty-state">
            <ObligationStateTag state={detail.state} />
            <LateTags obligation={detail} />
          </span>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={facts(detail).map((item, i) => ({ key: String(i), ...item }))}
        />
      </DetailCard>
      {returned && (
        <Alert
          type="warning"
          showIcon
          message={`${returned.reviewerOrgName ?? '接收单位'}退回了第${returned.version}版`}
          description={`退回意见：${returned.reviewComment ?? '—'}`}
          data-testid="duty-returned"
        />
      )}
      {detail.abilities.canEdit && <SubmissionEditor key={`${detail.id}-${detail.state}`} detail={detail} />}
      {detail.actionForms.length > 0 && <ObligationReview detail={detail} />}
      <SubmissionHistory detail={detail} />
    </Space>
  );
}

/** One duty: what is owed to whom by when, the form to fill or the version to review, and its history. */
export const ObligationDetailPage = detailPage(useObligation, '任务不存在或无权查看', ObligationView);
