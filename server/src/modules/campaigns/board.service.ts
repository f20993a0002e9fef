import { type BoardCounts, type BoardRegions, regionName, regionPrefix } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden } from '../../lib/errors';
import { notifyOrgs } from '../notifications/notification.service';
import {
  BOARD_STATUSES,
  type BoardStatus,
  boardCounts,
  boardFigureOrgs,
  boardRegionCounts,
  overdueOfDuty,
} from './board.repository';
import { campaignInScope } from './campaign.service';
import { dutiesWithDeliverables } from './obligation.generate';

export interface BoardDeps {
  db: Db;
  clock: Clock;
}

/** Overdue is judged at closure for a closed campaign: its board is frozen. */
function asOfOf(row: { closed_at: string | null }, now: Date) {
  return row.closed_at ?? now.toISOString();
}

/** Per duty and per level: pending, submitted, accepted, returned, overdue, late. */
export async function campaignBoard(deps: BoardDeps, actor: Actor, campaignId: string) {
  const { row, plan } = await campaignInScope(deps, actor, campaignId);
  const asOf = asOfOf(row, deps.clock.now());
  const rows = await boardCounts(deps.db, actor, campaignId, asOf);
  const order = dutiesWithDeliverables(plan).map((d) => d.key);
  const kinds = ['province', 'division', 'city', 'county', 'mine'];
  return {
    campaignId,
    frozenAt: row.closed_at,
    rows: rows
      .map((r) => {
        const duty = plan.duties.find((d) => d.key === r.duty_key)!;
        const counts = Object.fromEntries(
          ['total', ...BOARD_STATUSES].map((k) => [k, Number((r as Record<string, unknown>)[k] ?? 0)]),
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

/**
 * The board by region: the cities (or a city's counties) under the region asked for, or under the
 * actor's own, ranked lowest completion first, then most overdue.
 */
export async function boardRegions(
  deps: BoardDeps,
  actor: Actor,
  campaignId: string,
  query: { regionCode?: string },
): Promise<BoardRegions> {
  const { row } = await campaignInScope(deps, actor, campaignId);
  const asOf = asOfOf(row, deps.clock.now());
  const prefix = query.regionCode
    ? regionPrefix(query.regionCode.padEnd(6, '0'))
    : regionPrefix(actor.regionCode ?? '140000');
  const rows = await boardRegionCounts(
    deps.db,
    actor,
    campaignId,
    asOf,
    prefix,
    Math.min(6, prefix.length + 2),
  );
  const items = rows.map((r) => {
    const due = Number(r.due);
    const done = Number(r.submitted ?? 0) + Number(r.accepted ?? 0);
    return {
      code: r.region.padEnd(6, '0'),
      name: regionName(r.region),
      due,
      done,
      overdue: Number(r.overdue ?? 0),
      rate: due === 0 ? 1 : done / due,
    };
  });
  items.sort((a, b) => a.rate - b.rate || b.overdue - a.overdue || a.code.localeCompare(b.code));
  return { regionCode: query.regionCode ? prefix.padEnd(6, '0') : null, items };
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
  const rows = await boardFigureOrgs(deps.db, actor, campaignId, query, asOf);
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
  const overdue = await overdueOfDuty(deps.db, actor, campaignId, dutyKey, now.toISOString());
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
