import { useMutation, useQuery } from '@tanstack/react-query';
import type { ActivationAccount } from '@tiegui/domain';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { formatTime } from '../../lib/time';
import { NewPasswordFields } from '../password/new-password-fields';

type Values = { code: string; password: string; confirmPassword: string };

/**
 * 激活账号 (public): the user sets their own password with the one-time code an administrator
 * handed over (a new account, or a reset). The code comes in the link or is typed in.
 */
export function ActivatePage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [code, setCode] = useState((params.get('code') ?? '').trim());
  const [error, setError] = useState<string | null>(null);

  const account = useQuery({
    queryKey: ['activation', code],
    queryFn: () => api.post<ActivationAccount>('/auth/activation/check', { code }),
    enabled: code !== '',
    retry: false,
  });
  const activate = useMutation({
    mutationFn: ({ code, password }: Values) => api.post('/auth/activation', { code, password }),
    onMutate: () => setError(null),
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  if (activate.isSuccess) {
    return (
      <div className="tg-center">
        <Card style={{ width: '100%', maxWidth: 440 }}>
          <Result
            status="success"
            title="密码已设置"
            subTitle="激活码已失效。请使用新密码登录。"
            extra={
              <Link to="/login">
                <Button type="primary">去登录</Button>
              </Link>
            }
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="tg-center">
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          激活账号
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          凭管理员交给您的一次性激活码，自行设置登录密码
        </Typography.Paragraph>
        {account.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="activation-account"
            message={`账号：${account.data.displayName}（${account.data.username}）`}
            description={`激活码有效期至 ${formatTime(account.data.expiresAt, 'YYYY-MM-DD HH:mm')}，只能使用一次。`}
          />
        )}
        {account.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            role="alert"
            message={account.error.message}
          />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ code }}
          onFinish={(values) => activate.mutate(values)}
        >
          <Form.Item
            label="激活码"
            name="code"
            rules={[{ required: true, whitespace: true, message: '请输入激活码' }]}
          >
            <Input autoComplete="off" onBlur={(e) => setCode(e.target.value.trim())} />
          </Form.Item>
          <NewPasswordFields name="password" />
          <Button type="primary" htmlType="submit" block loading={activate.isPending}>
            设置密码
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}
        >
          <Link to="/login">返回登录</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
