import { z } from 'zod';
import { ZFormDefinition } from '../forms/definition';
import { OBLIGATION_ACTIONS } from '../workflows/obligation';
import { ZObligationState } from './campaign';
import { zWorkflowActionForm } from './common';

/**
 * An org's obligation as the API answers it. Apart from the campaign's schemas because it names its
 * workflow's actions, and the workflow takes its states and bodies from there.
 */
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

export const ZObligationAction = z.enum(OBLIGATION_ACTIONS);

/** An action the signed-in user may take now, with the form of its body. */
export const ZObligationActionForm = zWorkflowActionForm(ZObligationAction);
export type ObligationActionForm = z.infer<typeof ZObligationActionForm>;

export const ZObligationDetail = ZObligation.extend({
  form: ZFormDefinition,
  dutyNote: z.string().nullable(),
  source: z.string(),
  submissions: z.array(ZSubmission),
  abilities: z.object({ canEdit: z.boolean(), canSubmit: z.boolean(), canReview: z.boolean() }),
  /** The transitions the signed-in user may take now. */
  actions: z.array(ZObligationAction),
  /**
   * Beside `actions`, in the same order: the form of each that has one. The submission has none
   * here: its body is the duty's deliverable `form`, filled in with its drafts.
   */
  actionForms: z.array(ZObligationActionForm),
});
export type ObligationDetail = z.infer<typeof ZObligationDetail>;
