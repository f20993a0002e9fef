import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { type ObligationDetail, ZReturn } from '@tiegui/domain';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { FormView, showProblems, showServerErrors } from '../../components/form-renderer';
import { formatTime } from '../../lib/time';
import { type ObligationCommand, runObligationCommand, useObligationUpdated } from './obligation-api';

type Values = { comment?: string };

/** The reviewer's panel: the submitted version read-only, 审核通过 (comment optional) or 退回 (required). */
export function ObligationReview({ detail }: { detail: ObligationDetail }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const updated = useObligationUpdated();
  const [error, setError] = useState<string | null>(null);
  const submitted = detail.submissions.find((s) => s.state === 'submitted');

  const step = useMutation({
    mutationFn: (action: ObligationCommand) => runObligationCommand(detail.id, action),
    onSuccess: (next, action) => {
      setError(null);
      form.resetFields();
      updated(next);
      message.success(action.kind === 'accept' ? '已审核通过' : '已退回报送单位');
    },
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      setError(unplaced.length > 0 ? unplaced.join('；') : null);
    },
  });

  const decide = (kind: 'accept' | 'return') => {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim() || undefined;
    if (kind === 'return') {
      const checked = ZReturn.safeParse({ comment: comment ?? '' });
      showProblems(
        form,
        checked.success ? [] : checked.error.issues.map((i) => ({ field: 'comment', message: i.message })),
      );
    }
    step.mutate({ kind, comment });
  };

  return (
    <Card title="审核" size="small" data-testid="duty-review">
      {submitted ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`第${submitted.version}版，${submitted.submittedBy ?? detail.orgName}于${formatTime(submitted.submittedAt, 'YYYY-MM-DD HH:mm')}报送`}
          />
          <FormView definition={detail.form} values={submitted.values} />
        </>
      ) : (
        <Alert type="warning" showIcon message="没有找到待审核的报送版本" />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} role="alert" />}
      <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          name="comment"
          label="审核意见"
          extra="退回时须说明原因；通过时可不填"
          // A rule that always passes, so editing the comment clears the last message.
          rules={[{ validator: async () => undefined }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={step.isPending && step.variables?.kind === 'accept'}
            disabled={step.isPending}
            onClick={() => decide('accept')}
          >
            审核通过
          </Button>
          <Button
            danger
            icon={<RollbackOutlined />}
            loading={step.isPending && step.variables?.kind === 'return'}
            disabled={step.isPending}
            onClick={() => decide('return')}
          >
            退回
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
