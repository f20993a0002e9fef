import {
  type FormDefinition,
  OBLIGATION_WORKFLOW,
  type ObligationAction,
  type ObligationDetail,
  type ObligationParty,
  type ObligationState,
  type Plan,
  validateForm,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { ObligationTable } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { executeAction, prepareAction, type WorkflowDeps, type WorkflowModule } from '../../workflow/engine';
import { assertAttachable } from '../files/file.service';
import { notifyOrgs } from '../notifications/notification.service';
import { linkSubmissionFiles, submissionFileRefs } from './obligation.files';
import {
  findObligationInScope,
  type ObligationRow,
  recipientsOf,
  writeObligation,
} from './obligation.repository';
import { getObligation } from './obligation.service';
import { loadPlan } from './plan.repository';
import { acceptSubmissionVersion, reviewLatestSubmission, writeSubmission } from './submission.repository';

export function dutyOf(plan: Plan, key: string) {
  const duty = plan.duties.find((d) => d.key === key);
  if (!duty) throw new Error(`plan ${plan.key} v${plan.version} has no duty ${key}`);
  return duty;
}

export function formOf(plan: Plan, key: string): FormDefinition {
  const form = plan.forms.find((f) => f.key === key);
  if (!form) throw new Error(`plan ${plan.key} has no form ${key}`);
  return form;
}

/** An obligation as the workflow reads it: the row, its duty and form, and who receives it. */
export interface ObligationRecord extends ObligationRow {
  plan: Plan;
  duty: ReturnType<typeof dutyOf>;
  form: FormDefinition;
  recipients: { id: string; name: string }[];
}

/** The obligation in the actor's scope with its duty, form and recipients, or undefined. */
export async function loadObligation(
  db: Db,
  actor: Actor,
  id: string,
): Promise<ObligationRecord | undefined> {
  const row = await findObligationInScope(db, actor, id);
  if (!row) return undefined;
  const plan = await loadPlan(db, row.plan_id);
  const duty = dutyOf(plan, row.duty_key);
  return {
    ...row,
    plan,
    duty,
    form: formOf(plan, duty.formKey!),
    recipients: (await recipientsOf(db, [id])).get(id) ?? [],
  };
}

/** Who the owner and the recipients of an obligation are, and what its guards read. */
export const OBLIGATION_RECORDS = {
  workflow: OBLIGATION_WORKFLOW,
  isParty: (party: ObligationParty, actor: Actor, row: ObligationRecord) =>
    party === 'owner'
      ? row.org_id === actor.orgId
      : row.org_id !== actor.orgId && row.recipients.some((r) => r.id === actor.orgId),
  factsOf: (row: ObligationRecord) => ({
    state: row.state as ObligationState,
    facts: {
      campaignState: row.campaign_state as 'draft' | 'active' | 'closed',
      hasRecipients: row.recipients.length > 0,
    },
  }),
};

/** The form's values, checked in full (a submission) or as a draft; a 400 names each field. */
export async function checkedValues(
  db: Db,
  actor: Actor,
  form: FormDefinition,
  values: unknown,
  draft = false,
): Promise<Record<string, unknown>> {
  const checked = validateForm(form, values, { draft });
  if (checked.problems.length)
    throw new AppError('VALIDATION', checked.problems.map((p) => p.message).join('；'), checked.problems);
  await assertAttachable(db, actor, submissionFileRefs(form, checked.values));
  return checked.values;
}

interface Update {
  set: Partial<Omit<ObligationTable, 'id'>>;
  /** What the history and the audit keep (the submission's version, not its whole content). */
  note: Record<string, unknown>;
}

/** Submits the form's values as the newest version; late once the first submission came after the deadline. */
async function submitted(
  { trx, actor, row, evidence, now }: Parameters<ObligationModule['effects']['submit']>[0],
  recorded: boolean,
): Promise<Update> {
  const stamp = now.toISOString();
  const values = validateForm(row.form, evidence.values).values;
  const late = row.late === 1 || (row.submitted_at === null && stamp > row.due_at);
  const version = await writeSubmission(trx, {
    obligationId: row.id,
    formKey: row.form.key,
    formVersion: row.form.version,
    values,
    state: 'submitted',
    userId: actor.userId,
    at: stamp,
  });
  await linkSubmissionFiles(trx, row.id, version, row.form, values, now);
  if (recorded) await acceptSubmissionVersion(trx, row.id, version);
  else
    await notifyOrgs(
      trx,
      row.recipients.map((r) => r.id),
      {
        kind: 'obligation.submitted',
        title: `${row.org_name}报送了“${row.duty.title}”（${row.period_label}），请审核`,
        link: `/duties/${row.id}`,
      },
      now,
    );
  return {
    set: { submitted_at: stamp, accepted_at: recorded ? stamp : null, late: late ? 1 : 0 },
    note: { version, late, recorded },
  };
}

async function reviewed(
  { trx, actor, row, evidence, now }: Parameters<ObligationModule['effects']['accept']>[0],
  state: 'accepted' | 'returned',
): Promise<Update> {
  const stamp = now.toISOString();
  const comment = evidence.comment ?? null;
  const version = await reviewLatestSubmission(trx, row.id, {
    state,
    at: stamp,
    userId: actor.userId,
    orgId: actor.orgId,
    comment,
  });
  await notifyOrgs(
    trx,
    [row.org_id],
    {
      kind: `obligation.${state}`,
      title:
        state === 'accepted'
          ? `“${row.duty.title}”（${row.period_label}）已审核通过`
          : `“${row.duty.title}”（${row.period_label}）被退回，请修改后重新报送`,
      body: comment,
      link: `/duties/${row.id}`,
    },
    now,
  );
  return {
    set: { accepted_at: state === 'accepted' ? stamp : null },
    note: { version, comment: evidence.comment },
  };
}

type ObligationModule = WorkflowModule<
  typeof OBLIGATION_WORKFLOW,
  ObligationRecord,
  Update,
  ObligationDetail
>;

const checkForm: ObligationModule['checks'] = {
  submit: async (row, e, { db, actor }) => {
    await checkedValues(db, actor, row.form, e.values);
  },
  record: async (row, e, { db, actor }) => {
    await checkedValues(db, actor, row.form, e.values);
  },
};

/** Obligations on the workflow engine: submit, keep on record, accept, return. */
export const OBLIGATION_MODULE: ObligationModule = {
  ...OBLIGATION_RECORDS,
  entityType: 'obligation',
  load: loadObligation,
  checks: checkForm,
  effects: {
    submit: (ctx) => submitted(ctx, false),
    record: (ctx) => submitted(ctx, true),
    accept: (ctx) => reviewed(ctx, 'accepted'),
    return: (ctx) => reviewed(ctx, 'returned'),
  },
  async write(trx, row, to, update, now) {
    const set = { ...update.set, state: to, updated_at: now.toISOString() };
    return (await writeObligation(trx, row, set)) ? { ...row, ...set } : null;
  },
  recorded: (_action, _row, _evidence, update) => update.note,
  auditActions: {
    submit: 'obligation.submitted',
    record: 'obligation.submitted',
    accept: 'obligation.accepted',
    return: 'obligation.returned',
  },
  present: (deps, actor, row) => getObligation(deps, actor, row.id),
};

/** The submission action of an obligation: to its recipients, or on record when nobody receives it. */
async function submitActionOf(db: Db, id: string): Promise<ObligationAction> {
  const n = (await recipientsOf(db, [id])).get(id)?.length ?? 0;
  return n > 0 ? 'submit' : 'record';
}

/** Submits an obligation the actor's org owes (to its recipients, or on record). */
export async function submitObligation(deps: WorkflowDeps, actor: Actor, id: string, values: unknown) {
  return executeAction(OBLIGATION_MODULE, deps, actor, id, await submitActionOf(deps.db, id), { values });
}

/** A submission checked now and written later in the caller's transaction (the monthly investigation's). */
export async function prepareSubmission(deps: WorkflowDeps, actor: Actor, id: string, values: unknown) {
  return prepareAction(OBLIGATION_MODULE, deps, actor, id, await submitActionOf(deps.db, id), { values });
}

/** Accepts or returns the submitted version; only a recipient org, never the owner itself. */
export function reviewObligation(
  deps: WorkflowDeps,
  actor: Actor,
  id: string,
  decision: 'accept' | 'return',
  comment: string | undefined,
) {
  return executeAction(
    OBLIGATION_MODULE,
    deps,
    actor,
    id,
    decision,
    comment === undefined ? {} : { comment },
  );
}
