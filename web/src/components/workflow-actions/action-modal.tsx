import type { WorkflowActionForm } from '@tiegui/domain';
import { Alert, Form, Modal } from 'antd';
import { FormRenderer } from '../form-renderer';
import { type ActionTarget, useWorkflowAction } from './use-workflow-action';

type Props<R, A extends string> = {
  target: ActionTarget;
  action: WorkflowActionForm<A>;
  onDone: (saved: R, action: WorkflowActionForm<A>) => void;
  onClose: () => void;
  /** The dialog's title, when it says more than the action's label (whose record it acts on). */
  title?: string;
  testId?: string;
};

/** One action in a dialog: the form the server sent with it, 提交 posts it, and the dialog closes once taken. */
export function ActionModal<R, A extends string>({
  target,
  action,
  onDone,
  onClose,
  title,
  testId,
}: Props<R, A>) {
  const [form] = Form.useForm();
  const { run, error } = useWorkflowAction<R, A>(target, form, (saved, taken) => {
    onDone(saved, taken);
    onClose();
  });

  return (
    <Modal
      open
      title={title ?? action.label}
      okText="提交"
      cancelText="取消"
      onOk={() => run.mutate(action)}
      confirmLoading={run.isPending}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      data-testid={testId ?? `action-modal-${action.action}`}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <FormRenderer definition={action.form} form={form} />
    </Modal>
  );
}
