import { PLAN_2024 } from '@tiegui/domain';
import type { Db } from '../db/database';
import { createCampaign } from '../modules/campaigns/campaign.service';
import { activateCampaign } from '../modules/campaigns/campaign.workflow';
import { OBLIGATION_MODULE } from '../modules/campaigns/obligation.workflow';
import { uploadPlanVersion } from '../modules/campaigns/plan.service';
import { act, type DemoActors, demoActors, movableClock, orgIdNamed } from './demo-actors';
import { seedDemoNotices } from './demo-notices';

/** Demo answers for the mine self-check forms, valid against the shipped forms. */
const DEMO_VALUES: Record<string, Record<string, unknown>> = {
  't3-principal-selfcheck': {
    oneTeam: 'yes',
    chairman: 'none',
    summary: '对照“八条硬措施”逐条自查，主要负责人按规定带班下井、组织月度重大事故隐患排查。（示例数据）',
    rectifications: [
      {
        problem: '带班下井记录不完整',
        measure: '完善带班记录台账',
        dueOn: '2024-09-20',
        owner: '示例负责人',
      },
    ],
  },
  't4-management-selfcheck': {
    organisation: '设安全管理部，配备专职安全管理人员。（示例数据）',
    staff: '安全管理人员均持证上岗。（示例数据）',
  },
  't6-concealed-face-report': { hasConcealedFace: 'no', statement: '经自查，无隐蔽工作面。（示例数据）' },
};

const ON_TIME = '2024-09-25T02:00:00.000Z';
const REVIEWED = '2024-09-27T02:00:00.000Z';
const LATE = '2024-10-08T02:00:00.000Z';
/** In turn, the mines' reports: not yet in, on time and accepted, on time and waiting, late. */
const MIX = ['none', 'accepted', 'waiting', 'late'] as const;

/**
 * The 2024 plan and its campaign, issued jointly by 省应急厅 and 山西局, through the commands users
 * run: the province officer uploads the plan, drafts the campaign and (active, the default) starts
 * it, which gives every org its obligations; the notices cascade; some mines report, on time and
 * accepted by their supervising bureau, on time and waiting, or late, so boards show real figures.
 * The demo accounts' own mines are left to report. Draft: ready to be activated.
 */
export async function seedDemoCampaign(db: Db, options: { activate: boolean }): Promise<void> {
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
  await seedDemoReports(db, actors, campaign.id);
}

/**
 * Reports already in: every mine but the demo accounts' own, in turn on time and accepted, on time
 * and waiting, late, or not yet reported. Each is submitted by a user of the mine and accepted by a
 * user of the bureau that supervises it.
 */
async function seedDemoReports(db: Db, actors: DemoActors, campaignId: string): Promise<void> {
  const skip = new Set(['dx-mine', 'yp-mine'].map((u) => actors.named(u).orgId));
  const due = await db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .select(['ob.id', 'ob.org_id', 'ob.duty_key', 'o.parent_id'])
    .where('ob.campaign_id', '=', campaignId)
    .where('ob.duty_key', 'in', Object.keys(DEMO_VALUES))
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
        values: DEMO_VALUES[ob.duty_key],
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
