import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormValues, type HazardActionForm, type HazardDetail, validateForm } from '@tiegui/domain';
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormRenderer, showServerErrors } from '../../components/form-renderer';
import { hazardKey } from './hazard-api';

type Props = { hazard: HazardDetail; action: HazardActionForm; onClose: () => void };

/**
 * One transition of the loop: the form is the one the server sent with the action. The server
 * judges the evidence; what it says is wrong lands at the field.
 */
export function ActionModal({ hazard, action, onClose }: Props) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (evidence: FormValues) =>
      api.post<HazardDetail>(`/hazards/${hazard.id}/actions/${action.action}`, evidence),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(hazardKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['hazards'] });
      message.success(`已${action.label}`);
      onClose();
    },
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  // What the form holds, cleaned by its definition: blanks and a group left blank are not sent,
  // text is trimmed. Nothing is refused here: the server's 400 names each field.
  const evidence = () => validateForm(action.form, form.getFieldsValue(true)).values;

  return (
    <Modal
      open
      title={action.label}
      okText="提交"
      cancelText="取消"
      onOk={() => run.mutate(evidence())}
      confirmLoading={run.isPending}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      data-testid={`action-modal-${action.action}`}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <FormRenderer definition={action.form} form={form} />
    </Modal>
  );
}
