import { z } from 'zod';
import { optionalText, queryBoolean } from './common';

export const CAMPAIGN_STATES = { draft: '草稿', active: '进行中', closed: '已结束' } as const;
export const ZCampaignState = z.enum(['draft', 'active', 'closed']);

export const OBLIGATION_STATES = {
  pending: '待报送',
  submitted: '已报送待审核',
  accepted: '已通过',
  returned: '已退回',
} as const;
export const ZObligationState = z.enum(['pending', 'submitted', 'accepted', 'returned']);
export type ObligationState = z.infer<typeof ZObligationState>;

export const ZCampaign = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  issuerOrgId: z.string(),
  issuerName: z.string(),
  coIssuerOrgId: z.string().nullable(),
  coIssuerName: z.string().nullable(),
  state: ZCampaignState,
  startsOn: z.string(),
  endsOn: z.string(),
  activatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  abilities: z.object({ canActivate: z.boolean(), canClose: z.boolean() }),
});
export type Campaign = z.infer<typeof ZCampaign>;

export const ZCampaignCreate = z.strictObject({
  planId: z.string().min(1, '请选择活动方案'),
  title: z.string().trim().min(2, '标题至少2个字').max(200),
  coIssuerOrgId: z.string().nullable().optional(),
});

export const ZPlanSummary = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number(),
  title: z.string(),
  createdAt: z.string(),
});

export const ZSubmissionValues = z.strictObject({ values: z.record(z.string(), z.unknown()) });
export const ZReview = z.strictObject({ comment: optionalText(2000) });
// Left out or blank, the reason is asked for in the same words.
export const ZReturn = z.strictObject({
  comment: z.string({ error: '退回时须说明原因' }).trim().min(2, '退回时须说明原因').max(2000),
});

export const OBLIGATION_SCOPES = ['mine', 'review', 'mines'] as const;
export const ZObligationsQuery = z.object({
  campaignId: z.string().max(64).optional(),
  /** mine: what my org owes; review: what waits for my review; mines: what my group's mines owe. */
  scope: z.enum(OBLIGATION_SCOPES).default('mine'),
  state: ZObligationState.optional(),
  /** Only those past their deadline with nothing standing submitted. */
  overdue: queryBoolean.optional(),
});
export type ObligationsQuery = z.output<typeof ZObligationsQuery>;

export const ZBoardCounts = z.object({
  total: z.number(),
  pending: z.number(),
  submitted: z.number(),
  accepted: z.number(),
  returned: z.number(),
  overdue: z.number(),
  late: z.number(),
});
export type BoardCounts = z.infer<typeof ZBoardCounts>;

export const ZBoard = z.object({
  campaignId: z.string(),
  frozenAt: z.string().nullable(),
  rows: z.array(
    z.object({
      dutyKey: z.string(),
      task: z.string(),
      title: z.string(),
      orgKind: z.string(),
      counts: ZBoardCounts,
    }),
  ),
});

export const BOARD_STATUSES = ['pending', 'submitted', 'accepted', 'returned', 'overdue', 'late'] as const;
export const ZBoardOrgsQuery = z.object({
  dutyKey: z.string().min(1).max(60),
  orgKind: z.enum(['province', 'division', 'city', 'county', 'mine']),
  status: z.enum(BOARD_STATUSES).optional(),
});
