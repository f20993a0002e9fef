import { ArrowLeftOutlined } from '@ant-design/icons';
import { type HazardAction, transitionOf } from '@tiegui/domain';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Loading, QueryError } from '../../components/status-results';
import { ActionModal } from './action-modal';
import { useHazard } from './hazard-api';
import { HazardFacts } from './hazard-facts';
import { HazardHistory } from './hazard-history';
import { LevelTag, OverdueTag, StateTag, StopTag, SupervisedTag } from './hazard-labels';
import { HazardSteps } from './hazard-steps';
import { SupervisionPanel } from './supervision-panel';

const DANGER: HazardAction[] = ['refuseResume', 'refuseExtension', 'failEvaluation', 'orderStop'];

export function HazardDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useHazard(id);
  const [action, setAction] = useState<HazardAction | null>(null);

  if (query.isPending) return <Loading />;
  if (query.error) {
    return (
      <QueryError
        error={query.error}
        notFoundTitle="隐患不存在或无权查看"
        onRetry={() => void query.refetch()}
      />
    );
  }
  const hazard = query.data;
  const showSupervision = hazard.abilities.canSupervise || hazard.supervisions.length > 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={4}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label="返回"
              onClick={() => void navigate(-1)}
            />
            <LevelTag level={hazard.level} />
            <span>{hazard.mineName}</span>
            <StateTag state={hazard.state} />
            <OverdueTag overdue={hazard.overdue} />
            <SupervisedTag supervised={hazard.supervised} />
            <StopTag stop={hazard.productionStop} />
          </Space>
        }
        styles={{ header: { flexWrap: 'wrap' } }}
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
      </Card>
      <Card title="办理" size="small" data-testid="hazard-actions">
        {hazard.actions.length === 0 ? (
          <Typography.Text type="secondary">
            {hazard.state === 'closed' ? '该隐患已销号。' : '当前没有您可以办理的操作。'}
          </Typography.Text>
        ) : (
          <Space wrap>
            {hazard.actions.map((a, i) => (
              <Button
                key={a}
                type={i === 0 && !DANGER.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => setAction(a)}
              >
                {transitionOf(a).label}
              </Button>
            ))}
          </Space>
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
      {action && <ActionModal key={action} hazard={hazard} action={action} onClose={() => setAction(null)} />}
    </Space>
  );
}
