import type { User } from '@tiegui/domain';
import { ROLES } from '@tiegui/domain';
import { Button, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type CardFields, ListTable } from '../../components/list-page';
import { formatTime } from '../../lib/time';

export type UserActions = {
  canManage: boolean;
  canSecure: boolean;
  onEdit: (user: User) => void;
  onToggleActive: (user: User) => Promise<unknown>;
  onUnlock: (user: User) => Promise<unknown>;
  onResetPassword: (user: User) => void;
};

function StateTags({ user }: { user: User }) {
  const tags = [];
  if (!user.active) tags.push(<Tag key="inactive">已停用</Tag>);
  if (user.locked)
    tags.push(
      <Tag key="locked" color="red">
        已锁定
      </Tag>,
    );
  if (user.activationPending)
    tags.push(
      <Tag key="activation" color="blue">
        待激活
      </Tag>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="pwd" color="orange">
        须修改密码
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return <>{tags}</>;
}

function columnsFor(actions: UserActions): ColumnsType<User> {
  const columns: ColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '所属单位', dataIndex: 'orgName', width: 200 },
    {
      title: '角色',
      dataIndex: 'roles',
      width: 220,
      render: (_, user) => user.roles.map((r) => <Tag key={r}>{ROLES[r]}</Tag>),
    },
    { title: '状态', key: 'state', width: 170, render: (_, user) => <StateTags user={user} /> },
    { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => formatTime(v) },
  ];
  if (!actions.canManage && !actions.canSecure) return columns;
  columns.push({
    title: '操作',
    key: 'actions',
    fixed: 'right',
    width: 220,
    render: (_, user) => (
      <Space size={0} wrap>
        {actions.canManage && (
          <Button type="link" size="small" onClick={() => actions.onEdit(user)}>
            编辑
          </Button>
        )}
        {actions.canManage && (
          <Popconfirm
            title={user.active ? `停用 ${user.username}？停用后不能登录。` : `启用 ${user.username}？`}
            okText="确定"
            cancelText="取消"
            onConfirm={() => actions.onToggleActive(user).catch(() => undefined)}
          >
            <Button type="link" size="small" danger={user.active}>
              {user.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        )}
        {actions.canSecure && user.locked && (
          <Popconfirm
            title={`解锁 ${user.username}？`}
            okText="确定"
            cancelText="取消"
            onConfirm={() => actions.onUnlock(user).catch(() => undefined)}
          >
            <Button type="link" size="small">
              解锁
            </Button>
          </Popconfirm>
        )}
        {actions.canSecure && (
          <Button type="link" size="small" onClick={() => actions.onResetPassword(user)}>
            重置密码
          </Button>
        )}
      </Space>
    ),
  });
  return columns;
}

const CARD: CardFields = {
  title: 'displayName',
  state: 'state',
  action: 'actions',
  details: ['username', 'orgName', 'roles', 'lastLoginAt'],
};

type Props = { items: User[]; loading: boolean; actions: UserActions };

export function UserTable({ items, loading, actions }: Props) {
  return (
    <ListTable<User>
      columns={columnsFor(actions)}
      card={CARD}
      items={items}
      loading={loading}
      pageSize={50}
    />
  );
}
