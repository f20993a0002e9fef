import type { ObligationDetail, Submission } from '@tiegui/domain';
import { Card, Collapse, Descriptions, Empty, Space, Typography } from 'antd';
import { FormView } from '../../components/form-renderer';
import { formatTime } from '../../lib/time';
import { SubmissionStateTag } from './obligation-labels';

const TIME = 'YYYY-MM-DD HH:mm';

function versionFacts(s: Submission) {
  const facts = [
    { key: 'by', label: '报送人', children: s.submittedBy ?? '—' },
    { key: 'at', label: '报送时间', children: formatTime(s.submittedAt ?? null, TIME) },
  ];
  if (s.state === 'draft')
    facts[1] = { key: 'at', label: '保存时间', children: formatTime(s.updatedAt, TIME) };
  if (s.reviewedAt || s.reviewerOrgName) {
    facts.push(
      { key: 'org', label: '审核单位', children: s.reviewerOrgName ?? '—' },
      { key: 'reviewer', label: '审核人', children: s.reviewedBy ?? '—' },
      { key: 'rat', label: '审核时间', children: formatTime(s.reviewedAt, TIME) },
      { key: 'comment', label: '审核意见', children: s.reviewComment ?? '—' },
    );
  }
  return facts;
}

/** "忻州市应急管理局 赵市局 " before a review comment: the org and person who wrote it. */
const reviewerOf = (s: Submission) =>
  [s.reviewerOrgName, s.reviewedBy]
    .filter(Boolean)
    .map((x) => `${x} `)
    .join('');

/** Every version, newest first: who sent it when, who reviewed it and what they said, what it held. */
export function SubmissionHistory({ detail }: { detail: ObligationDetail }) {
  const versions = detail.submissions;
  return (
    <Card title="报送记录" size="small">
      {versions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未报送" />
      ) : (
        <Collapse
          data-testid="duty-history"
          items={versions.map((s) => ({
            key: s.id,
            label: (
              <Space wrap size={4}>
                <Typography.Text strong>第{s.version}版</Typography.Text>
                <SubmissionStateTag state={s.state} />
                <Typography.Text type="secondary">
                  {s.state === 'draft'
                    ? `保存于 ${formatTime(s.updatedAt, TIME)}`
                    : `${s.submittedBy ?? ''} 报送于 ${formatTime(s.submittedAt, TIME)}`}
                </Typography.Text>
                {s.reviewComment && (
                  // The comment is the reviewer's, not the submitter's: the line names who wrote it.
                  <Typography.Text type="secondary" data-testid="duty-review-comment">
                    {reviewerOf(s)}审核意见：{s.reviewComment}
                  </Typography.Text>
                )}
              </Space>
            ),
            children: (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={versionFacts(s)} />
                <FormView definition={detail.form} values={s.values} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
