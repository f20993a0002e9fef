import type { Permission } from '@tiegui/domain';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequirePermission } from './components/require-permission';
import { NotFoundPage } from './components/status-results';
import { AuditPage } from './pages/audit/audit-page';
import { CampaignDetailPage } from './pages/campaigns/campaign-detail-page';
import { CampaignListPage } from './pages/campaigns/campaign-list-page';
import { DutiesPage } from './pages/duties/duties-page';
import { DutyDetailPage } from './pages/duties/duty-detail-page';
import { CatalogPage } from './pages/hazards/catalog-page';
import { HazardDashboardPage } from './pages/hazards/hazard-dashboard-page';
import { HazardDetailPage } from './pages/hazards/hazard-detail-page';
import { HazardFormPage } from './pages/hazards/hazard-form-page';
import { HazardListPage } from './pages/hazards/hazard-list-page';
import { InvestigationFormPage } from './pages/hazards/investigation-form-page';
import { InvestigationListPage } from './pages/hazards/investigation-list-page';
import { HomePage } from './pages/home/home-page';
import { AppLayout } from './pages/layout/app-layout';
import { LoginPage } from './pages/login/login-page';
import { MineDetailPage } from './pages/mines/mine-detail-page';
import { MineFormPage } from './pages/mines/mine-form-page';
import { MineListPage } from './pages/mines/mine-list-page';
import { NoticeDetailPage } from './pages/notices/notice-detail-page';
import { NoticeFormPage } from './pages/notices/notice-form-page';
import { NoticesPage } from './pages/notices/notices-page';
import { OrgsPage } from './pages/orgs/orgs-page';
import { ChangePasswordPage } from './pages/password/change-password-page';
import { UsersPage } from './pages/users/users-page';

const guard = (any: Permission[], page: ReactNode) => <RequirePermission any={any}>{page}</RequirePermission>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'orgs', element: guard(['org.read'], <OrgsPage />) },
      { path: 'mines', element: guard(['mine.read'], <MineListPage />) },
      { path: 'mines/new', element: guard(['mine.create'], <MineFormPage />) },
      { path: 'mines/:id', element: guard(['mine.read'], <MineDetailPage />) },
      { path: 'mines/:id/edit', element: guard(['mine.update'], <MineFormPage />) },
      { path: 'campaigns', element: guard(['campaign.read'], <CampaignListPage />) },
      { path: 'campaigns/:id', element: guard(['campaign.read'], <CampaignDetailPage />) },
      { path: 'duties', element: guard(['campaign.read'], <DutiesPage />) },
      { path: 'duties/:id', element: guard(['campaign.read'], <DutyDetailPage />) },
      { path: 'notices', element: guard(['notice.read'], <NoticesPage />) },
      { path: 'notices/new', element: guard(['notice.issue'], <NoticeFormPage />) },
      { path: 'notices/:id', element: guard(['notice.read'], <NoticeDetailPage />) },
      { path: 'notices/:id/forward', element: guard(['notice.issue'], <NoticeFormPage />) },
      { path: 'hazards', element: guard(['hazard.read'], <HazardListPage />) },
      { path: 'hazards/new', element: guard(['hazard.report'], <HazardFormPage />) },
      { path: 'hazards/dashboard', element: guard(['hazard.read'], <HazardDashboardPage />) },
      { path: 'hazards/investigations', element: guard(['hazard.read'], <InvestigationListPage />) },
      { path: 'hazards/investigations/new', element: guard(['hazard.rectify'], <InvestigationFormPage />) },
      { path: 'hazards/catalogs', element: guard(['hazard.read'], <CatalogPage />) },
      { path: 'hazards/:id', element: guard(['hazard.read'], <HazardDetailPage />) },
      { path: 'users', element: guard(['user.manage', 'security.manage'], <UsersPage />) },
      { path: 'audit', element: guard(['audit.read'], <AuditPage />) },
      { path: 'change-password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
