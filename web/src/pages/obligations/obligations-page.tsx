import { OBLIGATION_STATES, type ObligationState, ZObligationState } from '@tiegui/domain';
import { Badge, Select, Space, Tabs } from 'antd';
import { can, useCurrentUser } from '../../api/me';
import { ListPage, ListView, useUrlFilters, useWholeList } from '../../components/list-page';
import { optionsOf } from '../../lib/labels';
import { isOpen, type ObligationScope, useObligations } from './obligation-api';
import { obligationCard, obligationColumns } from './obligation-columns';

const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...optionsOf(OBLIGATION_STATES)];
const DUTY_FILTERS = ['tab', 'state'] as const;

function ObligationList({ scope, state }: { scope: ObligationScope; state: ObligationState | undefined }) {
  const list = useWholeList(useObligations(scope, { state }));
  return (
    <ListView
      list={list}
      columns={obligationColumns(scope)}
      card={obligationCard(scope)}
      unit="项"
      emptyText={scope === 'review' ? '没有待审核的报送' : '没有任务'}
    />
  );
}

/** 我的任务: what my org owes (待办) and, for reviewers, what waits for my review (待审核). */
export function ObligationsPage() {
  const me = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(DUTY_FILTERS);
  const reviewer = can(me, 'obligation.review');
  const tab: ObligationScope = reviewer && filters.tab === 'review' ? 'review' : 'mine';
  // 待办 alone filters by state; an unknown state in the URL shows every state.
  const state = ZObligationState.safeParse(filters.state).data;
  const mine = useObligations('mine');
  const review = useObligations('review', { enabled: reviewer });
  const open = mine.data?.filter(isOpen).length ?? 0;

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
              onChange={(value) => setFilters({ state: value })}
            />
          </div>
          <ObligationList scope="mine" state={state} />
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
      children: <ObligationList scope="review" state={undefined} />,
    });
  }

  return (
    <ListPage title="我的任务">
      <Tabs
        activeKey={tab}
        items={items}
        onChange={(key) => setFilters(key === 'review' ? { tab: 'review' } : { state })}
      />
    </ListPage>
  );
}
