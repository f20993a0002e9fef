import { hasPermission, type Investigation, type InvestigationCreate, shanghaiDate } from '@tiegui/domain';
import { mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { submitObligation } from '../campaigns/obligation.service';
import { checkFiles } from './hazard.effects';
import { parseRefs } from './hazard.present';
import type { HazardDeps } from './hazard.service';

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

/** The investigations of the mines in scope, newest month first. */
export async function listInvestigations(
  { db }: HazardDeps,
  actor: Actor,
  filter: { mineId?: string; month?: string },
): Promise<Investigation[]> {
  const rows = await query(db)
    .where(mineScope(actor))
    .$if(filter.mineId !== undefined, (q) => q.where('i.mine_id', '=', filter.mineId!))
    .$if(filter.month !== undefined, (q) => q.where('i.month', '=', filter.month!))
    .orderBy('i.month', 'desc')
    .orderBy('i.id')
    .limit(500)
    .execute();
  return rows.map(present);
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
): Promise<Investigation> {
  const { db, clock } = deps;
  if (actor.orgKind !== 'mine' || !hasPermission(actor.roles, 'hazard.rectify'))
    throw forbidden('只有矿山企业可以记录本矿的月度重大事故隐患排查');
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
  await checkFiles(db, actor, actor.orgId, { files: input.files });
  const existing = await db
    .selectFrom('hazard_investigations')
    .select('id')
    .where('mine_id', '=', actor.orgId)
    .where('month', '=', input.month)
    .executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `${input.month}的月度排查已记录`);
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
  });
  if (
    obligation &&
    ['pending', 'returned'].includes(obligation.state) &&
    hasPermission(actor.roles, 'obligation.submit')
  ) {
    await submitObligation(deps, actor, obligation.id, {
      investigatedOn: input.investigatedOn,
      scope: input.scope,
      participants: `${input.leader}（带队）；${input.participants}`.slice(0, 500),
      majorHazardsFound: majorFound,
      notes: input.notes,
      attachments: input.files,
    });
  }
  const row = await query(db).where('i.id', '=', id).executeTakeFirstOrThrow();
  return present(row);
}
