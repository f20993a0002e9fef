import {
  HAZARD_STATES,
  type HazardLevel,
  type HazardState,
  PRODUCTION_STOPS,
  type ProductionStop,
} from '@tiegui/domain';
import { Tag } from 'antd';
import { labelOf } from '../../lib/labels';

export const LEVEL_SHORT: Record<HazardLevel, string> = { major: '重大', general: '一般' };

export function LevelTag({ level }: { level: HazardLevel }) {
  return <Tag color={level === 'major' ? 'red' : 'gold'}>{LEVEL_SHORT[level]}</Tag>;
}

const STATE_COLORS: Record<HazardState, string> = {
  registered: 'default',
  planned: 'blue',
  rectifying: 'processing',
  rectified: 'cyan',
  evaluated: 'geekblue',
  resume_applied: 'purple',
  resume_approved: 'purple',
  closed: 'success',
};

export function StateTag({ state }: { state: HazardState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid="hazard-state">
      {labelOf(HAZARD_STATES, state)}
    </Tag>
  );
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? <Tag color="error">逾期</Tag> : null;
}

export function SupervisedTag({ supervised }: { supervised: boolean }) {
  return supervised ? <Tag color="volcano">督办</Tag> : null;
}

export function StopTag({ stop }: { stop: ProductionStop }) {
  return stop === 'none' ? null : <Tag color="orange">{PRODUCTION_STOPS[stop]}</Tag>;
}

/** Integer 分 as yuan with two decimals. */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}
