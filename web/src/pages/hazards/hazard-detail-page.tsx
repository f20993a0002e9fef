import { useQueryClient } from '@tanstack/react-query';
import type { HazardAction, HazardDetail } from '@tiegui/domain';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { DetailCard, detailPage } from '../../components/detail-page';
import { WorkflowActions } from '../../components/workflow-actions';
import { hazardKey, useHazard } from './hazard-api';
import { HazardFacts } from './hazard-facts';
import { HazardHistory } from './hazard-history';
import { LevelTag, OverdueTag, StateTag, StopTag, SupervisedTag } from './hazard-labels';
import { HazardSteps } from './hazard-steps';
import { SupervisionPanel } from './supervision-panel';

const DANGER: HazardAction[] = ['refuseResume', 'refuseExtension', 'failEvaluation', 'orderStop'];

function HazardView({ record: hazard }: { record: HazardDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showSupervision = hazard.abilities.canSupervise || hazard.supervisions.length > 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailCard
        printTitle={`${hazard.mineName}隐患登记及治理记录`}
        title={
          <>
            <LevelTag level={hazard.level} />
            <span>{hazard.mineName}</span>
            <StateTag state={hazard.state} />
            <OverdueTag overdue={hazard.overdue} />
            <SupervisedTag supervised={hazard.supervised} />
            <StopTag stop={hazard.productionStop} />
          </>
        }
      >
        {hazard.recurrenceOf && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="hazard-recurrence"
            message="重复发生：该矿3个月内再次发现重大事故隐患且仍在生产，应提请关闭"
            action={
              <Button
                size="small"
                type="link"
                onClick={() => void navigate(`/hazards/${hazard.recurrenceOf}`)}
              >
                查看前次隐患
              </Button>
            }
          />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{hazard.description}</Typography.Paragraph>
        <HazardSteps hazard={hazard} />
      </DetailCard>
      <Card title="办理" size="small" className="tg-no-print" data-testid="hazard-actions">
        {hazard.actions.length === 0 ? (
          <Typography.Text type="secondary">
            {hazard.state === 'closed' ? '该隐患已销号。' : '当前没有您可以办理的操作。'}
          </Typography.Text>
        ) : (
          <WorkflowActions
            target={{ records: 'hazards', id: hazard.id }}
            actionForms={hazard.actionForms}
            danger={DANGER}
            onDone={(saved: HazardDetail, action) => {
              queryClient.setQueryData(hazardKey(saved.id), saved);
              void queryClient.invalidateQueries({ queryKey: ['hazards'] });
              message.success(`已${action.label}`);
            }}
          />
        )}
      </Card>
      <Card title="隐患信息" size="small">
        <HazardFacts hazard={hazard} />
      </Card>
      {showSupervision && (
        <Card title="挂牌督办" size="small">
          <SupervisionPanel hazard={hazard} />
        </Card>
      )}
      <Card title="办理记录" size="small">
        <HazardHistory events={hazard.events} />
      </Card>
    </Space>
  );
}

/** One hazard: its loop's steps, the actions the server lets this user take, facts, 挂牌督办 and history. */
export const HazardDetailPage = detailPage(useHazard, '隐患不存在或无权查看', HazardView);
