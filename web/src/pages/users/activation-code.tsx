import type { ActivationIssued } from '@tiegui/domain';
import { Alert, Descriptions, Modal, Typography } from 'antd';
import { formatTime } from '../../lib/time';

/** The page where a user sets their password with a code (the code in its link). */
export function activationLink(code: string): string {
  return `${window.location.origin}/activate?code=${encodeURIComponent(code)}`;
}

/**
 * A one-time activation code, shown once: the server keeps only its hash. The administrator hands
 * it (or its link) to the user in person; the user chooses the password on the activation page.
 */
export function ActivationCodeModal({
  issued,
  onClose,
}: {
  issued: ActivationIssued | null;
  onClose: () => void;
}) {
  return (
    <Modal
      title="一次性激活码"
      open={!!issued}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      {issued && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="激活码只显示这一次"
            description={`请当面交给 ${issued.displayName}（${issued.username}）本人，由其在激活页面自行设置密码。管理员不会知道新密码；激活码使用后即失效。`}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="激活码">
              <Typography.Text code copyable={{ text: issued.code }} data-testid="activation-code">
                {issued.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="激活链接">
              <Typography.Text
                copyable={{ text: activationLink(issued.code) }}
                style={{ wordBreak: 'break-all' }}
              >
                {activationLink(issued.code)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="有效期至">
              {formatTime(issued.expiresAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
