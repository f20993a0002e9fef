import type { MineStatus } from '@tiegui/domain';
import { MINE_STATUSES } from '@tiegui/domain';
import { Tag } from 'antd';

const STATUS_COLORS: Record<MineStatus, string> = {
  producing: 'green',
  construction: 'blue',
  suspended_rectification: 'orange',
  long_term_suspended: 'default',
  closed: 'red',
};

export function MineStatusTag({ status }: { status: MineStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{MINE_STATUSES[status]}</Tag>;
}

export function InactiveTag({ active }: { active: boolean }) {
  return active ? null : <Tag color="default">已停用</Tag>;
}
