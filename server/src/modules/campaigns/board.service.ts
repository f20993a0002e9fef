import type { BoardCounts } from '@tiegui/domain';
import type { ExpressionBuilder } from 'kysely';
import { orgScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden } from '../../lib/errors';
import { notifyOrgs } from '../notifications/notification.service';
import { campaignInScope } from './campaign.service';
import { dutiesWithDeliverables } from './obligation.generate';

export interface BoardDeps {
  db: Db;
  clock: Clock;
}

type BoardStatus = 'pending' | 'submitted' | 'accepted' | 'returned' | 'overdue' | 'late';
type Eb = ExpressionBuilder<Database & { ob: Database['obligations']; o: Database['orgs'] }, 'ob' | 'o'>;

/**
 * The one definition of each board figure, used both to count and to list the orgs behind a
 * count, so the numbers agree whichever way a user reaches them.
 */
function statusFilter(status: BoardStatus, asOf: string) {
  return (eb: Eb) => {
    switch (status) {
      case 'overdue':
        return eb.and([eb('ob.state', 'in', ['pending', 'returned']), eb('ob.due_at', '<', asOf)]);
      case 'late':
        return eb('ob.late', '=', 1);
      default:
        return eb('ob.state', '=', status);
    }
  };
}

const STATUSES: BoardStatus[] = ['pending', 'submitted', 'accepted', 'returned', 'overdue', 'late'];

/** The scoped obligations of one campaign: those of orgs the actor sees. */
function scoped(db: Db, actor: Actor, campaignId: string) {
  return db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .where('ob.campaign_id', '=', campaignId)
    .where((eb) => orgScope(actor)(eb as never));
}

/** Overdue is judged at closure for a closed campaign: its board is frozen. */
function asOfOf(row: { closed_at: string | null }, now: Date) {
  return row.closed_at ?? now.toISOString();
}

/** Per duty and per level: pending, submitted, accepted, returned, overdue, late. */
export async function campaignBoard(deps: BoardDeps, actor: Actor, campaignId: string) {
  const { row, plan } = await campaignInScope(deps, actor, campaignId);
  const asOf = asOfOf(row, deps.clock.now());
  const rows = await scoped(deps.db, actor, campaignId)
    .select((eb) => [
      'ob.duty_key',
      'ob.org_kind',
      eb.fn.countAll<number>().as('total'),
      ...STATUSES.map((s) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(statusFilter(s, asOf)(eb as unknown as Eb))
              .then(1)
              .else(0)
              .end(),
          )
          .as(s),
      ),
    ])
    .groupBy(['ob.duty_key', 'ob.org_kind'])
    .execute();
  const order = dutiesWithDeliverables(plan).map((d) => d.key);
  const kinds = ['province', 'division', 'city', 'county', 'mine'];
  return {
    campaignId,
    frozenAt: row.closed_at,
    rows: rows
      .map((r) => {
        const duty = plan.duties.find((d) => d.key === r.duty_key)!;
        const counts = Object.fromEntries(
          ['total', ...STATUSES].map((k) => [k, Number((r as Record<string, unknown>)[k] ?? 0)]),
        ) as BoardCounts;
        return { dutyKey: r.duty_key, task: duty.task, title: duty.title, orgKind: r.org_kind, counts };
      })
      .sort(
        (a, b) =>
          order.indexOf(a.dutyKey) - order.indexOf(b.dutyKey) ||
          kinds.indexOf(a.orgKind) - kinds.indexOf(b.orgKind),
      ),
  };
}

/** The orgs behind one board figure. */
export async function boardOrgs(
  deps: BoardDeps,
  actor: Actor,
  campaignId: string,
  query: { dutyKey: string; orgKind: string; status?: BoardStatus },
) {
  const { row } = await campaignInScope(deps, actor, campaignId);
  const asOf = asOfOf(row, deps.clock.now());
  const rows = await scoped(deps.db, actor, campaignId)
    .select([
      'ob.id',
      'ob.org_id',
      'o.name',
      'o.region_code',
      'ob.period_label',
      'ob.due_at',
      'ob.state',
      'ob.late',
      'ob.submitted_at',
    ])
    .where('ob.duty_key', '=', query.dutyKey)
    .where('ob.org_kind', '=', query.orgKind)
    .$if(query.status !== undefined, (q) =>
      q.where((eb) => statusFilter(query.status!, asOf)(eb as unknown as Eb)),
    )
    .orderBy('o.region_code')
    .orderBy('o.name')
    .orderBy('ob.due_at')
    .limit(10000)
    .execute();
  return rows.map((r) => ({
    obligationId: r.id,
    orgId: r.org_id,
    orgName: r.name,
    regionCode: r.region_code,
    periodLabel: r.period_label,
    dueAt: r.due_at,
    state: r.state,
    overdue: ['pending', 'returned'].includes(r.state) && r.due_at < asOf,
    late: r.late === 1,
    submittedAt: r.submitted_at,
  }));
}

/** 催办: notifies every overdue org of a duty in the actor's scope; returns how many orgs. */
export async function urgeOverdue(deps: BoardDeps, actor: Actor, campaignId: string, dutyKey: string) {
  const { row, plan } = await campaignInScope(deps, actor, campaignId);
  if (row.state !== 'active') throw new AppError('CONFLICT', '只有进行中的专项活动可以催办');
  if (actor.orgKind === 'mine' || actor.orgKind === 'group') throw forbidden('只有监管部门可以催办');
  const duty = plan.duties.find((d) => d.key === dutyKey);
  if (!duty)
    throw new AppError('VALIDATION', '没有这项职责', [{ field: 'dutyKey', message: '没有这项职责' }]);
  const now = deps.clock.now();
  const overdue = await scoped(deps.db, actor, campaignId)
    .select(['ob.org_id', 'ob.id'])
    .where('ob.duty_key', '=', dutyKey)
    .where('ob.org_id', '!=', actor.orgId)
    .where((eb) => statusFilter('overdue', now.toISOString())(eb as unknown as Eb))
    .execute();
  const orgIds = [...new Set(overdue.map((o) => o.org_id))];
  await deps.db.transaction().execute(async (trx) => {
    await notifyOrgs(
      trx,
      orgIds,
      { kind: 'obligation.urged', title: `催办：“${duty.title}”已逾期，请尽快报送`, link: '/duties' },
      now,
    );
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'obligation.urged',
        entityType: 'campaign',
        entityId: campaignId,
        changes: { dutyKey, orgs: orgIds.length },
      },
      now,
    );
  });
  return { orgs: orgIds.length };
}
