import {
  actionFormsOf,
  hasPermission,
  OBLIGATION_WORKFLOW,
  type Obligation,
  type ObligationDetail,
  type ObligationState,
  type ObligationsQuery,
  OPEN_OBLIGATION_STATES,
  type Plan,
  type Submission,
} from '@tiegui/domain';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden } from '../../lib/errors';
import { actionsFor } from '../../workflow/engine';
import { linkSubmissionFiles } from './obligation.files';
import { listDutyRows, type ObligationRow, recipientsOf } from './obligation.repository';
import { checkedValues, dutyOf, loadObligation, OBLIGATION_RECORDS } from './obligation.workflow';
import { loadPlan } from './plan.repository';
import { submissionsOf, writeSubmission } from './submission.repository';

export interface ObligationDeps {
  db: Db;
  clock: Clock;
}

/** Overdue is derived, never stored: the deadline passed and nothing stands submitted (frozen at closure). */
export function isOverdue(
  row: Pick<ObligationRow, 'state' | 'due_at' | 'campaign_closed_at'>,
  now: Date,
): boolean {
  const at = row.campaign_closed_at ?? now.toISOString();
  return OPEN_OBLIGATION_STATES.includes(row.state as ObligationState) && row.due_at < at;
}

function present(
  row: ObligationRow,
  plan: Plan,
  recipients: { id: string; name: string }[],
  now: Date,
): Obligation {
  const duty = dutyOf(plan, row.duty_key);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignTitle: row.campaign_title,
    dutyKey: row.duty_key,
    dutyTitle: duty.title,
    task: duty.task,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    periodKey: row.period_key,
    periodLabel: row.period_label,
    dueAt: row.due_at,
    state: row.state as Obligation['state'],
    overdue: isOverdue(row, now),
    late: row.late === 1,
    submittedAt: row.submitted_at,
    acceptedAt: row.accepted_at,
    recipients,
  };
}

async function presentAll(db: Db, rows: ObligationRow[], now: Date): Promise<Obligation[]> {
  const recipients = await recipientsOf(
    db,
    rows.map((r) => r.id),
  );
  const plans = new Map<string, Plan>();
  for (const r of rows) if (!plans.has(r.plan_id)) plans.set(r.plan_id, await loadPlan(db, r.plan_id));
  return rows.map((r) => present(r, plans.get(r.plan_id)!, recipients.get(r.id) ?? [], now));
}

/**
 * "My duties": what the actor's org owes (overdue first, then by deadline), what it must review
 * (submissions waiting for it), or, for a group, what its mines owe; `overdue` keeps the late ones.
 */
export async function listObligations(
  { db, clock }: ObligationDeps,
  actor: Actor,
  query: ObligationsQuery,
): Promise<Obligation[]> {
  // Regulators follow their mines on the campaign board; the list of the mines is a group's view.
  if (query.scope === 'mines' && actor.orgKind !== 'group') return [];
  const now = clock.now();
  const rows = await listDutyRows(db, actor, query);
  const items = (await presentAll(db, rows, now)).filter((o) => !query.overdue || o.overdue);
  // Overdue first, then by deadline (a stable sort keeps the deadline order within each group).
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

function presentSubmission(s: {
  id: string;
  version: number;
  state: string;
  content: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitter: string | null;
  reviewed_at: string | null;
  reviewer: string | null;
  reviewer_org_name: string | null;
  review_comment: string | null;
}): Submission {
  return {
    id: s.id,
    version: s.version,
    state: s.state as Submission['state'],
    values: JSON.parse(s.content) as Record<string, unknown>,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    submittedAt: s.submitted_at,
    submittedBy: s.submitter,
    reviewedAt: s.reviewed_at,
    reviewedBy: s.reviewer,
    reviewerOrgName: s.reviewer_org_name,
    reviewComment: s.review_comment,
  };
}

/** One obligation with its form, every submitted version, and what the actor may do. */
export async function getObligation(
  { db, clock }: ObligationDeps,
  actor: Actor,
  id: string,
): Promise<ObligationDetail> {
  const row = await loadObligation(db, actor, id);
  if (!row) throw new OutOfScopeError('任务');
  const submissions = (await submissionsOf(db, row.id)).map(presentSubmission);
  const actions = actionsFor(OBLIGATION_RECORDS, actor, row);
  const canSubmit = actions.includes('submit') || actions.includes('record');
  return {
    ...present(row, row.plan, row.recipients, clock.now()),
    form: row.form,
    dutyNote: row.duty.note ?? null,
    source: row.duty.source,
    // Only the owner sees its unsent draft.
    submissions: submissions.filter((s) => s.state !== 'draft' || row.org_id === actor.orgId),
    abilities: { canEdit: canSubmit, canSubmit, canReview: actions.includes('accept') },
    actions,
    actionForms: actionFormsOf(OBLIGATION_WORKFLOW, actions),
  };
}

/** Saves a draft: required fields may still be empty, but what is filled must be valid. */
export async function saveDraft(
  deps: ObligationDeps,
  actor: Actor,
  id: string,
  values: unknown,
): Promise<ObligationDetail> {
  const { db, clock } = deps;
  const row = await loadObligation(db, actor, id);
  if (!row) throw new OutOfScopeError('任务');
  if (row.org_id !== actor.orgId) throw forbidden('只能填报本单位的任务');
  if (!hasPermission(actor.roles, 'obligation.submit')) throw forbidden();
  // A draft may be saved exactly when the obligation may be submitted.
  const { state, facts } = OBLIGATION_RECORDS.factsOf(row);
  const problem =
    OBLIGATION_WORKFLOW.guards.campaignActive(facts) ??
    (OPEN_OBLIGATION_STATES.includes(state) ? null : '已报送的任务不能再修改，如需修改请等待审核退回');
  if (problem) throw new AppError('CONFLICT', problem);
  const checked = await checkedValues(db, actor, row.form, values, true);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const version = await writeSubmission(trx, {
      obligationId: id,
      formKey: row.form.key,
      formVersion: row.form.version,
      values: checked,
      state: 'draft',
      userId: actor.userId,
      at: now.toISOString(),
    });
    await linkSubmissionFiles(trx, id, version, row.form, checked, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'obligation.draft_saved', entityType: 'obligation', entityId: id, changes: { version } },
      now,
    );
  });
  return getObligation(deps, actor, id);
}
