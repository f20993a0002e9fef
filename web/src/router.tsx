import type { Permission } from '@tiegui/domain';
import { type LazyExoticComponent, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequirePermission } from './components/require-permission';
import { NotFoundPage, PageError, PageLoading } from './components/status-results';

type Page = LazyExoticComponent<() => ReactNode>;

/**
 * A page whose code is its own chunk, fetched the first time the page is opened: the login page
 * and the signed-in shell download only what they render.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K): Page {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const LoginPage = lazyPage(() => import('./pages/login/login-page'), 'LoginPage');
const ActivatePage = lazyPage(() => import('./pages/activate/activate-page'), 'ActivatePage');
const AppLayout = lazyPage(() => import('./pages/layout/app-layout'), 'AppLayout');
const HomePage = lazyPage(() => import('./pages/home/home-page'), 'HomePage');
const OrgsPage = lazyPage(() => import('./pages/orgs/orgs-page'), 'OrgsPage');
const MineListPage = lazyPage(() => import('./pages/mines/mine-list-page'), 'MineListPage');
const MineFormPage = lazyPage(() => import('./pages/mines/mine-form-page'), 'MineFormPage');
const MineDetailPage = lazyPage(() => import('./pages/mines/mine-detail-page'), 'MineDetailPage');
const CampaignListPage = lazyPage(() => import('./pages/campaigns/campaign-list-page'), 'CampaignListPage');
const CampaignDetailPage = lazyPage(
  () => import('./pages/campaigns/campaign-detail-page'),
  'CampaignDetailPage',
);
const ObligationsPage = lazyPage(() => import('./pages/obligations/obligations-page'), 'ObligationsPage');
const ObligationDetailPage = lazyPage(
  () => import('./pages/obligations/obligation-detail-page'),
  'ObligationDetailPage',
);
const NoticesPage = lazyPage(() => import('./pages/notices/notices-page'), 'NoticesPage');
const NoticeFormPage = lazyPage(() => import('./pages/notices/notice-form-page'), 'NoticeFormPage');
const NoticeDetailPage = lazyPage(() => import('./pages/notices/notice-detail-page'), 'NoticeDetailPage');
const HazardListPage = lazyPage(() => import('./pages/hazards/hazard-list-page'), 'HazardListPage');
const HazardFormPage = lazyPage(() => import('./pages/hazards/hazard-form-page'), 'HazardFormPage');
const HazardDashboardPage = lazyPage(
  () => import('./pages/hazards/hazard-dashboard-page'),
  'HazardDashboardPage',
);
const InvestigationListPage = lazyPage(
  () => import('./pages/hazards/investigation-list-page'),
  'InvestigationListPage',
);
const InvestigationFormPage = lazyPage(
  () => import('./pages/hazards/investigation-form-page'),
  'InvestigationFormPage',
);
const CatalogPage = lazyPage(() => import('./pages/hazards/catalog-page'), 'CatalogPage');
const HazardDetailPage = lazyPage(() => import('./pages/hazards/hazard-detail-page'), 'HazardDetailPage');
const UsersPage = lazyPage(() => import('./pages/users/users-page'), 'UsersPage');
const AuditPage = lazyPage(() => import('./pages/audit/audit-page'), 'AuditPage');
const ChangePasswordPage = lazyPage(
  () => import('./pages/password/change-password-page'),
  'ChangePasswordPage',
);

const page = (Page: Page): ReactNode => (
  <Suspense fallback={<PageLoading />}>
    <Page />
  </Suspense>
);
// The permission is checked before the page's chunk is asked for: a page the user may not open is never fetched.
const guard = (any: Permission[], Page: Page) => (
  <RequirePermission any={any}>{page(Page)}</RequirePermission>
);

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage), errorElement: <PageError /> },
  { path: '/activate', element: page(ActivatePage), errorElement: <PageError /> },
  {
    path: '/',
    element: page(AppLayout),
    // The shell itself failing (its chunk, /api/me) shows the card alone.
    errorElement: <PageError />,
    children: [
      {
        // A page failing shows the card inside the shell: the menu stays usable.
        errorElement: <PageError />,
        children: [
          { index: true, element: page(HomePage) },
          { path: 'orgs', element: guard(['org.read'], OrgsPage) },
          { path: 'mines', element: guard(['mine.read'], MineListPage) },
          { path: 'mines/new', element: guard(['mine.create'], MineFormPage) },
          { path: 'mines/:id', element: guard(['mine.read'], MineDetailPage) },
          { path: 'mines/:id/edit', element: guard(['mine.update'], MineFormPage) },
          { path: 'campaigns', element: guard(['campaign.read'], CampaignListPage) },
          { path: 'campaigns/:id', element: guard(['campaign.read'], CampaignDetailPage) },
          { path: 'duties', element: guard(['campaign.read'], ObligationsPage) },
          { path: 'duties/:id', element: guard(['campaign.read'], ObligationDetailPage) },
          { path: 'notices', element: guard(['notice.read'], NoticesPage) },
          { path: 'notices/new', element: guard(['notice.issue'], NoticeFormPage) },
          { path: 'notices/:id', element: guard(['notice.read'], NoticeDetailPage) },
          { path: 'notices/:id/forward', element: guard(['notice.issue'], NoticeFormPage) },
          { path: 'hazards', element: guard(['hazard.read'], HazardListPage) },
          { path: 'hazards/new', element: guard(['hazard.report'], HazardFormPage) },
          { path: 'hazards/dashboard', element: guard(['hazard.read'], HazardDashboardPage) },
          { path: 'hazards/investigations', element: guard(['hazard.read'], InvestigationListPage) },
          { path: 'hazards/investigations/new', element: guard(['hazard.rectify'], InvestigationFormPage) },
          { path: 'hazards/catalogs', element: guard(['hazard.read'], CatalogPage) },
          { path: 'hazards/:id', element: guard(['hazard.read'], HazardDetailPage) },
          { path: 'users', element: guard(['user.manage', 'security.manage', 'account.approve'], UsersPage) },
          { path: 'audit', element: guard(['audit.read'], AuditPage) },
          { path: 'change-password', element: page(ChangePasswordPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
