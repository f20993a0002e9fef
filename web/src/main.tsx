import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { loginPathFor } from '@tiegui/domain';
import { App as AntApp, ConfigProvider } from 'antd';
// Under Vite 8 the `antd/locale/zh_CN` entry silently leaves antd in English; the es build works.
import zhCN from 'antd/es/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isApiError, setAuthHandlers } from './api/client';
import { ME_KEY } from './api/me';
import './lib/antd-react19';
import { applyCspNonce } from './lib/csp';
import './lib/time';
import { router } from './router';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network blip might.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

setAuthHandlers({
  unauthenticated: () => {
    const { pathname, search, hash } = router.state.location;
    if (pathname === '/login') return;
    queryClient.clear();
    void router.navigate(loginPathFor(`${pathname}${search}${hash}`), { replace: true });
  },
  passwordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    if (router.state.location.pathname !== '/change-password') {
      void router.navigate('/change-password', { replace: true });
    }
  },
});

const nonce = applyCspNonce();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      csp={nonce ? { nonce } : undefined}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f4e8c', borderRadius: 4 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
