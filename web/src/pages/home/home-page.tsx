import { ORG_KINDS, ROLES } from '@tiegui/domain';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Navigate } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { Loading, QueryError } from '../../components/status-results';
import { labelOf } from '../../lib/labels';
import { OpenMajorCard } from '../hazards/open-major-card';
import { MyObligationsCard } from '../obligations/my-obligations-card';
import { useToday } from './today-api';
import {
  BehindSection,
  DutiesSection,
  HazardsSection,
  MineDutiesSection,
  NoticesSection,
  ReviewsSection,
  SupervisionsSection,
} from './today-sections';

/**
 * 今日工作, the landing page: what waits for this person's org and role today, each line a link to
 * the record or its filtered list. The 三员 read no business data and land on their own pages.
 */
export function HomePage() {
  const me = useCurrentUser();
  const business = can(me, 'campaign.read');
  const query = useToday(business);
  if (!business) {
    if (can(me, 'user.manage', 'security.manage', 'account.approve')) return <Navigate to="/users" replace />;
    if (can(me, 'audit.read')) return <Navigate to="/audit" replace />;
  }
  const regulator = ['province', 'division', 'city'].includes(me.org.kind);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          今日工作
        </Typography.Title>
        <Typography.Text type="secondary">
          {me.displayName} · {me.org.name}（{labelOf(ORG_KINDS, me.org.kind)}）{' '}
          {me.roles.map((role) => (
            <Tag key={role} color="blue">
              {ROLES[role]}
            </Tag>
          ))}
        </Typography.Text>
      </Card>
      {business && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <MyObligationsCard />
          </Col>
          {can(me, 'hazard.read') && (
            <Col xs={24} lg={12}>
              <OpenMajorCard />
            </Col>
          )}
        </Row>
      )}
      {business && query.isPending && <Loading />}
      {query.error && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <MineDutiesSection t={query.data} />
          {regulator && <BehindSection t={query.data} />}
          <DutiesSection t={query.data} />
          {can(me, 'obligation.review') && <ReviewsSection t={query.data} />}
          {can(me, 'notice.read') && <NoticesSection t={query.data} />}
          {can(me, 'hazard.read') && <HazardsSection t={query.data} />}
          {can(me, 'hazard.read') && <SupervisionsSection t={query.data} />}
        </>
      )}
    </Space>
  );
}
