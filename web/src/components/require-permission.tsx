import type { Permission } from '@tiegui/domain';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { can, useCurrentUser } from '../api/me';

/** Shows the page only when /api/me grants one of the permissions, so no doomed request is sent. */
export function RequirePermission({ any, children }: { any: Permission[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (!can(me, ...any))
    return <Result status="403" title="没有查看权限" subTitle="您的账号没有访问此页面的权限" />;
  return children;
}
