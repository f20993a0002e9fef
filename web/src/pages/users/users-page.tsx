import { ACCOUNT_CHANGE_BOXES } from '@tiegui/domain';
import { Card, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { QueryError } from '../../components/status-results';
import { AdminWork } from '../home/admin-work';
import { type AccountChangeBox, useAccountChanges } from './account-change-api';
import { AccountChangeTable } from './account-change-table';
import { UserListTab } from './user-list-tab';

const EMPTY: Record<AccountChangeBox, string> = {
  pending: '没有待您审批的账号变更申请',
  mine: '您还没有提交过账号变更申请',
  all: '没有账号变更申请',
};

function RequestsTab({ box }: { box: AccountChangeBox }) {
  const list = useAccountChanges(box, true);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return <AccountChangeTable items={list.data?.items ?? []} loading={list.isFetching} empty={EMPTY[box]} />;
}

/**
 * 用户管理: the users (system and security administrators), the requests waiting for this
 * administrator's approval (待审批), and the system administrator's own requests (我的申请). The
 * tab is in the URL, so a notification can open the right one. The administrators' first page:
 * their work for today (`AdminWork`) above.
 */
export function UsersPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const pending = useAccountChanges('pending', can(me, 'account.approve'));
  const tabs = [
    ...(can(me, 'user.manage', 'security.manage')
      ? [{ key: 'users', label: '用户', children: <UserListTab /> }]
      : []),
    ...(can(me, 'account.approve')
      ? [
          {
            key: 'pending',
            label: `${ACCOUNT_CHANGE_BOXES.pending}${pending.data?.items.length ? `（${pending.data.items.length}）` : ''}`,
            children: <RequestsTab box="pending" />,
          },
        ]
      : []),
    ...(can(me, 'user.manage')
      ? [{ key: 'mine', label: ACCOUNT_CHANGE_BOXES.mine, children: <RequestsTab box="mine" /> }]
      : []),
  ];
  const asked = params.get('tab');
  const active = tabs.some((t) => t.key === asked) ? asked : tabs[0]?.key;

  // The 三员 land here: their work for today comes first.
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <AdminWork />
      <Card title="用户管理">
        <Tabs
          activeKey={active ?? undefined}
          items={tabs}
          destroyOnHidden
          onChange={(tab) => setParams({ tab }, { replace: true })}
        />
      </Card>
    </Space>
  );
}
