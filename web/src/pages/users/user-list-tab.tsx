import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountChangeFiled, User } from '@tiegui/domain';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { orgOptions, useOrgs } from '../../api/orgs';
import { QueryError } from '../../components/status-results';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormModal } from './user-form-modal';
import { UserTable } from './user-table';

type Filters = { q?: string; orgId?: string };

/** The users (system and security administrators): filters, the table, the edit and reset modals. */
export function UserListTab() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // A line of the first page opens the list at one account (`?q=`).
  const asked = useSearchParams()[0].get('q') ?? undefined;
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ q: asked });
  useEffect(() => {
    setFilters((f) => (f.q === asked ? f : { ...f, q: asked }));
    form.setFieldsValue({ q: asked });
  }, [asked, form]);
  // Kept apart from `open` so the modal keeps its title while it animates closed.
  const [editing, setEditing] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const [resetting, setResetting] = useState<User | null>(null);
  const canManage = can(me, 'user.manage');
  const canSecure = can(me, 'security.manage');
  const orgs = useOrgs(can(me, 'org.read'));

  const list = useQuery({
    queryKey: ['users', filters],
    queryFn: () => api.get<{ items: User[] }>('/users', filters),
  });

  const done = (text: string) => () => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const fail = (err: Error) => message.error(err.message);
  // Deactivating or reactivating is a request another administrator approves.
  const toggle = useMutation({
    mutationFn: (user: User) => api.patch<AccountChangeFiled>(`/users/${user.id}`, { active: !user.active }),
    onSuccess: (filed) => {
      done(filed.message)();
      void queryClient.invalidateQueries({ queryKey: ['account-changes'] });
    },
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: (user: User) => api.post<User>(`/users/${user.id}/unlock`),
    onSuccess: done('账号已解锁'),
    onError: fail,
  });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, user: null })}>
          新增用户
        </Button>
      )}
      <Form
        name="userFilter"
        form={form}
        layout="inline"
        className="tg-filters tg-toolbar"
        onFinish={(values: Filters) => setFilters({ q: values.q?.trim() || undefined, orgId: values.orgId })}
      >
        <Form.Item name="q">
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          />
        </Form.Item>
        {orgs.data && (
          <Form.Item name="orgId">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="所属单位"
              style={{ minWidth: 220 }}
              options={orgOptions(orgs.data)}
              onChange={(orgId?: string) => setFilters((f) => ({ ...f, orgId }))}
            />
          </Form.Item>
        )}
      </Form>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <UserTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          actions={{
            canManage,
            canSecure,
            onEdit: (user) => setEditing({ open: true, user }),
            onToggleActive: (user) => toggle.mutateAsync(user),
            onUnlock: (user) => unlock.mutateAsync(user),
            onResetPassword: setResetting,
          }}
        />
      )}
      <UserFormModal
        open={editing.open}
        user={editing.user}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}
