import { addDays, ZInvestigationCreate } from '@tiegui/domain';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { OBLIGATION_MODULE } from '../modules/campaigns/obligation.workflow';
import { recordInvestigation } from '../modules/investigations/investigation.service';
import { act, type DemoActors, demoActors, movableClock } from './demo-actors';
import type { ReportStep } from './demo-reports';

/** The months before the campaign (its monthly duty starts in August), the last one the demo's own. */
const MONTHS = ['2024-05', '2024-06', '2024-07'];
/**
 * Left to record in a walkthrough: 代县's demo mine its July (it found a major hazard on 07-20), and
 * 原平's demo mine every month, so a mine that has recorded none is seen too.
 */
const LEFT_OPEN: Record<string, readonly string[]> = { 'dx-mine': ['2024-07'], 'yp-mine': MONTHS };

const SCOPE: Record<string, string> = {
  underground: '全矿井采掘、通风、瓦斯、防治水、机电运输、提升等系统和作业地点（示例数据）',
  open_pit: '采场边坡、排土场、爆破作业、运输线路和供配电系统（示例数据）',
  tailings_pond: '坝体、排洪设施、库区、干滩长度和在线监测设施（示例数据）',
};

/** One mine's 月度排查 of a month, recorded by a user of the mine on the day it was done. */
export function recordDemoInvestigation(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  record: { month: string; on: string; leader: string; mineType?: string; notes?: string },
) {
  return recordInvestigation(
    deps,
    actor,
    ZInvestigationCreate.parse({
      month: record.month,
      investigatedOn: record.on,
      leader: record.leader,
      scope: SCOPE[record.mineType ?? 'underground'] ?? SCOPE.underground,
      participants: '总工程师、安全副矿长、各专业科室负责人（示例数据）',
      notes: record.notes ?? '未发现重大事故隐患，一般隐患已登记整改。（示例数据）',
    }),
  );
}

/**
 * 月度排查 of the demo mines for May to July 2024, each recorded by a user of the mine on the day it
 * was done, through the command the page runs: most mines every month, a few missing one, so the
 * list has records and a month's coverage names who has not recorded.
 */
export async function seedDemoInvestigations(db: Db): Promise<number> {
  // Once only: a database that has investigations keeps them.
  if (await db.selectFrom('hazard_investigations').select('id').limit(1).executeTakeFirst()) return 0;
  const actors = await demoActors(db);
  const mines = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.id', 'm.mine_type', 'm.principal_name'])
    .where('o.active', '=', 1)
    .where('m.status', '!=', 'closed')
    .orderBy('o.path')
    .execute();
  const open = new Map(Object.entries(LEFT_OPEN).map(([u, months]) => [actors.named(u).orgId, months]));
  const records = MONTHS.flatMap((month, m) =>
    mines
      .filter((mine, i) => (i + m) % 5 !== 4 && !open.get(mine.id)?.includes(month))
      .map((mine, i) => ({ mine, month, on: `${month}-${String(20 + (i % 8)).padStart(2, '0')}` })),
  ).sort((a, b) => a.on.localeCompare(b.on));
  const clock = movableClock(`${MONTHS[0]}-01T08:00:00.000Z`);
  for (const { mine, month, on } of records) {
    clock.set(`${on}T08:00:00.000Z`);
    await recordDemoInvestigation({ db, clock }, actors.of(mine.id, 'hazard.rectify'), {
      month,
      on,
      leader: mine.principal_name,
      mineType: mine.mine_type,
    });
  }
  return records.length;
}

/**
 * 月度排查 of the months given as dated steps, by nearly every mine but those skipped around the 20th
 * (each record submits the month's obligation of the campaign), and their acceptance by the
 * supervising bureau a few days later.
 */
export async function investigationSteps(
  db: Db,
  actors: DemoActors,
  clock: Clock & { set(iso: string): void },
  campaignId: string,
  months: string[],
  skip: ReadonlySet<string>,
): Promise<ReportStep[]> {
  const mines = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.parent_id', 'm.mine_type', 'm.principal_name'])
    .where('o.active', '=', 1)
    .orderBy('o.path')
    .execute();
  const deps = { db, clock };
  const steps: ReportStep[] = [];
  for (const [m, month] of months.entries())
    for (const [i, mine] of mines.entries()) {
      if ((i + m) % 9 === 8 || skip.has(mine.id)) continue;
      const on = `${month}-${String(18 + (i % 9)).padStart(2, '0')}`;
      steps.push({
        at: `${on}T08:00:00.000Z`,
        run: async () => {
          await recordDemoInvestigation(deps, actors.of(mine.id, 'hazard.rectify'), {
            month,
            on,
            leader: mine.principal_name,
            mineType: mine.mine_type,
          });
        },
      });
      if (i % 7 === 3 || !mine.parent_id) continue;
      const reviewer = mine.parent_id;
      steps.push({
        at: `${addDays(on, 3)}T02:00:00.000Z`,
        run: async () => {
          const ob = await db
            .selectFrom('obligations')
            .select('id')
            .where('campaign_id', '=', campaignId)
            .where('org_id', '=', mine.id)
            .where('duty_key', '=', 't10-monthly-investigation')
            .where('period_key', '=', month)
            .executeTakeFirstOrThrow();
          await act(OBLIGATION_MODULE, deps, actors.of(reviewer, 'obligation.review'), ob.id, 'accept', {});
        },
      });
    }
  return steps;
}
