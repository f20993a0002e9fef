import { CAMPAIGN_STATES, type Campaign } from '@tiegui/domain';
import { Tag } from 'antd';

const COLORS: Record<Campaign['state'], string> = {
  draft: 'default',
  active: 'processing',
  closed: 'success',
};

export function CampaignStateTag({ state }: { state: Campaign['state'] }) {
  return <Tag color={COLORS[state]}>{CAMPAIGN_STATES[state]}</Tag>;
}

/** Board columns in the order the campaign reads them. */
export const BOARD_COLUMNS = [
  { key: 'total', label: '应报' },
  { key: 'pending', label: '待报送' },
  { key: 'submitted', label: '已报送待审核' },
  { key: 'accepted', label: '已通过' },
  { key: 'returned', label: '已退回' },
  { key: 'overdue', label: '逾期未报' },
  { key: 'late', label: '逾期报送' },
] as const;

export const CADENCES: Record<string, string> = {
  once: '一次性',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  per_event: '按事件',
  continuous: '持续开展',
};

export const RECIPIENT_RULES: Record<string, string> = {
  supervisor: '负责监管的上级部门',
  division: '驻地监察执法处',
  issuer: '发文单位（省级）',
};
