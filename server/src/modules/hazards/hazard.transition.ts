import {
  endOfDayShanghai,
  fieldLabel,
  guardProblem,
  HAZARD_LEVELS,
  HAZARD_STATES,
  type HazardAction,
  type HazardDetail,
  type HazardFileRef,
  type HazardLevel,
  type HazardState,
  type ProductionStop,
  shanghaiDate,
  stateProblem,
  transitionOf,
  yuanToFen,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { type AuditActor, appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Database, HazardTable } from '../../db/schema';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { daysFrom, listersOf, notify, regulatorsOf, resumeMine, stopMine } from './hazard.effects';
import { matchingParty } from './hazard.present';
import { insertEvent } from './hazard.queries';
import { findHazard, type HazardRow } from './hazard.repository';
import { type HazardDeps, hazardDetail } from './hazard.service';

type Evidence = Record<string, unknown>;
type Update = Partial<Omit<HazardTable, 'id'>>;

interface EffectContext {
  trx: Kysely<Database>;
  who: AuditActor;
  row: HazardRow;
  evidence: Evidence;
  now: Date;
}

/** Checks the evidence beyond its schema (dates against the record), before anything is written. */
type Check = (row: HazardRow, evidence: Evidence, now: Date) => void;

const dueAtOf = (date: string) => endOfDayShanghai(date).toISOString();

function timeLimitCheck(field: string): Check {
  return (row, evidence) => {
    const date = evidence[field] as string;
    if (date < row.found_on)
      throw invalidField(field, `${fieldLabel([field])}：不能早于发现日期${row.found_on}`);
  };
}

const CHECKS: Partial<Record<HazardAction, Check>> = {
  orderStop: (_row, evidence) => {
    if (evidence.scope === 'area' && !evidence.area)
      throw invalidField('area', '停产区域：责令局部停产时须写明停产的区域');
  },
  plan: timeLimitCheck('timeLimit'),
  startRectification: timeLimitCheck('timeLimit'),
  requestExtension: (row, evidence) => {
    const date = evidence.newTimeLimit as string;
    if (row.time_limit && date <= row.time_limit)
      throw invalidField('newTimeLimit', `新的整改时限：须晚于现在的整改时限${row.time_limit}`);
  },
};

function closing(ctx: EffectContext, closure: Evidence): Update {
  const closedOn = shanghaiDate(ctx.now);
  return {
    closed_at: ctx.now.toISOString(),
    closed_on: closedOn,
    days_to_close: Math.max(0, daysFrom(ctx.row.found_on, closedOn)),
    root_cause_category: (ctx.evidence.rootCauseCategory as string | undefined) ?? null,
    root_cause: (ctx.evidence.rootCause as string | undefined) ?? null,
    closure: JSON.stringify(closure),
    extension_until: null,
    extension_reason: null,
    extension_requested_at: null,
  };
}

const clearExtension: Update = {
  extension_until: null,
  extension_reason: null,
  extension_requested_at: null,
};

/**
 * What each action changes on the record and what else happens with it. Typed over every action,
 * so a transition added to the table does not compile until its effect is written here.
 */
const EFFECTS: Record<HazardAction, (ctx: EffectContext) => Promise<Update>> = {
  plan: async ({ evidence: e }) => ({
    responsible_unit: e.responsibleUnit as string,
    responsible_person: e.responsiblePerson as string,
    measures: e.measures as string,
    funds_fen: yuanToFen(e.fundsYuan as number),
    time_limit: e.timeLimit as string,
    due_at: dueAtOf(e.timeLimit as string),
    contingency_plan: e.contingencyPlan as string,
    treatment_plan: JSON.stringify({
      goal: e.goal,
      methods: e.methods,
      organisation: e.organisation,
      safetyMeasures: e.safetyMeasures,
      planFiles: e.planFiles,
    }),
  }),
  startRectification: async ({ evidence: e }) => ({
    responsible_unit: (e.responsibleUnit as string | undefined) ?? null,
    responsible_person: e.responsiblePerson as string,
    measures: e.measures as string,
    funds_fen: e.fundsYuan === undefined ? null : yuanToFen(e.fundsYuan as number),
    time_limit: e.timeLimit as string,
    due_at: dueAtOf(e.timeLimit as string),
  }),
  reportProgress: async ({ trx, row, now, evidence }) => {
    const listers = await listersOf(trx, row.id);
    await trx
      .updateTable('hazard_supervisions')
      .set({ last_report_at: now.toISOString() })
      .where('hazard_id', '=', row.id)
      .where('removed_at', 'is', null)
      .execute();
    await notify(
      trx,
      listers,
      {
        kind: 'hazard.progress',
        title: `${row.mine_name}报告了督办隐患的整改进展`,
        body: String(evidence.progress).slice(0, 200),
        link: `/hazards/${row.id}`,
      },
      now,
    );
    return {};
  },
  declareRectified: async () => ({}),
  evaluate: async () => ({}),
  failEvaluation: async () => ({}),
  applyResume: async ({ trx, row, now }) => {
    await notify(
      trx,
      await regulatorsOf(trx, row.mine_id),
      {
        kind: 'hazard.resume_applied',
        title: `${row.mine_name}申请恢复生产，请审查`,
        link: `/hazards/${row.id}`,
      },
      now,
    );
    return {};
  },
  approveResume: async ({ trx, who, row, now }) => {
    if (row.production_stop === 'mine') await resumeMine(trx, who, row, now);
    return {};
  },
  refuseResume: async () => ({}),
  close: async (ctx) => {
    const e = ctx.evidence;
    const reward = e.finderReward as
      | { recipient: string; amountYuan: number; note?: string }
      | null
      | undefined;
    return closing(ctx, {
      verificationNote: e.verificationNote,
      finderReward: reward ? { ...reward, amountFen: yuanToFen(reward.amountYuan) } : null,
      penalty: e.penalty ?? null,
    });
  },
  closeGeneral: async (ctx) => closing(ctx, { verificationNote: ctx.evidence.verificationNote }),
  requestExtension: async ({ trx, row, evidence, now }) => {
    await notify(
      trx,
      [...(await regulatorsOf(trx, row.mine_id)), ...(await listersOf(trx, row.id))],
      {
        kind: 'hazard.extension_requested',
        title: `${row.mine_name}申请隐患整改延期，请审批`,
        link: `/hazards/${row.id}`,
      },
      now,
    );
    return {
      extension_until: evidence.newTimeLimit as string,
      extension_reason: evidence.reason as string,
      extension_requested_at: now.toISOString(),
    };
  },
  grantExtension: async ({ row }) => ({
    ...clearExtension,
    time_limit: row.extension_until,
    due_at: row.extension_until ? dueAtOf(row.extension_until) : row.due_at,
  }),
  refuseExtension: async () => clearExtension,
  orderStop: async ({ trx, who, row, evidence, now }) => {
    const scope = evidence.scope as ProductionStop;
    const before = scope === 'mine' ? await stopMine(trx, who, row.mine_id, row.id, now) : null;
    return {
      production_stop: scope,
      stopped_area: (evidence.area as string | undefined) ?? null,
      mine_status_before: before,
    };
  },
};

/** Zod issues of the evidence as one 400 naming each field the way the form does. */
function evidenceError(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const fields = issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const label = fieldLabel(path.filter((p) => typeof p === 'string'));
    return { field: path.join('.') || '请求', message: `${label}：${i.message}` };
  });
  return new AppError('VALIDATION', fields.map((f) => f.message).join('；'), fields);
}

