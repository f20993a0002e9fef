import {
  endOfDayShanghai,
  fieldLabel,
  HAZARD_STATES,
  type HazardAction,
  type HazardDetail,
  type HazardFileRef,
  type HazardState,
  shanghaiDate,
  yuanToFen,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { HazardTable } from '../../db/schema';
import { invalidField } from '../../lib/errors';
import { type EffectContext, executeAction, type WorkflowModule } from '../../workflow/engine';
import { linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { daysFrom, notify, regulatorsOf, resumeMine, stopMine, supervisingOrgsOf } from './hazard.effects';
import { HAZARD_RECORDS } from './hazard.present';
import { findHazard, type HazardRow, writeHazardState } from './hazard.repository';
import { type HazardDeps, hazardDetail } from './hazard.service';
import { insertEvent, markSupervisionsReported } from './hazard-history.repository';

type Update = Partial<Omit<HazardTable, 'id'>>;
type Ctx<E> = EffectContext<HazardRow, E>;

const dueAtOf = (date: string) => endOfDayShanghai(date).toISOString();

/** A time limit may not come before the hazard was found. */
function checkTimeLimit(row: HazardRow, field: string, date: string) {
  if (date < row.found_on)
    throw invalidField(field, `${fieldLabel([field])}：不能早于发现日期${row.found_on}`);
}

function closing(
  ctx: Ctx<{ rootCauseCategory?: string; rootCause?: string }>,
  closure: Record<string, unknown>,
): Update {
  const closedOn = shanghaiDate(ctx.now);
  return {
    closed_at: ctx.now.toISOString(),
    closed_on: closedOn,
    days_to_close: Math.max(0, daysFrom(ctx.row.found_on, closedOn)),
    root_cause_category: ctx.evidence.rootCauseCategory ?? null,
    root_cause: ctx.evidence.rootCause ?? null,
    closure: JSON.stringify(closure),
    ...clearExtension,
  };
}

const clearExtension: Update = {
  extension_until: null,
  extension_reason: null,
  extension_requested_at: null,
};

/** Arrays of file references in a body, by field (photos, files, planFiles …). */
function fileGroups(evidence: Record<string, unknown>): Record<string, HazardFileRef[]> {
  return Object.fromEntries(
    Object.entries(evidence).filter(
      (e): e is [string, HazardFileRef[]] =>
        Array.isArray(e[1]) && e[1].every((x) => typeof x === 'object' && x !== null && 'id' in x),
    ),
  );
}

/** The hazard closed loop on the workflow engine: its rows, effects, history and answer. */
export const HAZARD_MODULE: WorkflowModule<
  typeof HAZARD_RECORDS.workflow,
  HazardRow,
  Update,
  HazardDetail,
  HazardDeps
> = {
  ...HAZARD_RECORDS,
  entityType: 'hazard',
  load: findHazard,
  checks: {
    orderStop: (_row, e) => {
      if (e.scope === 'area' && !e.area)
        throw invalidField('area', '停产区域：责令局部停产时须写明停产的区域');
    },
    plan: (row, e) => checkTimeLimit(row, 'timeLimit', e.timeLimit),
    startRectification: (row, e) => checkTimeLimit(row, 'timeLimit', e.timeLimit),
    requestExtension: (row, e) => {
      if (row.time_limit && e.newTimeLimit <= row.time_limit)
        throw invalidField('newTimeLimit', `新的整改时限：须晚于现在的整改时限${row.time_limit}`);
    },
  },
  attach: async (db, actor, row, evidence) => {
    // A file the mine uploaded may be attached by its regulator too (the record's own org).
    await assertAttachable(db, actor, fieldRefs(fileGroups(evidence)), { recordOrgId: row.mine_id });
  },
  effects: {
    plan: async ({ evidence: e }) => ({
      responsible_unit: e.responsibleUnit,
      responsible_person: e.responsiblePerson,
      measures: e.measures,
      funds_fen: yuanToFen(e.fundsYuan),
      time_limit: e.timeLimit,
      due_at: dueAtOf(e.timeLimit),
      contingency_plan: e.contingencyPlan,
      treatment_plan: JSON.stringify({
        goal: e.goal,
        methods: e.methods,
        organisation: e.organisation,
        safetyMeasures: e.safetyMeasures,
        planFiles: e.planFiles,
      }),
    }),
    startRectification: async ({ evidence: e }) => ({
      responsible_unit: e.responsibleUnit ?? null,
      responsible_person: e.responsiblePerson,
      measures: e.measures,
      funds_fen: e.fundsYuan === undefined ? null : yuanToFen(e.fundsYuan),
      time_limit: e.timeLimit,
      due_at: dueAtOf(e.timeLimit),
    }),
    reportProgress: async ({ trx, row, now, evidence }) => {
      const supervisingOrgs = await supervisingOrgsOf(trx, row.id);
      await markSupervisionsReported(trx, row.id, now.toISOString());
      await notify(
        trx,
        supervisingOrgs,
        {
          kind: 'hazard.progress',
          title: `${row.mine_name}报告了督办隐患的整改进展`,
          body: evidence.progress.slice(0, 200),
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
      const reward = e.finderReward;
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
        [...(await regulatorsOf(trx, row.mine_id)), ...(await supervisingOrgsOf(trx, row.id))],
        {
          kind: 'hazard.extension_requested',
          title: `${row.mine_name}申请隐患整改延期，请审批`,
          link: `/hazards/${row.id}`,
        },
        now,
      );
      return {
        extension_until: evidence.newTimeLimit,
        extension_reason: evidence.reason,
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
      const before = evidence.scope === 'mine' ? await stopMine(trx, who, row.mine_id, row.id, now) : null;
      return {
        production_stop: evidence.scope,
        stopped_area: evidence.area ?? null,
        mine_status_before: before,
      };
    },
  },
  async write(trx, row, to, update, now) {
    const set = { ...update, state: to, updated_at: now.toISOString() };
    // The row as written (the guarded update proved nobody changed it in between): no read-back.
    return (await writeHazardState(trx, row, set)) ? { ...row, ...set } : null;
  },
  recorded: (action, row, evidence) =>
    action === 'grantExtension'
      ? { ...evidence, previousTimeLimit: row.time_limit, newTimeLimit: row.extension_until }
      : evidence,
  history: async (trx, e) => {
    await insertEvent(
      trx,
      e.id,
      e.recordId,
      e.action,
      e.from,
      e.to,
      e.actorUserId,
      e.actorOrgId,
      e.at,
      JSON.stringify(e.evidence),
    );
  },
  async after({ trx, actor, row, action, evidence, from, to, now }) {
    for (const [field, files] of Object.entries(fileGroups(evidence)))
      await linkFiles(trx, 'hazard', row.id, `${action}.${field}`, files, now);
    const reported: HazardState[] = ['rectified', 'resume_applied'];
    if (to === from || actor.orgKind !== 'mine' || HAZARD_RECORDS.workflow.actions[action].to === null)
      return;
    if (!reported.includes(to)) return;
    // The mine's report that it is done goes to whoever supervises the hazard.
    await notify(
      trx,
      await supervisingOrgsOf(trx, row.id),
      {
        kind: `hazard.${to}`,
        title: `${row.mine_name}：督办隐患${HAZARD_STATES[to]}`,
        link: `/hazards/${row.id}`,
      },
      now,
    );
  },
  present: hazardDetail,
};

/** Takes one action of the hazard loop for the actor (the engine's checks, then one transaction). */
export function executeTransition(
  deps: HazardDeps,
  actor: Actor,
  id: string,
  action: HazardAction,
  raw: unknown,
): Promise<HazardDetail> {
  return executeAction(HAZARD_MODULE, deps, actor, id, action, raw);
}
