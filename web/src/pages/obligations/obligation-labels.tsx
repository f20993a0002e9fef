import { OBLIGATION_STATES, type Obligation, type ObligationState, type Submission } from '@tiegui/domain';
import { Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';

const STATE_COLORS: Record<ObligationState, string> = {
  pending: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'warning',
};

export function ObligationStateTag({ state }: { state: ObligationState }) {
  return <Tag color={STATE_COLORS[state]}>{OBLIGATION_STATES[state]}</Tag>;
}

/** 逾期 (the deadline passed with nothing standing submitted) and 逾期报送 (first sent after it). */
export function LateTags({ obligation }: { obligation: Pick<Obligation, 'overdue' | 'late'> }) {
  return (
    <>
      {obligation.overdue && <Tag color="red">逾期</Tag>}
      {obligation.late && <Tag color="orange">逾期报送</Tag>}
    </>
  );
}

/** The 状态 column of a list of duties (a duty list, a board's orgs): the state and its lateness. */
export function obligationStateColumn<T extends Pick<Obligation, 'state' | 'overdue' | 'late'>>(
  width: number,
): ColumnType<T> {
  return {
    title: '状态',
    key: 'state',
    width,
    render: (_, o) => (
      <>
        <ObligationStateTag state={o.state} />
        <LateTags obligation={o} />
      </>
    ),
  };
}

export const SUBMISSION_STATES: Record<Submission['state'], string> = {
  draft: '草稿',
  submitted: '已报送待审核',
  returned: '已退回',
  accepted: '已通过',
};

const SUBMISSION_COLORS: Record<Submission['state'], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

export function SubmissionStateTag({ state }: { state: Submission['state'] }) {
  return <Tag color={SUBMISSION_COLORS[state]}>{SUBMISSION_STATES[state]}</Tag>;
}

/**
 * "任务3"; the plan's own paragraph as it stands (五(二)); a duty a region added when it relayed
 * the plan is marked by its region's name alone in the plan, so it reads "忻州转发要求".
 */
export function taskLabel(task: string): string {
  if (/^\d+$/.test(task)) return `任务${task}`;
  return /[（(]/.test(task) ? task : `${task}转发要求`;
}
