import { loginPathFor } from '@tiegui/domain';
import { Drawer, Layout, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/me';
import { QueryError } from '../../components/status-results';
import { usePhone } from '../../lib/use-phone';
import { AppHeader } from './app-header';
import { NavMenu } from './nav-menu';

/** The signed-in shell: renders pages only once /api/me has answered. */
export function AppLayout() {
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const compact = usePhone();

  useEffect(() => {
    if (!compact) setDrawerOpen(false);
  }, [compact]);

  if (isPending) {
    return (
      <div style={{ padding: 96, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (isApiError(error, 401) || (!me && !error))
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  if (!me) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (me.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }

  const showMenu = !me.mustChangePassword;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader me={me} compact={compact && showMenu} onOpenMenu={() => setDrawerOpen(true)} />
      <Layout>
        {showMenu && !compact && (
          <Layout.Sider width={200} theme="light">
            <NavMenu me={me} />
          </Layout.Sider>
        )}
        {showMenu && compact && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={240}
            title={me.org.name}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content className="tg-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
