import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Me, returnPathOf } from '@tiegui/domain';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { ME_KEY } from '../../api/me';

type LoginValues = { username: string; password: string };

export function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const [checking, setChecking] = useState(false);

  const login = useMutation({
    // After repeated failures the server asks for a proof of work (428): found here, then sent again.
    mutationFn: async (values: LoginValues) => {
      try {
        return await api.post<Me>('/auth/login', values);
      } catch (error) {
        if (!isApiError(error, 428)) throw error;
        setChecking(true);
        try {
          const { solveChallengeOf } = await import('./proof-of-work');
          const pow = await solveChallengeOf(error.body);
          if (!pow) throw error;
          return await api.post<Me>('/auth/login', { ...values, pow });
        } finally {
          setChecking(false);
        }
      }
    },
    onMutate: () => setError(null),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      // Back to the link that sent the user here (only a path of this app), else the home page.
      const back = returnPathOf(new URLSearchParams(location.search).get('next'));
      void navigate(me.mustChangePassword ? '/change-password' : back, { replace: true });
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
      form.setFieldValue('password', '');
    },
  });

  return (
    <div className="tg-center">
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          铁规
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          矿山安全专项活动监管平台
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        {checking && (
          <Alert
            type="info"
            showIcon
            message="正在进行安全校验…"
            description="多次登录失败后需要进行安全校验，通常只需几秒钟。"
            style={{ marginBottom: 16 }}
            role="status"
          />
        )}
        <Form form={form} layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
