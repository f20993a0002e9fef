import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Org, Role, User } from '@tiegui/domain';
import { passwordProblem, ROLES, rolesProblem } from '@tiegui/domain';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { orgOptions, useOrgs } from '../../api/orgs';
import { hasAllRequired, problemRule, requiredRule } from '../../lib/form-rules';
import { optionsOf } from '../../lib/labels';
import { PASSWORD_HINT } from '../password/change-password-page';

type Values = {
  username?: string;
  displayName?: string;
  phone?: string;
  orgId?: string;
  roles?: Role[];
  password?: string;
};

type Props = { open: boolean; user: User | null; onClose: () => void };

const CREATE_REQUIRED = ['username', 'displayName', 'orgId', 'roles', 'password'] as const;
const EDIT_REQUIRED = ['displayName', 'roles'] as const;

/** 新增用户 when `user` is null, else 编辑用户 (name, phone, roles; username and org stay). */
export function UserFormModal({ open, user, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const orgs = useOrgs(open && !user);
  const orgId = Form.useWatch('orgId', form);
  const org: Org | undefined = orgs.data?.find((o) => o.id === (user?.orgId ?? orgId));

  const save = useMutation({
    mutationFn: (values: Values) => {
      const phone = values.phone?.trim() || null;
      if (user) {
        return api.patch<User>(`/users/${user.id}`, {
          displayName: values.displayName,
          phone,
          roles: values.roles,
        });
      }
      return api.post<User>('/users', { ...values, phone: phone ?? undefined });
    },
    onMutate: () => setError(null),
    onSuccess: () => {
      message.success(user ? '用户已保存' : '用户已新增，首次登录须修改初始密码');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
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
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          user ? { displayName: user.displayName, phone: user.phone ?? '', roles: user.roles } : {}
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
        {!user && (
          <Form.Item label="所属单位" name="orgId" rules={[requiredRule('请选择所属单位')]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={orgs.isPending}
              options={orgOptions(orgs.data)}
              placeholder="请选择"
            />
          </Form.Item>
        )}
        <Form.Item
          label="角色"
          name="roles"
          dependencies={['orgId']}
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }, rolesRule]}
        >
          <Select mode="multiple" options={optionsOf(ROLES)} placeholder="请选择" />
        </Form.Item>
        {!user && (
          <Form.Item
            label="初始密码"
            name="password"
            extra={`${PASSWORD_HINT}；用户首次登录须修改`}
            rules={[requiredRule('请设置初始密码'), problemRule(passwordProblem)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
