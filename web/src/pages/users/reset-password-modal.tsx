import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ACTIVATION_HOURS, type ActivationIssued, type User } from '@tiegui/domain';
import { Alert, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ActivationCodeModal } from './activation-code';

type Props = { user: User | null; onClose: () => void };

/**
 * 重置密码 (security administrator): the old password stops working and a one-time activation code
 * is issued, shown once; the user chooses the new password. The administrator never sets one.
 */
export function ResetPasswordModal({ user, onClose }: Props) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<ActivationIssued | null>(null);

  const reset = useMutation({
    mutationFn: (id: string) => api.post<ActivationIssued>(`/users/${id}/reset-password`, {}),
    onMutate: () => setError(null),
    onSuccess: (code) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
      setIssued(code);
    },
    onError: (err: Error) => setError(err.message),
  });

  return (
    <>
      <Modal
        title="重置密码"
        open={!!user}
        onCancel={onClose}
        onOk={() => user && reset.mutate(user.id)}
        okText="签发激活码"
        confirmLoading={reset.isPending}
        destroyOnHidden
        afterClose={() => setError(null)}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        {user && (
          <Typography.Paragraph>
            为 {user.displayName}（{user.username}）签发一次性激活码：原密码立即失效，已登录的会话结束；
            激活码{ACTIVATION_HOURS}小时内有效，由本人在激活页面自行设置新密码，管理员不会知道新密码。
          </Typography.Paragraph>
        )}
      </Modal>
      <ActivationCodeModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
