import {
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Me } from '@tiegui/domain';
import { Badge, Menu } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { can } from '../../api/me';
import { useNotices } from '../notices/notice-api';
import { useObligationBadge } from '../obligations/obligation-api';

type NavItem = { key: string; label: string; icon: ReactNode };

/** The side menu lists only what the server's permissions open to this user. */
export function navItemsFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ key: '/', label: '首页', icon: <HomeOutlined /> }];
  // A mine's org tree holds only itself.
  if (can(me, 'org.read') && me.org.kind !== 'mine')
    items.push({ key: '/orgs', label: '组织机构', icon: <ApartmentOutlined /> });
  if (can(me, 'mine.read')) items.push({ key: '/mines', label: '矿山基础信息', icon: <DatabaseOutlined /> });
  if (can(me, 'campaign.read')) {
    items.push({ key: '/campaigns', label: '专项活动', icon: <FlagOutlined /> });
    items.push({ key: '/duties', label: '我的任务', icon: <CarryOutOutlined /> });
  }
  if (can(me, 'notice.read')) items.push({ key: '/notices', label: '通知公文', icon: <FileTextOutlined /> });
  if (can(me, 'hazard.read')) items.push({ key: '/hazards', label: '隐患治理', icon: <WarningOutlined /> });
  if (can(me, 'user.manage', 'security.manage', 'account.approve')) {
    items.push({ key: '/users', label: '用户管理', icon: <TeamOutlined /> });
  }
  if (can(me, 'audit.read')) items.push({ key: '/audit', label: '审计日志', icon: <AuditOutlined /> });
  return items;
}

function selectedKey(pathname: string): string {
  const first = pathname.split('/')[1];
  return first ? `/${first}` : '/';
}

export function NavMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const obligationBadge = useObligationBadge(can(me, 'campaign.read'), can(me, 'obligation.review'));
  const notices = useNotices('inbox', can(me, 'notice.read'));
  const badges: Record<string, number> = {
    '/duties': obligationBadge,
    // Notices still to sign off (签收).
    '/notices': notices.data?.unsigned ?? 0,
  };
  const items = navItemsFor(me).map((item) => {
    const count = badges[item.key] ?? 0;
    return count > 0
      ? {
          ...item,
          label: (
            <span>
              {item.label} <Badge count={count} size="small" overflowCount={99} />
            </span>
          ),
        }
      : item;
  });
  return (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
}
