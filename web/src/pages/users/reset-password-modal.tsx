import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@tiegui/domain';
import { passwordProblem } from '@tiegui/domain';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { problemRule, requiredRule } from '../../lib/form-rules';
import { PASSWORD_HINT } from '../password/change-password-page';

type Props = { user: User | null; onClose: () => void };

/** 重置密码 (security administrator): the user must change it at next login. */
export function ResetPasswordModal({ user, onClose }: Props) {
  const [form] = Form.useForm<{ password: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.post<User>(`/users/${id}/reset-password`, { password }),
    onMutate: () => setError(null),
    onSuccess: () => {
      message.success('密码已重置，该用户下次登录须修改密码');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  const submit = () => {
    const password = form.getFieldValue('password');
    form.validateFields().catch(() => undefined);
    if (user && typeof password === 'string' && password) reset.mutate({ id: user.id, password });
  };

  return (
    <Modal
      title="重置密码"
      open={!!user}
      onCancel={onClose}
      onOk={submit}
      okText="重置"
      confirmLoading={reset.isPending}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      {user && (
        <Typography.Paragraph>
          为 {user.displayName}（{user.username}）设置临时密码，告知本人后，其下次登录须修改。
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          label="临时密码"
          name="password"
          extra={PASSWORD_HINT}
          rules={[requiredRule('请输入临时密码'), problemRule(passwordProblem)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