/**
 * Executes one transition of the hazard table for the actor: scope (404), who (403), level, state
 * and guard (409 naming the current state), evidence (400 naming the field); then the update, the
 * history row, the audit and the side effects in one transaction.
 */
export async function executeTransition(
  deps: HazardDeps,
  actor: Actor,
  id: string,
  action: HazardAction,
  raw: unknown,
): Promise<HazardDetail> {
  const { db, clock } = deps;
  const t = transitionOf(action);
  const row = await findHazard(db, actor, id);
  if (!row) throw new OutOfScopeError('隐患');
  if (!matchingParty(t, actor, row.mine_id)) {
    const parties = t.who.map((w) => (w.party === 'mine' ? '该矿山企业' : '监管部门')).join('或');
    throw forbidden(`只有${parties}有权${t.label}`);
  }
  if (!t.levels.includes(row.level as HazardLevel))
    throw new AppError('CONFLICT', `${HAZARD_LEVELS[row.level as HazardLevel]}不适用“${t.label}”`);
  const state = row.state as HazardState;
  const wrongState = stateProblem(t, state);
  if (wrongState) throw new AppError('CONFLICT', wrongState);
  const guard = guardProblem(t.guard, {
    state,
    productionStop: row.production_stop as ProductionStop,
    extensionPending: row.extension_until !== null,
  });
  if (guard) throw new AppError('CONFLICT', guard);
  const parsed = t.evidence.safeParse(raw ?? {});
  if (!parsed.success) throw evidenceError(parsed.error.issues);
  const evidence = parsed.data as Evidence;
  const now = clock.now();
  CHECKS[action]?.(row, evidence, now);
  const refs = Object.fromEntries(
    Object.entries(evidence).filter(
      ([, v]) => Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'id' in x),
    ),
  ) as Record<string, HazardFileRef[]>;
  await assertAttachable(db, actor, fieldRefs(refs), { recordOrgId: row.mine_id });

  const to = t.to ?? state;
  const after = await db.transaction().execute(async (trx) => {
    const who = auditActorOf(actor);
    const update = await EFFECTS[action]({ trx, who, row, evidence, now });
    const set = { ...update, state: to, updated_at: now.toISOString() };
    const changed = await trx
      .updateTable('hazards')
      .set(set)
      .where('id', '=', id)
      .where('state', '=', state)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1)
      throw new AppError('CONFLICT', '该隐患刚被他人处理，请刷新后重试');
    for (const [field, files] of Object.entries(refs))
      await linkFiles(trx, 'hazard', id, `${action}.${field}`, files, now);
    const recorded =
      action === 'grantExtension'
        ? { ...evidence, previousTimeLimit: row.time_limit, newTimeLimit: row.extension_until }
        : evidence;
    await insertEvent(
      trx,
      newId(),
      id,
      action,
      state,
      to,
      actor.userId,
      actor.orgId,
      now.toISOString(),
      JSON.stringify(recorded),
    );
    await appendAudit(
      trx,
      who,
      {
        action: 'hazard.transition',
        entityType: 'hazard',
        entityId: id,
        changes: { action, from: state, to, evidence: recorded },
      },
      now,
    );
    if (
      to !== state &&
      actor.orgKind === 'mine' &&
      t.to !== null &&
      ['rectified', 'resume_applied'].includes(to)
    ) {
      // The mine's report that it is done goes to whoever supervises the hazard.
      await notify(
        trx,
        await listersOf(trx, id),
        {
          kind: `hazard.${to}`,
          title: `${row.mine_name}：督办隐患${HAZARD_STATES[to]}`,
          link: `/hazards/${id}`,
        },
        now,
      );
    }
    // The row as written (the guarded update proved nobody changed it in between): no read-back.
    return { ...row, ...set };
  });
  return hazardDetail(deps, actor, after);
}
