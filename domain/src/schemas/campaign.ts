import { z } from 'zod';
import { ZFormDefinition } from '../forms/definition';
import { optionalText } from './common';

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

export const ZObligation = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  dutyKey: z.string(),
  dutyTitle: z.string(),
  task: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueAt: z.string(),
  state: ZObligationState,
  overdue: z.boolean(),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  recipients: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Obligation = z.infer<typeof ZObligation>;

export const ZSubmission = z.object({
  id: z.string(),
  version: z.number(),
  state: z.enum(['draft', 'submitted', 'returned', 'accepted']),
  values: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewerOrgName: z.string().nullable(),
  reviewComment: z.string().nullable(),
});
export type Submission = z.infer<typeof ZSubmission>;

export const ZObligationDetail = ZObligation.extend({
  form: ZFormDefinition,
  dutyNote: z.string().nullable(),
  source: z.string(),
  submissions: z.array(ZSubmission),
  abilities: z.object({ canEdit: z.boolean(), canSubmit: z.boolean(), canReview: z.boolean() }),
});
export type ObligationDetail = z.infer<typeof ZObligationDetail>;

export const ZSubmissionValues = z.strictObject({ values: z.record(z.string(), z.unknown()) });
export const ZReview = z.strictObject({ comment: optionalText(2000) });
export const ZReturn = z.strictObject({ comment: z.string().trim().min(2, '退回时须说明原因').max(2000) });

export const ZObligationsQuery = z.object({
  campaignId: z.string().max(64).optional(),
  scope: z.enum(['mine', 'review']).default('mine'),
  state: ZObligationState.optional(),
});

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
