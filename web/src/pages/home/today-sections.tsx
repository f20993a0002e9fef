import { HAZARD_ACTION_LABELS, type Today } from '@tiegui/domain';
import { Card, List, Progress, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../../lib/time';
import { LevelTag, OverdueTag } from '../hazards/hazard-labels';
import { taskLabel } from '../obligations/obligation-labels';
import { daysText } from './today-api';

/** A section: its lines, or what is done when there are none, and where the whole list is. */
export function Section<T>(props: {
  title: string;
  testId: string;
  items: T[];
  done: string;
  more?: { to: string; text: string };
  render: (item: T) => ReactNode;
}) {
  return (
    <Card
      size="small"
      title={props.title}
      data-testid={props.testId}
      extra={props.more && <Link to={props.more.to}>{props.more.text}</Link>}
    >
      <List
        size="small"
        dataSource={props.items}
        locale={{ emptyText: <Typography.Text type="success">{props.done}</Typography.Text> }}
        renderItem={(item) => <List.Item>{props.render(item)}</List.Item>}
      />
    </Card>
  );
}

const daysTag = (daysLeft: number) => (
  <Tag color={daysLeft < 0 ? 'red' : daysLeft <= 2 ? 'orange' : 'blue'}>{daysText(daysLeft)}</Tag>
);

export function DutiesSection({ t }: { t: Today }) {
  const overdue = t.duties.filter((d) => d.daysLeft < 0).length;
  return (
    <Section
      title="本单位任务：逾期和7日内到期"
      testId="today-duties"
      items={t.duties}
      done={
        t.dutiesOpen === 0
          ? '本单位的任务均已报送'
          : `7日内没有到期的任务（其余${t.dutiesOpen}项待报送任务期限未到）`
      }
      more={
        overdue > 0
          ? { to: '/duties?overdue=true', text: `逾期${overdue}项，查看逾期任务` }
          : { to: '/duties', text: '查看全部任务' }
      }
      render={(d) => (
        <Space wrap size={4}>
          {daysTag(d.daysLeft)}
          <Link to={`/duties/${d.id}`}>
            {taskLabel(d.task)} {d.dutyTitle}
          </Link>
          <Typography.Text type="secondary">
            {d.periodLabel} · 截止 {formatTime(d.dueAt, 'YYYY-MM-DD')}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

export function ReviewsSection({ t }: { t: Today }) {
  return (
    <Section
      title={`待审核的报送（${t.reviews.length}）`}
      testId="today-reviews"
      items={t.reviews.slice(0, 10)}
      done="下级报送均已审核"
      more={{ to: '/duties?tab=review', text: '查看全部待审核' }}
      render={(r) => (
        <Space wrap size={4}>
          <Link to={`/duties/${r.id}`}>{r.dutyTitle}</Link>
          <Typography.Text type="secondary">
            {r.orgName} · 报送于 {formatTime(r.submittedAt, 'YYYY-MM-DD')}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

export function NoticesSection({ t }: { t: Today }) {
  return (
    <Section
      title="待签收、待转发的通知"
      testId="today-notices"
      items={t.notices}
      done="收到的通知均已签收转发"
      more={{ to: '/notices', text: '收文' }}
      render={(n) => (
        <Space wrap size={4}>
          <Tag color={n.need === 'sign' ? 'red' : 'orange'}>{n.need === 'sign' ? '待签收' : '待转发'}</Tag>
          <Link to={`/notices/${n.id}`}>{n.title}</Link>
          <Typography.Text type="secondary">
            {n.docNumber} · {n.issuerName}
            {n.replyDueAt && ` · 回复期限 ${formatTime(n.replyDueAt, 'YYYY-MM-DD')}`}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

export function HazardsSection({ t }: { t: Today }) {
  return (
    <Section
      title="等待本人办理的隐患"
      testId="today-hazards"
      items={t.hazards}
      done="没有等待办理的隐患"
      more={{ to: '/hazards?open=true', text: t.hazardsMore ? '更多未销号隐患' : '未销号隐患' }}
      render={(h) => (
        <Space wrap size={4}>
          <LevelTag level={h.level} />
          <OverdueTag overdue={h.overdue} />
          <Link to={`/hazards/${h.id}`}>
            {h.mineName}：{h.description}
          </Link>
          <Typography.Text type="secondary">
            待{h.actions.map((a) => HAZARD_ACTION_LABELS[a]).join('或')}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

export function SupervisionsSection({ t }: { t: Today }) {
  return (
    <Section
      title="挂牌督办：整改进展报告"
      testId="today-supervisions"
      items={t.supervisions}
      done="督办隐患的整改进展均已按期报告"
      more={{ to: '/hazards?supervised=true&open=true', text: '督办隐患' }}
      render={(s) => (
        <Space wrap size={4}>
          {s.reportOverdue ? <Tag color="red">报告已逾期</Tag> : <Tag color="orange">报告将到期</Tag>}
          {s.deadlineOverdue && <Tag color="red">超过督办期限</Tag>}
          <Link to={`/hazards/${s.hazardId}`}>{s.mineName}</Link>
          <Typography.Text type="secondary">
            {s.orgName}督办 · 下次报告 {s.reportDueOn} · 督办期限 {s.deadline}
          </Typography.Text>
        </Space>
      )}
    />
  );
}

export function MineDutiesSection({ t }: { t: Today }) {
  const m = t.mineDuties;
  if (!m) return null;
  return (
    <Card size="small" title="所属矿山的任务" data-testid="today-mine-duties">
      <Space wrap size={16}>
        <Link to="/duties?tab=mines&overdue=true">
          <Typography.Text type={m.overdue > 0 ? 'danger' : 'success'}>
            逾期未报 {m.overdue} 项
          </Typography.Text>
        </Link>
        <Link to="/duties?tab=mines">待报送 {m.open} 项</Link>
        <Link to="/hazards?open=true">所属矿山未销号隐患</Link>
      </Space>
    </Card>
  );
}

export function BehindSection({ t }: { t: Today }) {
  return (
    <Section
      title="进度落后的下级地区（按完成率排名）"
      testId="today-behind"
      items={t.behind}
      done="下级地区没有逾期未报的任务"
      render={(r) => (
        <Space wrap size={8} style={{ width: '100%' }}>
          <Link
            to={`/campaigns/${r.campaignId}?tab=board${r.code.endsWith('00') ? `&region=${r.code}` : ''}`}
          >
            {r.name}
          </Link>
          <Progress percent={Math.round(r.rate * 1000) / 10} size="small" style={{ width: 160 }} />
          <Typography.Text type="danger">逾期未报 {r.overdue} 项</Typography.Text>
          <Typography.Text type="secondary">{r.campaignTitle}</Typography.Text>
        </Space>
      )}
    />
  );
}
