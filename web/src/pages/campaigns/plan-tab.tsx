import { ORG_KINDS, type Plan } from '@tiegui/domain';
import { Collapse, List, Space, Tag, Typography } from 'antd';
import { Loading, QueryError } from '../../components/status-results';
import { labelOf } from '../../lib/labels';
import { taskLabel } from '../obligations/obligation-labels';
import { usePlan } from './campaign-api';
import { CADENCES, RECIPIENT_RULES } from './campaign-labels';

type Duty = Plan['duties'][number];

function DutyItem({ duty, plan }: { duty: Duty; plan: Plan }) {
  const form = duty.formKey ? plan.forms.find((f) => f.key === duty.formKey) : undefined;
  const facts = [
    `频次：${labelOf(CADENCES, duty.cadence)}`,
    duty.dueDate
      ? `期限：${duty.dueDate}前`
      : duty.cadence === 'once'
        ? `期限：活动期间（${plan.endsOn}前）`
        : null,
    form ? `交付：${form.title}` : null,
    `报送：${duty.recipients.length ? duty.recipients.map((r) => RECIPIENT_RULES[r] ?? r).join('、') : '存档备查'}`,
  ].filter(Boolean);
  return (
    <List.Item style={{ display: 'block' }}>
      <Space wrap size={4}>
        <Typography.Text strong>{duty.title}</Typography.Text>
        {duty.owedBy.map((kind) => (
          <Tag key={kind} color="blue">
            {labelOf(ORG_KINDS, kind)}
          </Tag>
        ))}
      </Space>
      <div>{facts.join(' · ')}</div>
      {duty.note && <Typography.Text type="warning">{duty.note}</Typography.Text>}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          依据：{duty.source}
          {duty.addedBy ? `（${duty.addedBy}增加）` : ''}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/** 方案: the plan as the document numbers it — sections, tasks, and each duty with who owes it. */
export function PlanTab({ planId }: { planId: string }) {
  const query = usePlan(planId);
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const plan = query.data;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {plan.title}（{plan.documentNumber}，第{plan.version}版），活动时间 {plan.startsOn} 至 {plan.endsOn}。
      </Typography.Paragraph>
      <Collapse
        defaultActiveKey={plan.sections.map((s) => s.code)}
        items={plan.sections.map((section) => ({
          key: section.code,
          label: `${section.code} ${section.title}`,
          children: plan.tasks
            .filter((t) => t.section === section.code)
            .map((task) => (
              <div key={task.no} style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {taskLabel(task.no)} {task.title}
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {' '}
                    （{task.paragraph}）
                  </Typography.Text>
                </Typography.Title>
                {task.summary && <Typography.Paragraph>{task.summary}</Typography.Paragraph>}
                <List
                  size="small"
                  bordered
                  dataSource={plan.duties.filter((d) => d.task === task.no)}
                  renderItem={(duty) => <DutyItem duty={duty} plan={plan} />}
                  locale={{ emptyText: '无分解职责' }}
                />
              </div>
            )),
        }))}
      />
    </>
  );
}
