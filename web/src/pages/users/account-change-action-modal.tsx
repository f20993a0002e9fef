import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type AccountChange, type FormDefinition, type FormValues, validateForm } from '@tiegui/domain';
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormRenderer, showServerErrors } from '../../components/form-renderer';

export type ActionWithForm = { action: string; label: string; form: FormDefinition };

type Props = {
  request: AccountChange;
  action: ActionWithForm;
  onDone: (saved: AccountChange) => void;
  onClose: () => void;
};

/** Runs an action of a request with the form the server sent for it; the server judges the body. */
export function AccountChangeActionModal({ request, action, onDone, onClose }: Props) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (evidence: FormValues) =>
      api.post<AccountChange>(`/account-changes/${request.id}/actions/${action.action}`, evidence),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['account-changes'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      message.success(`已${action.label}`);
      onDone(saved);
    },
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  return (
    <Modal
      open
      title={`${action.label}：${request.account.displayName}（${request.account.username}）`}
      okText="提交"
      cancelText="取消"
      onOk={() => run.mutate(validateForm(action.form, form.getFieldsValue(true)).values)}
      confirmLoading={run.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid={`account-change-action-${action.action}`}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <FormRenderer definition={action.form} form={form} />
    </Modal>
  );
}
