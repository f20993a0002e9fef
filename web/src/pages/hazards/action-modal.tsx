import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type HazardAction, type HazardDetail, transitionOf } from '@tiegui/domain';
import { Alert, App, DatePicker, Divider, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { AttachmentsInput } from '../../components/form-renderer';
import { evidenceBody, evidenceSpec, type FieldSpec } from './evidence-spec';
import { hazardKey } from './hazard-api';

/** In the 五落实 plan, a heading before the field that starts a part of the form. */
const SECTIONS: Record<string, string> = {
  responsibleUnit: '五落实：责任、措施、资金、时限和预案',
  goal: '重大事故隐患治理方案',
};

function Field({ field }: { field: FieldSpec }) {
  const input = (() => {
    switch (field.kind) {
      case 'date':
        return <DatePicker style={{ width: '100%' }} />;
      case 'yuan':
        return <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} />;
      case 'enum':
        return <Select options={field.options} />;
      case 'files':
        return <AttachmentsInput maxFiles={10} />;
      case 'textarea':
        return <Input.TextArea rows={3} maxLength={field.max} />;
      default:
        return <Input maxLength={field.max} />;
    }
  })();
  return (
    <Form.Item name={field.name} label={field.label} required={field.required}>
      {input}
    </Form.Item>
  );
}

type Props = { hazard: HazardDetail; action: HazardAction; onClose: () => void };

/**
 * One transition of the loop: the form is the action's evidence schema from the workflow table. The
 * server judges it; what it says is missing lands at the field.
 */
export function ActionModal({ hazard, action, onClose }: Props) {
  const t = transitionOf(action);
  const spec = useMemo(() => evidenceSpec(t.evidence), [t]);
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.post<HazardDetail>(`/hazards/${hazard.id}/actions/${action}`, evidenceBody(spec, values)),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(hazardKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['hazards'] });
      message.success(`已${t.label}`);
      onClose();
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  return (
    <Modal
      open
      title={t.label}
      okText="提交"
      cancelText="取消"
      onOk={() => run.mutate(form.getFieldsValue(true) as Record<string, unknown>)}
      confirmLoading={run.isPending}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      data-testid={`action-modal-${action}`}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={{}} preserve={false}>
        {spec.map((entry) =>
          'group' in entry ? (
            <div key={entry.group}>
              <Divider orientation="left" plain>
                {entry.label}（如适用）
              </Divider>
              {entry.fields.map((f) => (
                <Field key={f.name.join('.')} field={{ ...f, required: false }} />
              ))}
            </div>
          ) : (
            <div key={entry.name.join('.')}>
              {action === 'plan' && SECTIONS[entry.name[0] ?? ''] && (
                <Typography.Title level={5} style={{ marginTop: 8 }}>
                  {SECTIONS[entry.name[0] ?? '']}
                </Typography.Title>
              )}
              <Field field={entry} />
            </div>
          ),
        )}
      </Form>
    </Modal>
  );
}
