import { CheckOutlined, PaperClipOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Notice, ORG_KINDS } from '@tiegui/domain';
import { App, Button, Card, Descriptions, List, Popconfirm, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { DetailCard, detailPage } from '../../components/detail-page';
import { formatTime } from '../../lib/time';
import { fileUrl, NOTICES_KEY, noticeKey, useNotice } from './notice-api';
import { DeliveryTag } from './notice-labels';
import { NoticeRollupCard } from './notice-rollup';

const recipientsText = (n: Notice) =>
  n.recipientCounts.map((r) => `${ORG_KINDS[r.kind]}${r.count}个`).join('、') || '—';

function deliveryText(n: Notice) {
  const d = n.delivery;
  if (!d) return null;
  return (
    <Space wrap>
      <DeliveryTag delivery={d} />
      <span>送达 {formatTime(d.deliveredAt, 'YYYY-MM-DD HH:mm')}</span>
      {d.signedAt && (
        <span>
          签收 {formatTime(d.signedAt, 'YYYY-MM-DD HH:mm')}
          {d.signedByName ? `（${d.signedByName}）` : ''}
        </span>
      )}
      {d.forwardedNoticeId && <Link to={`/notices/${d.forwardedNoticeId}`}>查看本单位转发件</Link>}
    </Space>
  );
}

function NoticeView({ record: notice }: { record: Notice }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { canSign, canForward } = notice.abilities;

  // Opening a notice marks it read and its notifications too: the header count follows.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  }, [queryClient]);

  const sign = useMutation({
    mutationFn: (noticeId: string) => api.post<Notice>(`/notices/${noticeId}/sign`),
    onSuccess: (saved) => {
      queryClient.setQueryData(noticeKey(saved.id), saved);
      // Lists and roll-ups (all under NOTICES_KEY) follow.
      void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
      message.success('已签收');
    },
    onError: (err) => message.error(err.message),
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DetailCard
        printTitle={notice.title}
        title={<span data-testid="notice-doc-number">{notice.docNumber}</span>}
        extra={
          <Space wrap>
            {canSign && (
              <Popconfirm
                title="确认本单位签收该通知？"
                okText="签收"
                cancelText="取消"
                onConfirm={() => sign.mutateAsync(notice.id).catch(() => undefined)}
              >
                <Button type="primary" icon={<CheckOutlined />} loading={sign.isPending}>
                  签收
                </Button>
              </Popconfirm>
            )}
            {canForward && (
              <Button
                icon={<ShareAltOutlined />}
                onClick={() => void navigate(`/notices/${notice.id}/forward`)}
              >
                转发
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }} data-testid="notice-title">
          {notice.title}
        </Typography.Title>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={[
            { key: 'doc', label: '文号', children: notice.docNumber },
            {
              key: 'issuer',
              label: '发文单位',
              children: [notice.issuerName, notice.coIssuerName].filter(Boolean).join('、'),
            },
            { key: 'date', label: '成文日期', children: notice.issuedOn },
            {
              key: 'due',
              label: '回复期限',
              children: formatTime(notice.replyDueAt, 'YYYY-MM-DD HH:mm'),
            },
            { key: 'to', label: '主送', children: recipientsText(notice) },
            {
              key: 'campaign',
              label: '关联专项活动',
              children: notice.campaignId ? (
                <Link to={`/campaigns/${notice.campaignId}`}>{notice.campaignTitle}</Link>
              ) : (
                '—'
              ),
            },
            ...(notice.delivery
              ? [{ key: 'mine', label: '本单位', span: 3, children: deliveryText(notice) }]
              : []),
            ...(notice.stats
              ? [
                  {
                    key: 'stats',
                    label: '直接接收单位',
                    span: 3,
                    children: `共${notice.stats.recipients}个，已阅${notice.stats.read}个，已签收${notice.stats.signed}个，已转发${notice.stats.forwarded}个`,
                  },
                ]
              : []),
          ]}
        />
        {notice.chain.length > 0 && (
          <Card size="small" title="原文件（转发链）" style={{ marginTop: 16 }} data-testid="notice-chain">
            <List
              size="small"
              dataSource={notice.chain}
              renderItem={(ref, i) => (
                <List.Item>
                  <Space wrap>
                    <Typography.Text type="secondary">{i === 0 ? '原文' : `第${i}次转发`}</Typography.Text>
                    <Link to={`/notices/${ref.id}`}>
                      {[ref.issuerName, ref.coIssuerName].filter(Boolean).join('、')} {ref.docNumber}《
                      {ref.title}》
                    </Link>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }} data-testid="notice-body">
          {notice.body}
        </Typography.Paragraph>
        {notice.attachments.length > 0 && (
          <List
            size="small"
            header="附件"
            dataSource={notice.attachments}
            renderItem={(file) => (
              <List.Item>
                <a href={fileUrl(file.id)} download={file.name}>
                  <PaperClipOutlined /> {file.name}
                </a>
              </List.Item>
            )}
          />
        )}
      </DetailCard>
      {can(me, 'notice.issue') && <NoticeRollupCard notice={notice} />}
    </Space>
  );
}

/** A notice: its text, attachments, the documents it forwards, 签收/转发 from its abilities, and the roll-up. */
export const NoticeDetailPage = detailPage(useNotice, '通知不存在或无权查看', NoticeView);
