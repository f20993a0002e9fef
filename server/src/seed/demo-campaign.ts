import { PLAN_2024, shanghaiDate } from '@tiegui/domain';
import type { Db } from '../db/database';
import { createCampaign } from '../modules/campaigns/campaign.service';
import { activateCampaign } from '../modules/campaigns/campaign.workflow';
import { OBLIGATION_MODULE } from '../modules/campaigns/obligation.workflow';
import { uploadPlanVersion } from '../modules/campaigns/plan.service';
import { act, type DemoActors, demoActors, movableClock, orgIdNamed } from './demo-actors';
import { investigationSteps } from './demo-investigations';
import { seedDemoNotices } from './demo-notices';
import { DEMO_VALUES, happen, reportSteps } from './demo-reports';

/** From this day on the 2024 campaign is over: a demo started later shows its whole record. */
export const HISTORY_FROM = '2025-01-01';

/**
 * The 2024 plan and its campaign, issued jointly by 省应急厅 and 山西局, through the commands users
 * run: the province officer uploads the plan, drafts the campaign and (active, the default) starts
 * it, which gives every org its obligations; the notices cascade; the mines report. Started after
 * the campaign (`now` from HISTORY_FROM on), the demo shows its whole record (`seedCampaignHistory`);
 * started during it (the tests' day), some reports of September as the campaign was then. Draft:
 * ready to be activated.
 */
export async function seedDemoCampaign(db: Db, options: { activate: boolean; now: Date }): Promise<void> {
  const clock = movableClock('2024-07-29T01:00:00.000Z');
  const deps = { db, clock };
  const actors = await demoActors(db);
  const officer = actors.named('sx-officer');
  const plan = await uploadPlanVersion(deps, officer, PLAN_2024);
  clock.set('2024-07-29T01:30:00.000Z');
  const campaign = await createCampaign(deps, officer, {
    planId: plan.id,
    title: '2024年“学铁规、明责任、硬落实、保安全”专项活动',
    coIssuerOrgId: await orgIdNamed(db, '国家矿山安全监察局山西局'),
  });
  if (!options.activate) return;
  clock.set('2024-07-29T02:00:00.000Z');
  await activateCampaign(deps, officer, campaign.id);
  await seedDemoNotices(db, actors, campaign.id);
  if (shanghaiDate(options.now) >= HISTORY_FROM)
    await seedCampaignHistory(db, actors, campaign.id, options.now);
  else await seedReportsInProgress(db, actors, campaign.id);
}

/** The demo mine's monthly self-reviews of 2024: August in time, September returned and sent again, October late. */
const DX_MINE_REVIEWS: Record<string, 'onTime' | 'returned' | 'late'> = {
  '2024-08': 'onTime',
  '2024-09': 'returned',
  '2024-10': 'late',
};

/**
 * The campaign's record until it ended: the mines' reports in the shares `reportSteps` draws, each
 * submitted by a user of the mine and reviewed by a user of its supervising bureau, and their 月度排查
 * of August to December (which submit the month's investigation duty). 原平's demo mine is left with
 * everything to report, 代县's with all but three monthly self-reviews (one of them returned once), so
 * a walkthrough finds both a history and work to do.
 */
async function seedCampaignHistory(db: Db, actors: DemoActors, campaignId: string, now: Date): Promise<void> {
  const dxMine = actors.named('dx-mine').orgId;
  const ypMine = actors.named('yp-mine').orgId;
  const clock = movableClock('2024-08-01T02:00:00.000Z');
  const steps = await reportSteps(db, actors, {
    campaignId,
    seed: 20241231,
    until: '2025-01-01T00:00:00.000Z',
    skipOrgs: new Set([ypMine]),
    clock,
    fateOf: (ob) =>
      ob.org_id !== dxMine
        ? undefined
        : ob.duty_key === 't1-mine-monthly-review'
          ? (DX_MINE_REVIEWS[shanghaiDate(new Date(ob.due_at)).slice(0, 7)] ?? 'missing')
          : 'missing',
  });
  const months = ['2024-08', '2024-09', '2024-10', '2024-11', '2024-12'];
  steps.push(...(await investigationSteps(db, actors, clock, campaignId, months, new Set([dxMine, ypMine]))));
  await happen(
    clock,
    steps.filter((s) => s.at <= now.toISOString()),
  );
}

const ON_TIME = '2024-09-25T02:00:00.000Z';
const REVIEWED = '2024-09-27T02:00:00.000Z';
const LATE = '2024-10-08T02:00:00.000Z';
/** In turn, the mines' reports: not yet in, on time and accepted, on time and waiting, late. */
const MIX = ['none', 'accepted', 'waiting', 'late'] as const;
/** The duties of September's reports. */
const SEPTEMBER_DUTIES = ['t3-principal-selfcheck', 't4-management-selfcheck', 't6-concealed-face-report'];

/**
 * The campaign in progress: every mine but the demo accounts' own has, in turn, reported its
 * September duties on time and had them accepted, on time and waiting, late, or not yet. Each is
 * submitted by a user of the mine and accepted by a user of the bureau that supervises it.
 */
async function seedReportsInProgress(db: Db, actors: DemoActors, campaignId: string): Promise<void> {
  const skip = new Set(['dx-mine', 'yp-mine'].map((u) => actors.named(u).orgId));
  const due = await db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .select(['ob.id', 'ob.org_id', 'ob.duty_key', 'o.parent_id'])
    .where('ob.campaign_id', '=', campaignId)
    .where('ob.duty_key', 'in', SEPTEMBER_DUTIES)
    .orderBy('ob.org_id')
    .orderBy('ob.duty_key')
    .execute();
  const reports = due
    .filter((ob) => !skip.has(ob.org_id))
    .map((ob, i) => ({ ...ob, kind: MIX[(i + 1) % MIX.length] ?? 'none' }))
    .filter((ob) => ob.kind !== 'none');
  const clock = movableClock(ON_TIME);
  const deps = { db, clock };
  const submit = async (at: string, kinds: readonly (typeof MIX)[number][]) => {
    clock.set(at);
    for (const ob of reports.filter((r) => kinds.includes(r.kind)))
      await act(OBLIGATION_MODULE, deps, actors.of(ob.org_id, 'obligation.submit'), ob.id, 'submit', {
        values: DEMO_VALUES[ob.duty_key]?.(at.slice(0, 10)),
      });
  };
  await submit(ON_TIME, ['accepted', 'waiting']);
  clock.set(REVIEWED);
  for (const ob of reports.filter((r) => r.kind === 'accepted')) {
    if (!ob.parent_id) throw new Error(`demo seed: mine ${ob.org_id} has no supervising bureau`);
    await act(OBLIGATION_MODULE, deps, actors.of(ob.parent_id, 'obligation.review'), ob.id, 'accept', {});
  }
  await submit(LATE, ['late']);
}
