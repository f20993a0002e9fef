import { PlusOutlined } from '@ant-design/icons';
import { INVESTIGATION_MONTH, type InvestigationListQuery } from '@tiegui/domain';
import { Button, Card, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/me';
import { QueryError } from '../../components/status-results';
import { currentMonth, useInvestigations } from './hazard-api';
import { InvestigationCoverage } from './investigation-coverage';
import { InvestigationTable } from './investigation-table';
import { MinePicker } from './mine-picker';

/**
 * 主要负责人月度重大事故隐患排查: a mine records each month's investigation and sees its past months;
 * a regulator reads the records of the mines in its scope and which have not recorded the month.
 * Filters (month, mine) live in the URL.
 */
export function InvestigationListPage() {
  const me = useCurrentUser();
  const ownMine = me.org.kind === 'mine';
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = useMemo<InvestigationListQuery>(() => {
    const month = params.get('month') ?? '';
    return {
      month: INVESTIGATION_MONTH.test(month) ? month : undefined,
      mineId: (!ownMine && params.get('mineId')) || undefined,
    };
  }, [params, ownMine]);
  const list = useInvestigations(filter);
  const month = filter.month ?? currentMonth();
  const canRecord = list.data?.canRecord ?? false;
  const recordHref = canRecord ? `/hazards/investigations/new?month=${month}` : null;

  const setFilter = (next: InvestigationListQuery) => {
    const p = new URLSearchParams();
    if (next.month) p.set('month', next.month);
    if (next.mineId) p.set('mineId', next.mineId);
    setParams(p, { replace: true });
  };

  return (
    <Card title="主要负责人月度重大事故隐患排查">
      <div className="tg-toolbar">
        <Space wrap>
          {canRecord && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/hazards/investigations/new')}
            >
              记录月度排查
            </Button>
          )}
          <DatePicker
            id="filterMonth"
            picker="month"
            placeholder="全部月份"
            aria-label="月份"
            value={filter.month ? dayjs(`${filter.month}-01`) : null}
            onChange={(d) => setFilter({ ...filter, month: d ? d.format('YYYY-MM') : undefined })}
          />
          {!ownMine && (
            // A grid stretches the picker to the box's width.
            <div style={{ width: 240, display: 'grid' }}>
              <MinePicker
                id="filterMineId"
                value={filter.mineId}
                onChange={(mineId) => setFilter({ ...filter, mineId })}
                onPick={() => undefined}
              />
            </div>
          )}
          {(filter.month || filter.mineId) && <Button onClick={() => setFilter({})}>重置</Button>}
        </Space>
      </div>
      <div style={{ marginBottom: 12 }}>
        <InvestigationCoverage
          month={month}
          mineId={filter.mineId}
          ownMine={ownMine}
          recordHref={recordHref}
        />
      </div>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <InvestigationTable items={list.data?.items ?? []} loading={list.isPending} />
      )}
    </Card>
  );
}
