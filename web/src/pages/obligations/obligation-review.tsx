import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ObligationAction, ObligationDetail } from '@tiegui/domain';
import { Alert, App, Card } from 'antd';
import { FormView } from '../../components/form-renderer';
import { WorkflowActions } from '../../components/workflow-actions';
import { formatTime } from '../../lib/time';
import { useObligationUpdated } from './obligation-api';

const DONE: Partial<Record<ObligationAction, string>> = { accept: '已审核通过', return: '已退回报送单位' };

/** The reviewer's panel: the submitted version read-only, and the review actions the server sent with their form. */
export function ObligationReview({ detail }: { detail: ObligationDetail }) {
  const { message } = App.useApp();
  const updated = useObligationUpdated();
  const submitted = detail.submissions.find((s) => s.state === 'submitted');

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
      <WorkflowActions
        target={{ records: 'obligations', id: detail.id }}
        actionForms={detail.actionForms}
        inline
        danger={['return']}
        icons={{ accept: <CheckOutlined />, return: <RollbackOutlined /> }}
        onDone={(next: ObligationDetail, action) => {
          updated(next);
          message.success(DONE[action.action] ?? `已${action.label}`);
        }}
      />
    </Card>
  );
}
