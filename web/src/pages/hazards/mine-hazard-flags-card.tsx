import { Alert, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useMineHazardFlags } from './hazard-api';
import { RecurrenceLinks } from './recurrence-links';

const listUrl = (mineId: string, filters: Record<string, string>) =>
  `/hazards?${new URLSearchParams({ mineId, level: 'major', ...filters }).toString()}`;

/** 矿山页面的隐患情况: open and overdue major hazards, and the 提请关闭 warning after a recurrence. */
export function MineHazardFlagsCard({ mineId }: { mineId: string }) {
  const query = useMineHazardFlags(mineId);
  const flags = query.data;
  const count = (n: number | undefined) => ({
    value: n ?? '…',
    suffix: '项',
    loading: query.isPending,
    valueStyle: { color: (n ?? 0) > 0 ? '#cf1322' : '#389e0d' },
  });

  return (
    <Card title="隐患情况" size="small" style={{ marginTop: 16 }} data-testid="mine-hazard-flags">
      {query.error ? (
        <Typography.Text type="secondary">{query.error.message}</Typography.Text>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {flags?.closureProposal && (
            <Alert
              type="error"
              showIcon
              data-testid="mine-closure-proposal"
              message="提请关闭：该矿山3个月内2次及以上发现重大事故隐患仍然进行生产，应提请有关地方人民政府予以关闭"
              description={
                <List
                  size="small"
                  split={false}
                  dataSource={flags.recurrences}
                  renderItem={(r) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <RecurrenceLinks recurrence={r} />
                    </List.Item>
                  )}
                />
              }
            />
          )}
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Link to={listUrl(mineId, { open: 'true' })} data-testid="mine-open-major">
                <Statistic title="未销号重大事故隐患" {...count(flags?.openMajor)} />
              </Link>
            </Col>
            <Col xs={24} sm={12}>
              <Link to={listUrl(mineId, { overdue: 'true' })} data-testid="mine-overdue-major">
                <Statistic title="逾期未整改重大事故隐患" {...count(flags?.overdue)} />
              </Link>
            </Col>
          </Row>
        </Space>
      )}
    </Card>
  );
}
