import { OBLIGATION_STATES, type ObligationState, ZObligationState } from '@tiegui/domain';
import { Badge, Checkbox, Select, Space, Tabs } from 'antd';
import { can, useCurrentUser } from '../../api/me';
import { ListPage, ListView, useUrlFilters, useWholeList } from '../../components/list-page';
import { optionsOf } from '../../lib/labels';
import { isOpen, type ObligationScope, useObligations } from './obligation-api';
import { obligationCard, obligationColumns } from './obligation-columns';

const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...optionsOf(OBLIGATION_STATES)];
const DUTY_FILTERS = ['tab', 'state', 'overdue'] as const;

const EMPTY: Record<ObligationScope, string> = {
  mine: '没有任务',
  review: '没有待审核的报送',
  mines: '所属矿山没有任务',
};

function ObligationList(props: {
  scope: ObligationScope;
  state: ObligationState | undefined;
  overdue: boolean;
}) {
  const { scope, state, overdue } = props;
  const list = useWholeList(useObligations(scope, { state, overdue }));
  return (
    <ListView
      list={list}
      // A group's view of its mines names the mine and when it reported, as a reviewer's list does.
      columns={obligationColumns(scope === 'mines' ? 'review' : scope)}
      card={obligationCard(scope === 'mines' ? 'review' : scope)}
      unit="项"
      emptyText={overdue ? `${EMPTY[scope]}逾期` : EMPTY[scope]}
    />
  );
}

/**
 * 我的任务: what my org owes (待办), for reviewers what waits for my review (待审核), and for a
 * group what its mines owe (所属矿山任务). The state and 只看逾期 filters are kept in the URL.
 */
export function ObligationsPage() {
  const me = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(DUTY_FILTERS);
  const reviewer = can(me, 'obligation.review');
  const group = me.org.kind === 'group';
  const tab: ObligationScope =
    reviewer && filters.tab === 'review' ? 'review' : group && filters.tab === 'mines' ? 'mines' : 'mine';
  // An unknown state in the URL shows every state.
  const state = ZObligationState.safeParse(filters.state).data;
  const overdue = filters.overdue === 'true';
  const mine = useObligations('mine');
  const review = useObligations('review', { enabled: reviewer });
  const mines = useObligations('mines', { enabled: group });
  const open = mine.data?.filter(isOpen).length ?? 0;

  const toolbar = (scope: ObligationScope) => (
    <>
      <div className="tg-toolbar">
        <Select
          aria-label="状态"
          style={{ width: 160 }}
          value={state ?? ''}
          options={STATE_OPTIONS}
          onChange={(value) => setFilters({ tab: filters.tab, state: value, overdue: filters.overdue })}
        />
        <Checkbox
          checked={overdue}
          onChange={(e) =>
            setFilters({ tab: filters.tab, state, overdue: e.target.checked ? 'true' : undefined })
          }
        >
          只看逾期
        </Checkbox>
      </div>
      <ObligationList scope={scope} state={state} overdue={overdue} />
    </>
  );
  const label = (text: string, count: number) => (
    <Space size={4}>
      {text}
      <Badge count={count} overflowCount={999} />
    </Space>
  );

  const items = [{ key: 'mine', label: label('待办', open), children: toolbar('mine') }];
  if (reviewer) {
    items.push({
      key: 'review',
      label: label('待审核', review.data?.length ?? 0),
      children: <ObligationList scope="review" state={undefined} overdue={false} />,
    });
  }
  if (group) {
    items.push({
      key: 'mines',
      label: label('所属矿山任务', mines.data?.filter(isOpen).length ?? 0),
      children: toolbar('mines'),
    });
  }

  return (
    <ListPage title="我的任务">
      <Tabs
        activeKey={tab}
        items={items}
        onChange={(key) => setFilters(key === 'mine' ? { state } : { tab: key })}
      />
    </ListPage>
  );
}
