import { Card, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useDashboard } from './hazard-api';

/** 首页: the open major hazards of my jurisdiction, one click from the 动态清零 board. */
export function OpenMajorCard() {
  const query = useDashboard(undefined);
  return (
    <Card
      title="重大事故隐患动态清零"
      size="small"
      extra={<Link to="/hazards/dashboard">查看看板</Link>}
      data-testid="home-open-major"
    >
      {query.error ? (
        <Typography.Text type="secondary">{(query.error as Error).message}</Typography.Text>
      ) : (
        <Link to="/hazards?level=major&open=true">
          <Statistic
            title="未销号重大事故隐患"
            value={query.data?.openMajor ?? '…'}
            suffix="项"
            loading={query.isPending}
            valueStyle={{ color: (query.data?.openMajor ?? 0) > 0 ? '#cf1322' : '#389e0d' }}
          />
        </Link>
      )}
    </Card>
  );
}
