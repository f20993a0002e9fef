import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { FormValues, ObligationDetail } from '@tiegui/domain';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { checkForm, FormRenderer, showServerErrors } from '../../components/form-renderer';
import { type ObligationCommand, runObligationCommand, useObligationUpdated } from './obligation-api';

/** The values to start from: the latest draft, or the version that came back. */
function startingValues(detail: ObligationDetail): FormValues | undefined {
  const latest = detail.submissions[0];
  return latest && (latest.state === 'draft' || latest.state === 'returned') ? latest.values : undefined;
}

/** The owner's form: 保存草稿 keeps what is filled; 报送 sends it to the recipients. */
export function SubmissionEditor({ detail }: { detail: ObligationDetail }) {
  const [form] = Form.useForm<FormValues>();
  const { message, modal } = App.useApp();
  const updated = useObligationUpdated();
  const [error, setError] = useState<string | null>(null);

  const step = useMutation({
    mutationFn: (action: ObligationCommand) => runObligationCommand(detail.id, action),
    onSuccess: (next, action) => {
      setError(null);
      updated(next);
      message.success(action.kind === 'draft' ? '草稿已保存' : '已报送，等待接收单位审核');
    },
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      if (isApiError(err, 400)) message.error('表单有误，请按字段提示修改');
      setError(unplaced.length > 0 ? unplaced.join('；') : null);
    },
  });

  // The shared validator shows its messages at once; the request goes out regardless, and what the
  // server answers is what stays on the fields.
  const run = (kind: 'draft' | 'submit') => {
    const { values, problems, unplaced } = checkForm(form, detail.form, { draft: kind === 'draft' });
    setError(unplaced.length > 0 ? unplaced.join('；') : null);
    if (kind === 'submit' && problems.length === 0) {
      modal.confirm({
        title: '确定报送？',
        content: `报送给：${detail.recipients.map((r) => r.name).join('、') || '（存档）'}。报送后在审核退回前不能修改。`,
        okText: '报送',
        cancelText: '取消',
        onOk: () => step.mutateAsync({ kind, values }).catch(() => undefined),
      });
      return;
    }
    step.mutate({ kind, values });
  };

  return (
    <Card title={`填报：${detail.form.title}`} size="small">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <FormRenderer definition={detail.form} form={form} initialValues={startingValues(detail)}>
        <Space wrap>
          <Button
            icon={<SaveOutlined />}
            loading={step.isPending && step.variables?.kind === 'draft'}
            disabled={step.isPending}
            onClick={() => run('draft')}
          >
            保存草稿
          </Button>
          {detail.abilities.canSubmit && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={step.isPending && step.variables?.kind === 'submit'}
              disabled={step.isPending}
              onClick={() => run('submit')}
            >
              报送
            </Button>
          )}
        </Space>
      </FormRenderer>
    </Card>
  );
}
