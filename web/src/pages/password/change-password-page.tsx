import { useMutation, useQueryClient } from '@tanstack/react-query';
import { passwordProblem } from '@tiegui/domain';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { ME_KEY, useCurrentUser } from '../../api/me';
import { problemRule } from '../../lib/form-rules';

type Values = { oldPassword: string; newPassword: string; confirmPassword: string };

export const PASSWORD_HINT = '至少8位，须包含大写字母、小写字母、数字、特殊字符中的至少三类';

export function ChangePasswordPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: ({ oldPassword, newPassword }: Values) =>
      api.post('/auth/change-password', { oldPassword, newPassword }),
    onMutate: () => setError(null),
    onSuccess: async () => {
      message.success('密码已修改');
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void navigate('/', { replace: true });
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }}>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          message="首次登录或密码已被重置，须先修改密码才能继续使用平台。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra={PASSWORD_HINT}
          rules={[{ required: true, message: '请输入新密码' }, problemRule(passwordProblem)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          确认修改
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        修改成功后，本账号在其他设备上的登录将失效。
      </Typography.Paragraph>
    </Card>
  );
}
