import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

type ObDb = Database & { ob: Database['obligations']; o: Database['orgs']; c: Database['campaigns'] };

/** Overdue: the deadline has passed and nothing stands submitted or accepted. */
export function overduePredicate(nowIso: string) {
  return (eb: ExpressionBuilder<ObDb, 'ob'>) =>
    eb.and([eb('ob.state', 'in', ['pending', 'returned']), eb('ob.due_at', '<', nowIso)]);
}

export function obligationQuery(db: Db) {
  return db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .innerJoin('campaigns as c', 'c.id', 'ob.campaign_id')
    .select([
      'ob.id',
      'ob.campaign_id',
      'ob.duty_key',
      'ob.org_id',
      'ob.org_kind',
      'ob.period_key',
      'ob.period_label',
      'ob.due_at',
      'ob.state',
      'ob.submitted_at',
      'ob.late',
      'ob.accepted_at',
      'ob.updated_at',
      'o.name as org_name',
      'c.title as campaign_title',
      'c.plan_id',
      'c.state as campaign_state',
      'c.closed_at as campaign_closed_at',
    ]);
}

export type ObligationRow = Awaited<ReturnType<ReturnType<typeof obligationQuery>['execute']>>[number];

export async function recipientsOf(db: Db, obligationIds: readonly string[]) {
  if (obligationIds.length === 0) return new Map<string, { id: string; name: string }[]>();
  const rows = await db
    .selectFrom('obligation_recipients as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.obligation_id', 'o.id', 'o.name'])
    .where('r.obligation_id', 'in', [...obligationIds])
    .orderBy('o.path')
    .execute();
  const map = new Map<string, { id: string; name: string }[]>();
  for (const r of rows)
    map.set(r.obligation_id, [...(map.get(r.obligation_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}
