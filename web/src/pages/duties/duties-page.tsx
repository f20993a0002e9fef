import { OBLIGATION_STATES, type ObligationState } from '@tiegui/domain';
import { Badge, Card, Select, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { QueryError } from '../../components/status-results';
import { optionsOf } from '../../lib/labels';
import { type DutyScope, isOpen, useDuties } from './duty-api';
import { DutyTable } from './duty-table';

const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...optionsOf(OBLIGATION_STATES)];

function DutyList({ scope, state }: { scope: DutyScope; state: ObligationState | undefined }) {
  const query = useDuties(scope, { state });
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <DutyTable scope={scope} items={query.data} loading={query.isPending} />;
}

/** 我的任务: what my org owes (待办) and, for reviewers, what waits for my review (待审核). */
export function DutiesPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const reviewer = can(me, 'obligation.review');
  const tab: DutyScope = reviewer && params.get('tab') === 'review' ? 'review' : 'mine';
  const stateParam = params.get('state');
  const state = stateParam && stateParam in OBLIGATION_STATES ? (stateParam as ObligationState) : undefined;
  const mine = useDuties('mine');
  const review = useDuties('review', { enabled: reviewer });
  const open = mine.data?.filter(isOpen).length ?? 0;

  const update = (next: { tab?: DutyScope; state?: string }) => {
    const p = new URLSearchParams();
    const t = next.tab ?? tab;
    if (t === 'review') p.set('tab', 'review');
    const s = 'state' in next ? next.state : (state ?? '');
    if (s && t === 'mine') p.set('state', s);
    setParams(p, { replace: true });
  };

  const items = [
    {
      key: 'mine',
      label: (
        <Space size={4}>
          待办
          <Badge count={open} overflowCount={999} />
        </Space>
      ),
      children: (
        <>
          <div className="tg-toolbar">
            <Select
              aria-label="状态"
              style={{ width: 160 }}
              value={state ?? ''}
              options={STATE_OPTIONS}
              onChange={(value) => update({ state: value })}
            />
          </div>
          <DutyList scope="mine" state={state} />
        </>
      ),
    },
  ];
  if (reviewer) {
    items.push({
      key: 'review',
      label: (
        <Space size={4}>
          待审核
          <Badge count={review.data?.length ?? 0} overflowCount={999} />
        </Space>
      ),
      children: <DutyList scope="review" state={undefined} />,
    });
  }

  return (
    <Card title="我的任务">
      <Tabs activeKey={tab} items={items} onChange={(key) => update({ tab: key as DutyScope })} />
    </Card>
  );
}
