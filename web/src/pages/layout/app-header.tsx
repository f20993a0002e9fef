import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@tiegui/domain';
import { App, Button, Layout, Popconfirm } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { GlobalSearch } from '../../components/global-search';
import { NotificationBell } from '../../components/notification-bell';

type Props = { me: Me; compact: boolean; onOpenMenu: () => void };

export function AppHeader({ me, compact, onOpenMenu }: Props) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: (_data, error) => {
      if (error) message.warning('退出时服务器未响应，本地已退出');
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });

  return (
    <Layout.Header className="tg-header">
      {compact && (
        <Button
          type="text"
          icon={<MenuOutlined />}
          aria-label="打开菜单"
          onClick={onOpenMenu}
          style={{ color: '#fff' }}
        />
      )}
      <Link to="/" className="tg-brand">
        铁规
      </Link>
      <span className="tg-header-org" title={me.org.name}>
        {me.org.name}
      </span>
      {compact && <span style={{ flex: 1 }} />}
      {!me.mustChangePassword && <GlobalSearch compact={compact} />}
      <NotificationBell />
      <span className="tg-header-user">
        <UserOutlined />
        <span data-testid="current-user">{me.displayName}</span>
      </span>
      <Link to="/change-password">
        <Button
          type="text"
          size="small"
          icon={compact ? undefined : <KeyOutlined />}
          style={{ color: '#fff' }}
        >
          修改密码
        </Button>
      </Link>
      <Popconfirm
        title="退出登录"
        description="将同时结束您在其他电脑、手机上的登录。"
        okText="退出"
        cancelText="取消"
        placement="bottomRight"
        onConfirm={() => logout.mutate()}
      >
        <Button
          type="text"
          size="small"
          icon={compact ? undefined : <LogoutOutlined />}
          loading={logout.isPending}
          style={{ color: '#fff' }}
        >
          退出
        </Button>
      </Popconfirm>
    </Layout.Header>
  );
}
