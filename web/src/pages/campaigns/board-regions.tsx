import { type BoardRegion, regionName } from '@tiegui/domain';
import { Breadcrumb, Card, Progress, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/status-results';
import { useBoardRegions } from './campaign-api';

const percent = (rate: number) => Math.round(rate * 1000) / 10;

/** '140923' → ['140000', '140900']: the regions above a code, for the way back up. */
function above(code: string): string[] {
  const out: string[] = [];
  if (!code.endsWith('0000')) out.push(`${code.slice(0, 2)}0000`);
  if (!code.endsWith('00')) out.push(`${code.slice(0, 4)}00`);
  return out;
}

/**
 * 地区排名: the cities (or a city's counties) below the region looked at, lowest completion first;
 * a region's name drills down into it (kept in the URL, `region`), the path above leads back up.
 */
export function BoardRegions({ campaignId, ownRegion }: { campaignId: string; ownRegion: string | null }) {
  const [params] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const query = useBoardRegions(campaignId, region);
  // Each step is a link: the drill-down stays in the URL, and 返回 walks back up.
  const hrefOf = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code && code !== ownRegion) next.set('region', code);
    else next.delete('region');
    return `?${next.toString()}`;
  };
  const own = ownRegion?.replace(/(00)+$/, '') ?? '';
  // The regions between the user's own and the one looked at.
  const path = region ? [...above(region).filter((c) => c !== ownRegion && c.startsWith(own)), region] : [];
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  // A county's board has no region below it: the levels' table says it all.
  if (!region && query.isSuccess && items.length === 0) return null;
  return (
    <Card
      size="small"
      title="地区排名（按完成率由低到高，逾期多者在前）"
      data-testid="board-regions"
      extra={
        path.length > 0 && (
          <Breadcrumb
            items={[
              { title: <Link to={hrefOf(null)}>本辖区</Link> },
              ...path.map((code) => ({
                title: code === region ? regionName(code) : <Link to={hrefOf(code)}>{regionName(code)}</Link>,
              })),
            ]}
          />
        )
      }
    >
      <Table<BoardRegion>
        rowKey="code"
        size="small"
        loading={query.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '该地区没有下级地区的任务' }}
        columns={[
          { title: '排名', key: 'rank', width: 60, render: (_, __, i) => i + 1 },
          {
            title: '地区',
            dataIndex: 'name',
            width: 120,
            render: (name: string, r) =>
              r.code.endsWith('00') ? <Link to={hrefOf(r.code)}>{name}</Link> : name,
          },
          {
            title: '完成率',
            dataIndex: 'rate',
            width: 180,
            render: (rate: number) => <Progress percent={percent(rate)} size="small" status="normal" />,
          },
          { title: '已到期', dataIndex: 'due', width: 80, align: 'right' },
          { title: '已报送', dataIndex: 'done', width: 80, align: 'right' },
          {
            title: '逾期未报',
            dataIndex: 'overdue',
            width: 90,
            align: 'right',
            render: (n: number) => (
              <Typography.Text type={n > 0 ? 'danger' : 'secondary'}>{n}</Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
