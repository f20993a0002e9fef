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
import type { ExpressionBuilder } from 'kysely';
import { assertMinesInScope, mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { prepareSubmission } from '../campaigns/obligation.workflow';
import { linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { parseRefs } from '../hazards/hazard.present';
import type { HazardDeps } from '../hazards/hazard.service';

type MineEb = ExpressionBuilder<Database & { o: Database['orgs']; m: Database['mines'] }, 'o' | 'm'>;

/** The campaign duty the monthly investigation fulfils (plan-2024 task 10). */
export const MONTHLY_INVESTIGATION_DUTY = 't10-monthly-investigation';

function query(db: Db) {
  return db
    .selectFrom('hazard_investigations as i')
    .innerJoin('orgs as o', 'o.id', 'i.mine_id')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .leftJoin('obligations as ob', 'ob.id', 'i.obligation_id')
    .selectAll('i')
    .select(['o.name as mine_name', 'ob.state as obligation_state']);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirst']>>>;

/** How many of the not-recorded mines the coverage names (the counts cover them all). */
export const COVERAGE_NAMED_MAX = 200;

/** Whether the actor records its mine's monthly investigation (what POST checks, for the web). */
export function canRecordInvestigation(actor: Actor): boolean {
  return actor.orgKind === 'mine' && hasPermission(actor.roles, 'hazard.rectify');
}

function present(r: Row): Investigation {
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
  const rows = ids.length
    ? await db
        .selectFrom('hazards')
        .select(['id', 'level', 'description', 'state'])
        .where('id', 'in', ids)
        .execute()
    : [];
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
  const rows = await query(db)
    .where(mineScope(actor))
    .$if(filter.mineId !== undefined, (q) => q.where('i.mine_id', '=', filter.mineId!))
    .$if(filter.month !== undefined, (q) => q.where('i.month', '=', filter.month!))
    .orderBy('i.month', 'desc')
    .orderBy('i.id')
    .limit(500)
    .execute();
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
  const mines = db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .where(mineScope(actor))
    .where('o.active', '=', 1)
    .where('m.status', '!=', 'closed')
    .$if(filter.mineId !== undefined, (q) => q.where('o.id', '=', filter.mineId!));
  const recordedIn = (eb: MineEb) =>
    eb.exists(
      eb
        .selectFrom('hazard_investigations as i')
        .select('i.id')
        .whereRef('i.mine_id', '=', 'o.id')
        .where('i.month', '=', filter.month),
    );
  const [counts, missing] = await Promise.all([
    mines
      .select((eb) => [
        eb.fn.countAll<number | string>().as('mines'),
        eb.fn
          .sum<number | string | null>(eb.case().when(recordedIn(eb)).then(1).else(0).end())
          .as('recorded'),
      ])
      .executeTakeFirstOrThrow(),
    mines
      .select(['o.id', 'o.name', 'o.region_code'])
      .where((eb) => eb.not(recordedIn(eb)))
      .orderBy('o.region_code')
      .orderBy('o.name')
      .limit(COVERAGE_NAMED_MAX)
      .execute(),
  ]);
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
  const hazards = ids.length
    ? await db
        .selectFrom('hazards')
        .select(['id', 'level'])
        .where('id', 'in', ids)
        .where('mine_id', '=', actor.orgId)
        .execute()
    : [];
  if (hazards.length !== ids.length) throw invalidField('hazardIds', '发现的隐患：只能关联本矿已登记的隐患');
  await assertAttachable(db, actor, fieldRefs({ files: input.files }));
  const existing = await db
    .selectFrom('hazard_investigations')
    .select('id')
    .where('mine_id', '=', actor.orgId)
    .where('month', '=', input.month)
    .executeTakeFirst();
  if (existing) {
    const message = `${input.month}的月度排查已记录`;
    throw new AppError('CONFLICT', message, [{ field: 'month', message }]);
  }
  const obligation = await db
    .selectFrom('obligations as ob')
    .innerJoin('campaigns as c', 'c.id', 'ob.campaign_id')
    .select(['ob.id', 'ob.state'])
    .where('c.state', '=', 'active')
    .where('ob.duty_key', '=', MONTHLY_INVESTIGATION_DUTY)
    .where('ob.org_id', '=', actor.orgId)
    .where('ob.period_key', '=', input.month)
    .executeTakeFirst();
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
    await trx
      .insertInto('hazard_investigations')
      .values({
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
      })
      .execute();
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
  const row = await query(db).where('i.id', '=', id).executeTakeFirstOrThrow();
  const [view] = await withHazards(db, [present(row)]);
  return view!;
}
