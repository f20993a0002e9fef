import {
  type HazardLevel,
  hasPermission,
  type Investigation,
  type InvestigationCoverage,
  type InvestigationCreate,
  type InvestigationView,
  type ObligationState,
  OPEN_OBLIGATION_STATES,
  shanghaiDate,
} from '@tiegui/domain';
import { assertMinesInScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { prepareSubmission } from '../campaigns/obligation.workflow';
import { linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { parseRefs } from '../hazards/hazard.present';
import type { HazardDeps } from '../hazards/hazard.service';
import {
  activeDutyObligation,
  coverageRows,
  findInvestigation,
  findMonthInvestigation,
  hazardSummaries,
  type InvestigationRow,
  insertInvestigation,
  listInvestigationRows,
  mineHazardLevels,
} from './investigation.repository';

/** The campaign duty the monthly investigation fulfils (plan-2024 task 10). */
export const MONTHLY_INVESTIGATION_DUTY = 't10-monthly-investigation';

/** How many of the not-recorded mines the coverage names (the counts cover them all). */
export const COVERAGE_NAMED_MAX = 200;

/** Whether the actor records its mine's monthly investigation (what POST checks, for the web). */
export function canRecordInvestigation(actor: Actor): boolean {
  return actor.orgKind === 'mine' && hasPermission(actor.roles, 'hazard.rectify');
}

function present(r: InvestigationRow): Investigation {
  return {
    id: r.id,
    mineId: r.mine_id,
    mineName: r.mine_name,
    month: r.month,
    investigatedOn: r.investigated_on,
    leader: r.leader,
    scope: r.scope,
    participants: r.participants,
    hazardIds: JSON.parse(r.hazard_ids) as string[],
    majorHazardsFound: r.major_found,
    notes: r.notes,
    files: parseRefs(r.files),
    obligationId: r.obligation_id,
    obligationState: r.obligation_state,
    createdAt: r.created_at,
  };
}

async function withHazards(db: Db, records: Investigation[]): Promise<InvestigationView[]> {
  const ids = [...new Set(records.flatMap((r) => r.hazardIds))];
  const rows = await hazardSummaries(db, ids);
  const byId = new Map(rows.map((h) => [h.id, { ...h, level: h.level as HazardLevel }]));
  return records.map((r) => ({
    ...r,
    hazards: r.hazardIds.flatMap((id) => byId.get(id) ?? []),
  }));
}

/** The investigations of the mines in scope, newest month first (a mine filter out of scope: 404). */
export async function listInvestigations(
  { db }: HazardDeps,
  actor: Actor,
  filter: { mineId?: string; month?: string },
): Promise<InvestigationView[]> {
  if (filter.mineId) await assertMinesInScope(db, actor, [filter.mineId]);
  const rows = await listInvestigationRows(db, actor, filter);
  return withHazards(db, rows.map(present));
}

/**
 * Which active mines in scope (or the one filtered) have recorded the month and which have not,
 * the not-recorded ones named by region and name up to COVERAGE_NAMED_MAX.
 */
export async function investigationCoverage(
  { db }: HazardDeps,
  actor: Actor,
  filter: { month: string; mineId?: string },
): Promise<InvestigationCoverage> {
  if (filter.mineId) await assertMinesInScope(db, actor, [filter.mineId]);
  const { counts, missing } = await coverageRows(db, actor, filter, COVERAGE_NAMED_MAX);
  return {
    month: filter.month,
    mines: Number(counts.mines),
    recorded: Number(counts.recorded ?? 0),
    notRecorded: missing.map((m) => ({ mineId: m.id, mineName: m.name, regionCode: m.region_code })),
  };
}

/**
 * Records the principal's monthly major-hazard investigation (seed task 10). When the active
 * campaign holds that month's obligation for the mine, the record is submitted as it, through the
 * obligation service's own rules (form, late flag, recipients).
 */
export async function recordInvestigation(
  deps: HazardDeps,
  actor: Actor,
  input: InvestigationCreate,
): Promise<InvestigationView> {
  const { db, clock } = deps;
  if (!canRecordInvestigation(actor)) throw forbidden('只有矿山企业可以记录本矿的月度重大事故隐患排查');
  const now = clock.now();
  if (!input.investigatedOn.startsWith(input.month))
    throw invalidField('investigatedOn', `排查日期：须在${input.month}月内`);
  if (input.investigatedOn > shanghaiDate(now))
    throw invalidField('investigatedOn', '排查日期：不能晚于今天');
  const ids = [...new Set(input.hazardIds)];
  const hazards = await mineHazardLevels(db, actor.orgId, ids);
  if (hazards.length !== ids.length) throw invalidField('hazardIds', '发现的隐患：只能关联本矿已登记的隐患');
  await assertAttachable(db, actor, fieldRefs({ files: input.files }));
  const existing = await findMonthInvestigation(db, actor.orgId, input.month);
  if (existing) {
    const message = `${input.month}的月度排查已记录`;
    throw new AppError('CONFLICT', message, [{ field: 'month', message }]);
  }
  const obligation = await activeDutyObligation(db, actor.orgId, MONTHLY_INVESTIGATION_DUTY, input.month);
  const majorFound = hazards.filter((h) => h.level === 'major').length;
  // The month's obligation is submitted with the record, in its transaction: checked first, so a
  // form problem records nothing and the mine can try again.
  const submission =
    obligation &&
    OPEN_OBLIGATION_STATES.includes(obligation.state as ObligationState) &&
    hasPermission(actor.roles, 'obligation.submit')
      ? await prepareSubmission(deps, actor, obligation.id, {
          investigatedOn: input.investigatedOn,
          scope: input.scope,
          participants: `${input.leader}（带队）；${input.participants}`.slice(0, 500),
          majorHazardsFound: majorFound,
          notes: input.notes,
          attachments: input.files,
        })
      : null;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertInvestigation(trx, {
      id,
      mine_id: actor.orgId,
      month: input.month,
      investigated_on: input.investigatedOn,
      leader: input.leader,
      scope: input.scope,
      participants: input.participants,
      hazard_ids: JSON.stringify(ids),
      major_found: majorFound,
      notes: input.notes ?? null,
      files: JSON.stringify(input.files),
      obligation_id: obligation?.id ?? null,
      created_by: actor.userId,
      created_at: now.toISOString(),
    });
    await linkFiles(trx, 'hazard_investigation', id, 'files', input.files, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'hazard.investigation_recorded',
        entityType: 'hazard_investigation',
        entityId: id,
        changes: { ...input, obligationId: obligation?.id ?? null },
      },
      now,
    );
    if (submission) await submission.commit(trx);
  });
  const row = await findInvestigation(db, id);
  const [view] = await withHazards(db, [present(row)]);
  return view!;
}
