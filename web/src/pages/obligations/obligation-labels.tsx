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

/** "任务3", or the paragraph itself when the duty comes from elsewhere (五(二), 忻州). */
export function taskLabel(task: string): string {
  return /^\d+$/.test(task) ? `任务${task}` : task;
}
