import {
  OBLIGATION_STATES,
  type ObligationState,
  ZReturn,
  ZReview,
  ZSubmissionValues,
} from '../schemas/campaign';
import { type ActionOf, defineWorkflow } from './workflow';

/**
 * An org's obligation (应报事项) under a running campaign: it submits the duty's form to the
 * recipients (both supervision lines where the plan says so), one of them accepts or returns it, a
 * returned one is submitted again. A duty kept on record (no recipient) is done once submitted.
 */
export type ObligationParty = 'owner' | 'recipient';
export type ObligationGuard = 'campaignActive' | 'toRecipients' | 'onRecord';

/** What the guards read: the campaign's state and whether anybody receives the obligation. */
export interface ObligationFacts {
  campaignState: 'draft' | 'active' | 'closed';
  hasRecipients: boolean;
}

/** Why the campaign does not take submissions or reviews now, or null. */
function campaignProblem(f: ObligationFacts): string | null {
  if (f.campaignState === 'active') return null;
  return f.campaignState === 'closed' ? '专项活动已结束，不能再报送或审核' : '专项活动尚未启动';
}

const OWNER = { party: 'owner', permission: 'obligation.submit' } as const;
const RECIPIENT = { party: 'recipient', permission: 'obligation.review' } as const;
const OPEN: ObligationState[] = ['pending', 'returned'];

export const OBLIGATION_WORKFLOW = defineWorkflow<
  ObligationState,
  ObligationParty,
  ObligationGuard,
  never,
  ObligationFacts
>()({
  record: '任务',
  states: OBLIGATION_STATES,
  parties: { owner: '报送单位', recipient: '接收单位' },
  guards: {
    campaignActive: campaignProblem,
    toRecipients: (f) => campaignProblem(f) ?? (f.hasRecipients ? null : '该任务报送即备案，无需审核'),
    onRecord: (f) => campaignProblem(f) ?? (f.hasRecipients ? '该任务须报送接收单位审核' : null),
  },
  // biome-ignore format: the table reads best one action per line
  actions: {
    submit: { label: '报送', from: OPEN, to: 'submitted', who: [OWNER], guard: 'toRecipients', evidence: ZSubmissionValues },
    record: { label: '报送备案', from: OPEN, to: 'accepted', who: [OWNER], guard: 'onRecord', evidence: ZSubmissionValues },
    accept: { label: '审核通过', from: ['submitted'], to: 'accepted', who: [RECIPIENT], guard: 'campaignActive', evidence: ZReview },
    return: { label: '退回', from: ['submitted'], to: 'returned', who: [RECIPIENT], guard: 'campaignActive', evidence: ZReturn },
  },
  stateConflicts: {
    submit: { submitted: '该任务已报送，正在等待审核', accepted: '该任务已审核通过' },
    record: { submitted: '该任务已报送，正在等待审核', accepted: '该任务已审核通过' },
    accept: {
      accepted: '该任务已审核通过',
      pending: '该任务当前没有待审核的报送',
      returned: '该任务当前没有待审核的报送',
    },
    return: {
      accepted: '该任务已审核通过',
      pending: '该任务当前没有待审核的报送',
      returned: '该任务当前没有待审核的报送',
    },
  },
});

export type ObligationAction = ActionOf<typeof OBLIGATION_WORKFLOW>;
export const OBLIGATION_ACTIONS = Object.keys(OBLIGATION_WORKFLOW.actions) as [
  ObligationAction,
  ...ObligationAction[],
];
/** The states in which the owing org may still fill in and submit. */
export const OPEN_OBLIGATION_STATES: readonly ObligationState[] = OPEN;
