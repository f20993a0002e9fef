import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountChangeFiled, Org, Role, User } from '@tiegui/domain';
import { ROLES, rolesProblem } from '@tiegui/domain';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { orgOptions, useOrgs } from '../../api/orgs';
import { EntryForm } from '../../components/entry-form';
import { hasAllRequired, requiredRule } from '../../lib/form-rules';
import { optionsOf } from '../../lib/labels';

type Values = {
  username?: string;
  displayName?: string;
  phone?: string;
  orgId?: string;
  roles?: Role[];
};

type Props = { open: boolean; user: User | null; onClose: () => void };

const CREATE_REQUIRED = ['username', 'displayName', 'orgId', 'roles'] as const;
const EDIT_REQUIRED = ['displayName', 'orgId', 'roles'] as const;

/**
 * 新增用户 when `user` is null, else 编辑用户. Name and phone change at once; a new account and a
 * change of roles or org are requests another administrator approves (三员), and a new account's
 * user sets the password with an activation code: no password is asked here.
 */
export function UserFormModal({ open, user, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const orgs = useOrgs(open);
  const orgId = Form.useWatch('orgId', form);
  const org: Org | undefined = orgs.data?.find((o) => o.id === orgId);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const phone = values.phone?.trim() || null;
      if (user) {
        return api.patch<User | AccountChangeFiled>(`/users/${user.id}`, {
          displayName: values.displayName,
          phone,
          orgId: values.orgId,
          roles: values.roles,
        });
      }
      return api.post<AccountChangeFiled>('/users', { ...values, phone: phone ?? undefined });
    },
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      // A request answers with what happens next (待…审批生效); a name or phone is saved at once.
      message.success('message' in saved ? saved.message : '用户已保存');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['account-changes'] });
      onClose();
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  const submit = () => {
    const values = form.getFieldsValue();
    form.validateFields().catch(() => undefined);
    if (hasAllRequired(values, user ? EDIT_REQUIRED : CREATE_REQUIRED)) save.mutate(values);
  };

  const rolesRule: Rule = {
    validator: async (_rule, value: unknown) => {
      if (!org || !Array.isArray(value) || value.length === 0) return;
      const problem = rolesProblem(value as Role[], org.kind);
      if (problem) throw new Error(problem);
    },
  };

  return (
    <Modal
      title={user ? `编辑用户：${user.username}` : '新增用户'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <EntryForm
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          user
            ? { displayName: user.displayName, phone: user.phone ?? '', orgId: user.orgId, roles: user.roles }
            : {}
        }
        onFinish={submit}
      >
        {!user && (
          <Form.Item
            label="用户名"
            name="username"
            rules={[requiredRule('请填写用户名')]}
            extra="3至32位小写字母、数字或 . _ -，以字母开头"
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[requiredRule('请填写姓名')]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="电话" name="phone">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="所属单位" name="orgId" rules={[requiredRule('请选择所属单位')]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={orgs.isPending}
            options={orgOptions(orgs.data)}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item
          label="角色"
          name="roles"
          dependencies={['orgId']}
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }, rolesRule]}
        >
          <Select mode="multiple" options={optionsOf(ROLES)} placeholder="请选择" />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          message={
            user
              ? '角色、所属单位的变更提交后须经另一管理员审批才生效；姓名、电话立即保存。'
              : '提交后须经另一管理员审批才创建账号；批准时签发一次性激活码，由本人设置密码。'
          }
        />
      </EntryForm>
    </Modal>
  );
}
