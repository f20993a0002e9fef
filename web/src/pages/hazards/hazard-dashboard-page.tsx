import { ArrowLeftOutlined } from '@ant-design/icons';
import type { HazardDashboard } from '@tiegui/domain';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { lazy, Suspense, useCallback } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/me';
import { RegionCascader } from '../../components/region-cascader';
import { Loading, QueryError } from '../../components/status-results';
import { regionText } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { useDashboard, useRecurrences } from './hazard-api';
import { RecurrenceLinks } from './recurrence-links';

// ECharts is big: the charts load on their own, after the figures.
const MonthlyChart = lazy(() => import('./dashboard-charts').then((m) => ({ default: m.MonthlyChart })));
const CountsChart = lazy(() => import('./dashboard-charts').then((m) => ({ default: m.CountsChart })));

/** '140900' → '1409': the prefix the server groups by. */
const prefixOf = (code: string) => code.replace(/(00)+$/, '') || code;

/** 动态清零: my jurisdiction's figures, drilled down by region through the URL (?regionCode=). */
export function HazardDashboardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const region = params.get('regionCode') ?? undefined;
  const query = useDashboard(region);
  const drill = useCallback(
    (code: string) => {
      const prefix = prefixOf(code);
      if (prefix.length >= 6 || prefix === region) void navigate(`/hazards?regionCode=${prefix}&open=true`);
      else setParams({ regionCode: prefix });
    },
    [navigate, region, setParams],
  );

  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={4}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label="返回"
              onClick={() => void navigate('/hazards')}
            />
            重大事故隐患动态清零
          </Space>
        }
        extra={
          <Typography.Text type="secondary">截至 {formatTime(d.asOf, 'YYYY-MM-DD HH:mm')}</Typography.Text>
        }
        styles={{ header: { flexWrap: 'wrap' } }}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Breadcrumb
            items={[
              { title: region ? <Link to="/hazards/dashboard">本辖区</Link> : '本辖区' },
              ...(region ? [{ title: regionText(region.padEnd(6, '0')) }] : []),
            ]}
          />
          <div style={{ width: 240, maxWidth: '100%' }}>
            <RegionCascader
              mode="filter"
              within={me.org.regionCode}
              value={region}
              placeholder="选择地区"
              onChange={(code) => setParams(code ? { regionCode: code } : {})}
            />
          </div>
        </Space>
        <Figures d={d} />
      </Card>
      <Card title="动态清零曲线（重大事故隐患，按月）" size="small">
        <Suspense fallback={<Loading />}>
          <MonthlyChart months={d.months} />
        </Suspense>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="按地区（点击下钻）" size="small">
            <RegionTable d={d} onPick={drill} />
            <Suspense fallback={null}>
              <CountsChart rows={d.byRegion} label="各地区隐患数" foundLabel={foundIn(d)} onPick={drill} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="按隐患类别" size="small">
            {d.byCategory.length === 0 ? (
              <Empty description="暂无隐患" />
            ) : (
              <Suspense fallback={null}>
                <CountsChart rows={d.byCategory.slice(0, 15)} label="各类别隐患数" foundLabel={foundIn(d)} />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>
      <Recurrences d={d} />
    </Space>
  );
}

function Figures({ d }: { d: HazardDashboard }) {
  const figure = (title: string, value: number | string, testId: string, color?: string, link?: string) => (
    <Col xs={12} sm={8} lg={6} xl={4}>
      {link ? (
        <Link to={link}>
          <Statistic
            title={title}
            value={value}
            valueStyle={color ? { color } : undefined}
            data-testid={testId}
          />
        </Link>
      ) : (
        <Statistic
          title={title}
          value={value}
          valueStyle={color ? { color } : undefined}
          data-testid={testId}
        />
      )}
    </Col>
  );
  const region = d.regionCode ? `&regionCode=${d.regionCode}` : '';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={16} lg={12} xl={8}>
        <Link to={`/hazards?level=major&open=true${region}`}>
          <Statistic
            title="未销号重大事故隐患"
            value={d.openMajor}
            suffix="项"
            valueStyle={{ color: d.openMajor > 0 ? '#cf1322' : '#389e0d', fontSize: 48 }}
            data-testid="dashboard-open-major"
          />
        </Link>
      </Col>
      {figure(
        '未销号一般隐患',
        d.openGeneral,
        'dashboard-open-general',
        undefined,
        `/hazards?level=general&open=true${region}`,
      )}
      {figure(
        '逾期重大隐患',
        d.overdueMajor,
        'dashboard-overdue-major',
        '#cf1322',
        `/hazards?level=major&overdue=true${region}`,
      )}
      {figure(
        '逾期一般隐患',
        d.overdueGeneral,
        'dashboard-overdue-general',
        '#d46b08',
        `/hazards?level=general&overdue=true${region}`,
      )}
      {figure(
        '挂牌督办',
        d.supervised,
        'dashboard-supervised',
        undefined,
        `/hazards?supervised=true&open=true${region}`,
      )}
      {figure('重复发生矿山', d.recurrenceMines, 'dashboard-recurrence', '#d46b08')}
      {figure('平均销号天数', d.avgDaysToClose ?? '—', 'dashboard-avg-days')}
    </Row>
  );
}

/** 未销号 counts every open hazard whenever found; the other figure counts the window's months. */
const foundIn = (d: HazardDashboard) => `近${d.months.length}个月发现`;

function RegionTable({ d, onPick }: { d: HazardDashboard; onPick: (code: string) => void }) {
  return (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={d.byRegion}
      scroll={{ x: 'max-content' }}
      style={{ marginBottom: 12 }}
      columns={[
        {
          title: '地区',
          dataIndex: 'name',
          render: (name: string | null, r) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onPick(r.code)}>
              {name ?? r.code}
            </Button>
          ),
        },
        { title: '未销号', dataIndex: 'open', align: 'right' },
        { title: '逾期', dataIndex: 'overdue', align: 'right' },
        { title: foundIn(d), dataIndex: 'total', align: 'right' },
      ]}
    />
  );
}

function Recurrences({ d }: { d: HazardDashboard }) {
  const query = useRecurrences(d.regionCode, d.months.length);
  return (
    <Card title="重复发生（3个月内2次以上发现重大事故隐患仍生产，提请关闭）" size="small">
      {query.error ? (
        <Alert type="error" showIcon message={query.error.message} />
      ) : (
        <List
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: `近${d.months.length}个月没有重复发生的矿山` }}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <Typography.Text strong>{r.mineName}</Typography.Text>
                <RecurrenceLinks recurrence={r} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
