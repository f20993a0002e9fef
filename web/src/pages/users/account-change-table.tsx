import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ACCOUNT_CHANGE_STATES,
  ACCOUNT_CHANGES,
  type AccountChange,
  type ActivationIssued,
  ROLES,
  type Role,
  type WorkflowActionForm,
} from '@tiegui/domain';
import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client';
import { type CardFields, ListTable } from '../../components/list-page';
import { ActionModal } from '../../components/workflow-actions/action-modal';
import { formatTime } from '../../lib/time';
import { ActivationCodeModal } from './activation-code';

const STATE_COLORS: Record<AccountChange['state'], string> = {
  pending: 'orange',
  confirming: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

const roleTags = (roles: readonly Role[]) => roles.map((r) => <Tag key={r}>{ROLES[r]}</Tag>);

/** What the request changes, in words: the new account, the roles or org before → after. */
function ChangeText({ r }: { r: AccountChange }) {
  switch (r.change) {
    case 'create':
      return (
        <>
          {r.account.orgName} {roleTags(r.account.roles)}
        </>
      );
    case 'roles':
      return (
        <>
          {roleTags(r.account.roles)} → {roleTags(r.proposed.roles ?? [])}
        </>
      );
    case 'org':
      return (
        <>
          {r.account.orgName} → {r.proposed.orgName}
          {r.proposed.roles && <> {roleTags(r.proposed.roles)}</>}
        </>
      );
    default:
      return <>{ACCOUNT_CHANGES[r.change]}</>;
  }
}

function StateCell({ r }: { r: AccountChange }) {
  const who =
    r.state === 'pending'
      ? `待${ROLES[r.approverRole]}审批`
      : r.state === 'confirming'
        ? `${r.firstApprovedBy ?? ''}已批准，待审计管理员确认`
        : r.decidedBy
          ? `${r.decidedBy} ${formatTime(r.decidedAt, 'YYYY-MM-DD HH:mm')}`
          : null;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={STATE_COLORS[r.state]}>{ACCOUNT_CHANGE_STATES[r.state]}</Tag>
      {who && <Typography.Text type="secondary">{who}</Typography.Text>}
      {r.comment && <Typography.Text type="secondary">意见：{r.comment}</Typography.Text>}
    </Space>
  );
}

const CARD: CardFields = {
  title: 'account',
  state: 'state',
  action: 'actions',
  details: ['change', 'what', 'reason', 'requested'],
};

type Props = { items: AccountChange[]; loading: boolean; empty: string };
type ActionWithForm = WorkflowActionForm<string>;

/** Requests with the buttons the server says the user may press on each. */
export function AccountChangeTable({ items, loading, empty }: Props) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [acting, setActing] = useState<{ request: AccountChange; action: ActionWithForm } | null>(null);
  const [issued, setIssued] = useState<ActivationIssued | null>(null);
  // An action without a body (撤回) runs from its confirmation.
  const bare = useMutation({
    mutationFn: ({ id, action }: { id: string; action: string; label: string }) =>
      api.post<AccountChange>(`/account-changes/${id}/actions/${action}`, {}),
    onSuccess: (_saved, { label }) => {
      message.success(`已${label}`);
      void queryClient.invalidateQueries({ queryKey: ['account-changes'] });
    },
    onError: (err: Error) => message.error(err.message),
  });

  const columns: ColumnsType<AccountChange> = [
    { title: '事项', dataIndex: 'change', width: 110, render: (_, r) => ACCOUNT_CHANGES[r.change] },
    {
      title: '账号',
      key: 'account',
      width: 170,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.account.displayName}</span>
          <Typography.Text type="secondary">{r.account.username}</Typography.Text>
        </Space>
      ),
    },
    { title: '变更内容', key: 'what', width: 260, render: (_, r) => <ChangeText r={r} /> },
    { title: '理由', dataIndex: 'reason', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: '申请',
      key: 'requested',
      width: 150,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.requestedBy}</span>
          <Typography.Text type="secondary">{formatTime(r.requestedAt, 'YYYY-MM-DD HH:mm')}</Typography.Text>
        </Space>
      ),
    },
    { title: '状态', key: 'state', width: 200, render: (_, r) => <StateCell r={r} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_, r) => (
        <Space size={0} wrap>
          {r.actionForms.map(({ action, label, form }) =>
            form ? (
              <Button
                key={action}
                type="link"
                size="small"
                danger={action.startsWith('reject')}
                onClick={() => setActing({ request: r, action: { action, label, form } })}
              >
                {label}
              </Button>
            ) : (
              <Popconfirm
                key={action}
                title={`${label}该申请？`}
                okText="确定"
                cancelText="取消"
                onConfirm={() => bare.mutateAsync({ id: r.id, action, label }).catch(() => undefined)}
              >
                <Button type="link" size="small">
                  {label}
                </Button>
              </Popconfirm>
            ),
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListTable<AccountChange>
        columns={columns}
        card={CARD}
        items={items}
        loading={loading}
        emptyText={empty}
        pageSize={50}
      />
      {acting && (
        <ActionModal<AccountChange, string>
          key={acting.action.action}
          target={{ records: 'account-changes', id: acting.request.id }}
          action={acting.action}
          title={`${acting.action.label}：${acting.request.account.displayName}（${acting.request.account.username}）`}
          testId={`account-change-action-${acting.action.action}`}
          onClose={() => setActing(null)}
          onDone={(saved) => {
            void queryClient.invalidateQueries({ queryKey: ['account-changes'] });
            void queryClient.invalidateQueries({ queryKey: ['users'] });
            // A new account's approval answers its one-time code: shown now, never again.
            if (saved.activation) setIssued(saved.activation);
          }}
        />
      )}
      <ActivationCodeModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
