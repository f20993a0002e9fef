import { useQuery } from '@tanstack/react-query';
import {
  ACCOUNT_CHANGE_STATES,
  ACCOUNT_CHANGES,
  type AdminAccount,
  type AdminRequest,
  type AdminToday,
} from '@tiegui/domain';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { QueryError } from '../../components/status-results';
import { formatTime } from '../../lib/time';
import { Section } from './today-sections';

const STATE_COLORS: Record<AdminRequest['state'], string> = {
  pending: 'orange',
  confirming: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

function RequestLine({ r, to }: { r: AdminRequest; to: string }) {
  return (
    <Space wrap size={4}>
      <Tag color={STATE_COLORS[r.state]}>{ACCOUNT_CHANGE_STATES[r.state]}</Tag>
      <Link to={to}>
        {ACCOUNT_CHANGES[r.change]}：{r.displayName}（{r.username}）
      </Link>
      <Typography.Text type="secondary">
        {r.requestedBy}申请于 {formatTime(r.requestedAt, 'YYYY-MM-DD')}
        {r.state === 'rejected' && r.comment && ` · 驳回理由：${r.comment}`}
      </Typography.Text>
    </Space>
  );
}

/** A section of accounts, each line opening the user list at that account. */
function AccountSection<A extends AdminAccount>(props: {
  title: string;
  testId: string;
  items: A[];
  done: string;
  tag: (a: A) => ReactNode;
  note: (a: A) => string;
}) {
  return (
    <Section
      title={props.title}
      testId={props.testId}
      items={props.items}
      done={props.done}
      render={(a) => (
        <Space wrap size={4}>
          {props.tag(a)}
          <Link to={`/users?tab=users&q=${encodeURIComponent(a.username)}`}>
            {a.displayName}（{a.username}）
          </Link>
          <Typography.Text type="secondary">
            {a.orgName} · {props.note(a)}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

/** The auditor's lines: the chain's last verification (or none lately), and the refusals still counting. */
function auditLines(audit: NonNullable<AdminToday['audit']>) {
  const lines: { key: string; node: ReactNode }[] = [];
  if (audit.verifiedAt === null || audit.verifiedOk === false)
    lines.push({
      key: 'verify',
      node: (
        <Space wrap size={4}>
          <Tag color="red">{audit.verifiedAt ? '发现断裂' : '近30日未校验'}</Tag>
          <Link to="/audit">校验审计日志完整性</Link>
          {audit.verifiedAt && (
            <Typography.Text type="secondary">
              {audit.verifiedBy}于 {formatTime(audit.verifiedAt, 'YYYY-MM-DD HH:mm')} 校验
            </Typography.Text>
          )}
        </Space>
      ),
    });
  if (audit.refusals > 0)
    lines.push({
      key: 'refusals',
      node: (
        <Space wrap size={4}>
          <Tag color="orange">计数中</Tag>
          <Link to="/audit">拒绝访问 {audit.refusals} 次</Link>
          <Typography.Text type="secondary">
            {audit.refusalWindows} 组，计满10分钟后合并记入审计日志
          </Typography.Text>
        </Space>
      ),
    });
  return lines;
}

/** What is done when the auditor has nothing to look at: the last verification passed. */
function auditDone(audit: NonNullable<AdminToday['audit']>) {
  return audit.verifiedAt
    ? `审计日志已完成校验（${formatTime(audit.verifiedAt, 'YYYY-MM-DD HH:mm')}，完整），没有待合并的拒绝访问记录`
    : '没有待处理的审计事项';
}

/**
 * 三员的今日工作, above their administration page: each administrator role's work, each line a
 * link to the list it comes from; an empty section says what is done.
 */
export function AdminWork() {
  const query = useQuery({
    queryKey: ['today', 'admin'],
    queryFn: () => api.get<AdminToday>('/today/admin'),
  });
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const t = query.data;
  if (!t) return null;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="admin-work">
      {t.approvals && (
        <Section
          title={`待您审批的账号变更（${t.approvals.length}）`}
          testId="today-approvals"
          items={t.approvals}
          done="没有待您审批的账号变更申请"
          render={(r) => <RequestLine r={r} to="/users?tab=pending" />}
        />
      )}
      {t.requests && (
        <Section
          title="本人提交的账号变更申请"
          testId="today-requests"
          items={t.requests}
          done="没有待审批、被驳回或7日内生效的申请"
          more={{ to: '/users?tab=mine', text: '我的申请' }}
          render={(r) => <RequestLine r={r} to="/users?tab=mine" />}
        />
      )}
      {t.attention && (
        <AccountSection
          title="需关注的账号：未分配角色或90日未使用"
          testId="today-attention"
          items={t.attention}
          done="没有待处理的账号：均已分配角色，且90日内使用过"
          tag={(a) =>
            a.reason === 'noRole' ? <Tag color="red">未分配角色</Tag> : <Tag color="orange">长期未使用</Tag>
          }
          note={(a) => (a.until ? `最近登录 ${formatTime(a.until, 'YYYY-MM-DD')}` : '从未登录')}
        />
      )}
      {t.locked && (
        <AccountSection
          title="已锁定的账号"
          testId="today-locked"
          items={t.locked}
          done="没有待解锁的账号"
          tag={() => <Tag color="red">已锁定</Tag>}
          note={(a) => `${formatTime(a.until, 'YYYY-MM-DD HH:mm')} 自动解锁`}
        />
      )}
      {t.activations && (
        <AccountSection
          title="已签发未使用的激活码"
          testId="today-activations"
          items={t.activations}
          done="签发的激活码均已使用或失效"
          tag={() => <Tag color="blue">待激活</Tag>}
          note={(a) => `激活码 ${formatTime(a.until, 'YYYY-MM-DD HH:mm')} 失效`}
        />
      )}
      {t.audit && (
        <Section
          title="审计日志"
          testId="today-audit"
          items={auditLines(t.audit)}
          done={auditDone(t.audit)}
          render={(line) => line.node}
        />
      )}
    </Space>
  );
}
