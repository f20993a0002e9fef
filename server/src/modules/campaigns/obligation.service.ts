import {
  type FormDefinition,
  hasPermission,
  type Obligation,
  type ObligationDetail,
  type Plan,
  type Submission,
  validateForm,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError, obligationScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { assertAttachable } from '../files/file.service';
import { notifyOrgs } from '../notifications/notification.service';
import { linkSubmissionFiles, submissionFileRefs } from './obligation.files';
import { type ObligationRow, obligationQuery, recipientsOf } from './obligation.repository';
import { loadPlan } from './plan.repository';

export interface ObligationDeps {
  db: Db;
  clock: Clock;
}

/** The states in which the owing org may still fill in and submit an obligation. */
export const OPEN = ['pending', 'returned'];

/** Overdue is derived, never stored: the deadline passed and nothing stands submitted (frozen at closure). */
export function isOverdue(
  row: Pick<ObligationRow, 'state' | 'due_at' | 'campaign_closed_at'>,
  now: Date,
): boolean {
  const at = row.campaign_closed_at ?? now.toISOString();
  return OPEN.includes(row.state) && row.due_at < at;
}

function dutyOf(plan: Plan, key: string) {
  const duty = plan.duties.find((d) => d.key === key);
  if (!duty) throw new Error(`plan ${plan.key} v${plan.version} has no duty ${key}`);
  return duty;
}

function formOf(plan: Plan, key: string): FormDefinition {
  const form = plan.forms.find((f) => f.key === key);
  if (!form) throw new Error(`plan ${plan.key} has no form ${key}`);
  return form;
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
 * "My duties": what the actor's org owes (overdue first, then by deadline), or what it must
 * review (submissions waiting for it).
 */
export async function listDuties(
  { db, clock }: ObligationDeps,
  actor: Actor,
  query: { campaignId?: string; scope: 'mine' | 'review'; state?: string },
): Promise<Obligation[]> {
  const now = clock.now();
  let q = obligationQuery(db).where('c.state', '!=', 'draft');
  if (query.campaignId) q = q.where('ob.campaign_id', '=', query.campaignId);
  if (query.scope === 'mine') {
    q = q.where('ob.org_id', '=', actor.orgId);
    if (query.state) q = q.where('ob.state', '=', query.state);
  } else {
    q = q
      .where('ob.state', '=', query.state ?? 'submitted')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('obligation_recipients as r')
            .select('r.org_id')
            .whereRef('r.obligation_id', '=', 'ob.id')
            .where('r.org_id', '=', actor.orgId),
        ),
      );
  }
  const rows = await q.orderBy('ob.due_at').orderBy('ob.id').limit(2000).execute();
  const items = await presentAll(db, rows, now);
  // Overdue first, then by deadline (a stable sort keeps the deadline order within each group).
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

async function loadVisible(db: Db, actor: Actor, id: string) {
  const row = await obligationQuery(db)
    .where('ob.id', '=', id)
    .where(obligationScope(actor))
    .executeTakeFirst();
  if (!row) throw new OutOfScopeError('任务');
  return row;
}

function abilitiesOf(row: ObligationRow, actor: Actor, recipients: { id: string }[]) {
  const active = row.campaign_state === 'active';
  const owner = row.org_id === actor.orgId && hasPermission(actor.roles, 'obligation.submit');
  const reviewer =
    recipients.some((r) => r.id === actor.orgId) &&
    row.org_id !== actor.orgId &&
    hasPermission(actor.roles, 'obligation.review');
  return {
    canEdit: active && owner && OPEN.includes(row.state),
    canSubmit: active && owner && OPEN.includes(row.state),
    canReview: active && reviewer && row.state === 'submitted',
  };
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

function submissionsOf(db: Db, obligationId: string) {
  return db
    .selectFrom('submissions as s')
    .leftJoin('users as su', 'su.id', 's.submitted_by')
    .leftJoin('users as ru', 'ru.id', 's.reviewed_by')
    .leftJoin('orgs as ro', 'ro.id', 's.reviewer_org_id')
    .select([
      's.id',
      's.version',
      's.state',
      's.content',
      's.created_at',
      's.updated_at',
      's.submitted_at',
      'su.display_name as submitter',
      's.reviewed_at',
      'ru.display_name as reviewer',
      'ro.name as reviewer_org_name',
      's.review_comment',
    ])
    .where('s.obligation_id', '=', obligationId)
    .orderBy('s.version', 'desc')
    .execute();
}

/** One obligation with its form, every submitted version, and what the actor may do. */
export async function getObligation(
  { db, clock }: ObligationDeps,
  actor: Actor,
  id: string,
): Promise<ObligationDetail> {
  const row = await loadVisible(db, actor, id);
  const plan = await loadPlan(db, row.plan_id);
  const recipients = (await recipientsOf(db, [row.id])).get(row.id) ?? [];
  const duty = dutyOf(plan, row.duty_key);
  const submissions = (await submissionsOf(db, row.id)).map(presentSubmission);
  const abilities = abilitiesOf(row, actor, recipients);
  return {
    ...present(row, plan, recipients, clock.now()),
    form: formOf(plan, duty.formKey!),
    dutyNote: duty.note ?? null,
    source: duty.source,
    // Only the owner sees its unsent draft.
    submissions: submissions.filter((s) => s.state !== 'draft' || row.org_id === actor.orgId),
    abilities,
  };
}

function assertState(row: ObligationRow, allowed: readonly string[], message: string) {
  if (row.campaign_state !== 'active') {
    throw new AppError(
      'CONFLICT',
      row.campaign_state === 'closed' ? '专项活动已结束，不能再报送或审核' : '专项活动尚未启动',
    );
  }
  if (!allowed.includes(row.state)) throw new AppError('CONFLICT', message);
}

async function latestSubmission(trx: Kysely<Database>, obligationId: string) {
  return trx
    .selectFrom('submissions')
    .select(['id', 'version', 'state'])
    .where('obligation_id', '=', obligationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function writeSubmission(
  trx: Kysely<Database>,
  row: ObligationRow,
  form: FormDefinition,
  values: Record<string, unknown>,
  state: 'draft' | 'submitted',
  actor: Actor,
  now: Date,
): Promise<number> {
  const stamp = now.toISOString();
  const latest = await latestSubmission(trx, row.id);
  const submitted = state === 'submitted' ? { submitted_at: stamp, submitted_by: actor.userId } : {};
  if (latest?.state === 'draft') {
    await trx
      .updateTable('submissions')
      .set({
        content: JSON.stringify(values),
        state,
        updated_at: stamp,
        form_version: form.version,
        ...submitted,
      })
      .where('id', '=', latest.id)
      .execute();
    return latest.version;
  }
  const version = (latest?.version ?? 0) + 1;
  await trx
    .insertInto('submissions')
    .values({
      id: newId(),
      obligation_id: row.id,
      version,
      form_key: form.key,
      form_version: form.version,
      content: JSON.stringify(values),
      state,
      created_at: stamp,
      updated_at: stamp,
      submitted_at: null,
      submitted_by: null,
      reviewed_at: null,
      reviewed_by: null,
      reviewer_org_id: null,
      review_comment: null,
      ...submitted,
    })
    .execute();
  return version;
}

async function ownerContext(db: Db, actor: Actor, id: string) {
  const row = await loadVisible(db, actor, id);
  if (row.org_id !== actor.orgId) throw forbidden('只能填报本单位的任务');
  if (!hasPermission(actor.roles, 'obligation.submit')) throw forbidden();
  const plan = await loadPlan(db, row.plan_id);
  const duty = dutyOf(plan, row.duty_key);
  return { row, duty, form: formOf(plan, duty.formKey!) };
}

/** Saves a draft: required fields may still be empty, but what is filled must be valid. */
export async function saveDraft(
  deps: ObligationDeps,
  actor: Actor,
  id: string,
  values: unknown,
): Promise<ObligationDetail> {
  const { db, clock } = deps;
  const { row, form } = await ownerContext(db, actor, id);
  assertState(row, OPEN, '已报送的任务不能再修改，如需修改请等待审核退回');
  const checked = validateForm(form, values, { draft: true });
  if (checked.problems.length === 0)
    await assertAttachable(db, actor, submissionFileRefs(form, checked.values));
  if (checked.problems.length)
    throw new AppError('VALIDATION', checked.problems.map((p) => p.message).join('；'), checked.problems);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const version = await writeSubmission(trx, row, form, checked.values, 'draft', actor, now);
    await linkSubmissionFiles(trx, row.id, version, form, checked.values, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'obligation.draft_saved', entityType: 'obligation', entityId: id, changes: { version } },
      now,
    );
  });
  return getObligation(deps, actor, id);
}

/**
 * Checks a submission of an obligation the actor's org owes (state, form, own files) before
 * anything is written; `writeSubmission` below then writes it, in the caller's transaction.
 */
export async function checkSubmission(db: Db, actor: Actor, id: string, values: unknown) {
  const { row, duty, form } = await ownerContext(db, actor, id);
  assertState(row, OPEN, row.state === 'accepted' ? '该任务已审核通过' : '该任务已报送，正在等待审核');
  const checked = validateForm(form, values);
  if (checked.problems.length === 0)
    await assertAttachable(db, actor, submissionFileRefs(form, checked.values));
  if (checked.problems.length)
    throw new AppError('VALIDATION', checked.problems.map((p) => p.message).join('；'), checked.problems);
  return { row, duty, form, values: checked.values };
}

/** Writes a checked submission: the version, the state, the audit row and the recipients' notice. */
export async function writeSubmit(
  trx: Kysely<Database>,
  actor: Actor,
  checked: Awaited<ReturnType<typeof checkSubmission>>,
  now: Date,
): Promise<void> {
  const { row, duty, form } = checked;
  const id = row.id;
  const stamp = now.toISOString();
  const late = row.late === 1 || (row.submitted_at === null && stamp > row.due_at);
  const version = await writeSubmission(trx, row, form, checked.values, 'submitted', actor, now);
  await linkSubmissionFiles(trx, id, version, form, checked.values, now);
  const recipients = await trx
    .selectFrom('obligation_recipients')
    .select('org_id')
    .where('obligation_id', '=', id)
    .execute();
  // A duty kept as a record (no recipient) is done once submitted: nobody reviews it.
  const recorded = recipients.length === 0;
  const changed = await trx
    .updateTable('obligations')
    .set({
      state: recorded ? 'accepted' : 'submitted',
      submitted_at: stamp,
      accepted_at: recorded ? stamp : null,
      late: late ? 1 : 0,
      updated_at: stamp,
    })
    .where('id', '=', id)
    .where('state', 'in', OPEN)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该任务已报送，正在等待审核');
  if (recorded) {
    await trx
      .updateTable('submissions')
      .set({ state: 'accepted' })
      .where('obligation_id', '=', id)
      .where('version', '=', version)
      .execute();
  }
  await appendAudit(
    trx,
    auditActorOf(actor),
    {
      action: 'obligation.submitted',
      entityType: 'obligation',
      entityId: id,
      changes: { version, late, recorded },
    },
    now,
  );
  await notifyOrgs(
    trx,
    recipients.map((r) => r.org_id),
    {
      kind: 'obligation.submitted',
      title: `${row.org_name}报送了“${duty.title}”（${row.period_label}），请审核`,
      link: `/duties/${id}`,
    },
    now,
  );
}

/** Submits to the recipients; a first submission after the deadline is marked late for good. */
export async function submitObligation(
  deps: ObligationDeps,
  actor: Actor,
  id: string,
  values: unknown,
): Promise<ObligationDetail> {
  const { db, clock } = deps;
  const checked = await checkSubmission(db, actor, id, values);
  const now = clock.now();
  await db.transaction().execute((trx) => writeSubmit(trx, actor, checked, now));
  return getObligation(deps, actor, id);
}

/** Accepts or returns the submitted version; only a recipient org, never the owner itself. */
export async function reviewObligation(
  deps: ObligationDeps,
  actor: Actor,
  id: string,
  decision: 'accept' | 'return',
  comment: string | undefined,
): Promise<ObligationDetail> {
  const { db, clock } = deps;
  const row = await loadVisible(db, actor, id);
  const recipients = (await recipientsOf(db, [id])).get(id) ?? [];
  if (!recipients.some((r) => r.id === actor.orgId) || row.org_id === actor.orgId) {
    throw forbidden('只有接收单位可以审核，报送单位不能审核自己的报送');
  }
  if (!hasPermission(actor.roles, 'obligation.review')) throw forbidden();
  assertState(
    row,
    ['submitted'],
    row.state === 'accepted' ? '该任务已审核通过' : '该任务当前没有待审核的报送',
  );
  const dutyTitle = dutyOf(await loadPlan(db, row.plan_id), row.duty_key).title;
  const now = clock.now();
  const stamp = now.toISOString();
  const state = decision === 'accept' ? 'accepted' : 'returned';
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('obligations')
      .set({ state, accepted_at: decision === 'accept' ? stamp : null, updated_at: stamp })
      .where('id', '=', id)
      .where('state', '=', 'submitted')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该报送已被其他接收单位审核');
    const latest = await latestSubmission(trx, id);
    await trx
      .updateTable('submissions')
      .set({
        state,
        reviewed_at: stamp,
        reviewed_by: actor.userId,
        reviewer_org_id: actor.orgId,
        review_comment: comment ?? null,
      })
      .where('id', '=', latest!.id)
      .execute();
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: `obligation.${decision === 'accept' ? 'accepted' : 'returned'}`,
        entityType: 'obligation',
        entityId: id,
        changes: { version: latest!.version, comment },
      },
      now,
    );
    await notifyOrgs(
      trx,
      [row.org_id],
      {
        kind: `obligation.${state}`,
        title:
          decision === 'accept'
            ? `“${dutyTitle}”（${row.period_label}）已审核通过`
            : `“${dutyTitle}”（${row.period_label}）被退回，请修改后重新报送`,
        body: comment ?? null,
        link: `/duties/${id}`,
      },
      now,
    );
  });
  return getObligation(deps, actor, id);
}
