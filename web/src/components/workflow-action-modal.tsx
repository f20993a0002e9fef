import { useMutation } from '@tanstack/react-query';
import { type FormDefinition, type FormValues, validateForm } from '@tiegui/domain';
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { FormRenderer, showServerErrors } from './form-renderer';

type Props<T> = {
  /** The action's label: the button users pressed, and the success message (已…). */
  label: string;
  /** The modal's title, when it says more than the label. */
  title?: string;
  /** `POST /api/<records>/:id/actions/<action>`, without the /api prefix. */
  url: string;
  form: FormDefinition;
  testId: string;
  width?: number;
  /** The record as the server answers it (caches to update, a code to show); close the modal here. */
  onSaved: (saved: T) => void;
  onClose: () => void;
};

/**
 * One action of a workflow with the form the server sent for it. The server judges the body; what
 * it says is wrong lands at the field, the rest above the form.
 */
export function WorkflowActionModal<T>({
  label,
  title,
  url,
  form: definition,
  testId,
  width,
  onSaved,
  onClose,
}: Props<T>) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (evidence: FormValues) => api.post<T>(url, evidence),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(`已${label}`);
      onSaved(saved);
    },
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  // What the form holds, cleaned by its definition: blanks and a group left blank are not sent,
  // text is trimmed. Nothing is refused here: the server's 400 names each field.
  const evidence = () => validateForm(definition, form.getFieldsValue(true)).values;

  return (
    <Modal
      open
      title={title ?? label}
      okText="提交"
      cancelText="取消"
      onOk={() => run.mutate(evidence())}
      confirmLoading={run.isPending}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      data-testid={testId}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <FormRenderer definition={definition} form={form} />
    </Modal>
  );
}
