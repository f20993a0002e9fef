import {
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  type HazardDetail,
  PRODUCTION_STOPS,
  ROOT_CAUSE_CATEGORIES,
} from '@tiegui/domain';
import { Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { labelOf, regionText } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { EvidenceList, EvidenceValue } from './hazard-history';
import { OverdueTag, yuanText } from './hazard-labels';

const text = (v: string | null | undefined): ReactNode => (v ? v : '—');

function factItems(h: HazardDetail): { label: string; children: ReactNode; span?: number }[] {
  const items: { label: string; children: ReactNode; span?: number }[] = [
    { label: '矿山', children: <Link to={`/mines/${h.mineId}`}>{h.mineName}</Link> },
    { label: '行政区划', children: regionText(h.regionCode) },
    { label: '隐患等级', children: labelOf(HAZARD_LEVELS, h.level) },
    {
      label: '隐患类别',
      children: h.categoryTitle ? `${h.categoryCode} ${h.categoryTitle}` : '—',
    },
    { label: '具体情形', children: h.itemText ? `${h.itemCode} ${h.itemText}` : '—' },
    { label: '隐患内容', children: h.description, span: 2 },
    { label: '地点和部位', children: h.location },
    { label: '发现日期', children: h.foundOn },
    { label: '排查人员', children: `${h.foundBy}（${h.foundByOrgName}）` },
    {
      label: '隐患来源',
      children: `${labelOf(HAZARD_SOURCES, h.source)}${h.selfReported ? '（企业自报）' : ''}`,
    },
    {
      label: '停产情况',
      children: `${labelOf(PRODUCTION_STOPS, h.productionStop)}${h.stoppedArea ? `：${h.stoppedArea}` : ''}`,
    },
    { label: '发现后采取的安全措施', children: text(h.immediateMeasures) },
    { label: '照片', children: <EvidenceValue name="photos" value={h.photos} /> },
    { label: '附件', children: <EvidenceValue name="files" value={h.files} /> },
    { label: '整改责任单位', children: text(h.plan.responsibleUnit) },
    { label: '整改责任人', children: text(h.plan.responsiblePerson) },
    { label: '整改措施', children: text(h.plan.measures) },
    { label: '整改资金', children: yuanText(h.plan.fundsFen) },
    {
      label: '整改时限',
      children: (
        <Space size={4}>
          {text(h.plan.timeLimit)}
          <OverdueTag overdue={h.overdue} />
        </Space>
      ),
    },
    { label: '应急预案', children: text(h.plan.contingencyPlan) },
  ];
  if (h.level === 'major') {
    items.push(
      { label: '治理目标和任务', children: text(h.plan.goal) },
      { label: '方法和措施', children: text(h.plan.methods) },
      { label: '治理机构和人员', children: text(h.plan.organisation) },
      { label: '安全措施', children: text(h.plan.safetyMeasures) },
      { label: '治理方案文件', children: <EvidenceValue name="planFiles" value={h.plan.planFiles} /> },
    );
  }
  if (h.extension) {
    items.push({
      label: '待审批的延期申请',
      children: `延期至 ${h.extension.requestedUntil}：${h.extension.reason}（${formatTime(h.extension.requestedAt, 'YYYY-MM-DD HH:mm')}）`,
      span: 2,
    });
  }
  if (h.state === 'closed') {
    items.push(
      { label: '销号时间', children: formatTime(h.closedAt, 'YYYY-MM-DD HH:mm') },
      { label: '整改用时', children: h.daysToClose === null ? '—' : `${h.daysToClose} 天` },
      { label: '原因分类', children: labelOf(ROOT_CAUSE_CATEGORIES, h.rootCauseCategory) },
      { label: '原因分析', children: text(h.rootCause) },
    );
    if (h.closure)
      items.push({ label: '销号核查', children: <EvidenceList evidence={h.closure} />, span: 2 });
  }
  items.push(
    { label: '登记时间', children: formatTime(h.createdAt) },
    { label: '更新时间', children: formatTime(h.updatedAt) },
  );
  return items;
}

export function HazardFacts({ hazard }: { hazard: HazardDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      items={factItems(hazard).map((item, i) => ({ key: String(i), ...item }))}
      data-testid="hazard-facts"
    />
  );
}
