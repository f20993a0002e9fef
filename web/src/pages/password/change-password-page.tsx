import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { ME_KEY, useCurrentUser } from '../../api/me';
import { NewPasswordFields } from './new-password-fields';

type Values = { oldPassword: string; newPassword: string; confirmPassword: string };

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
        <NewPasswordFields name="newPassword" />
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
