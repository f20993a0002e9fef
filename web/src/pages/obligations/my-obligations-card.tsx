import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { isOpen, useObligations } from './obligation-api';

/** The home page's 我的任务 card: what is overdue, what is still to do, what waits for my review. */
export function MyObligationsCard() {
  const me = useCurrentUser();
  const reviewer = can(me, 'obligation.review');
  const mine = useObligations('mine');
  const review = useObligations('review', { enabled: reviewer });
  const open = mine.data?.filter(isOpen) ?? [];
  const overdue = open.filter((o) => o.overdue).length;

  return (
    <Card
      title="我的任务"
      size="small"
      extra={<Link to="/duties">查看全部</Link>}
      data-testid="my-duties-card"
    >
      <Row gutter={16}>
        <Col span={reviewer ? 8 : 12}>
          <Link to="/duties?overdue=true" data-testid="home-overdue-duties">
            <Statistic
              title="逾期未报"
              value={overdue}
              loading={mine.isPending}
              valueStyle={{ color: overdue ? '#cf1322' : undefined }}
            />
          </Link>
        </Col>
        <Col span={reviewer ? 8 : 12}>
          <Link to="/duties">
            <Statistic title="待报送" value={open.length} loading={mine.isPending} />
          </Link>
        </Col>
        {reviewer && (
          <Col span={8}>
            <Link to="/duties?tab=review">
              <Statistic title="待审核" value={review.data?.length ?? 0} loading={review.isPending} />
            </Link>
          </Col>
        )}
      </Row>
    </Card>
  );
}
