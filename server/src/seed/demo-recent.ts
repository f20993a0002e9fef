import {
  FORMS_2024,
  lastDayOfMonth,
  PLAN_2024,
  type Plan,
  shanghaiDate,
  startOfDayShanghai,
} from '@tiegui/domain';
import type { Db } from '../db/database';
import { createCampaign } from '../modules/campaigns/campaign.service';
import { activateCampaign } from '../modules/campaigns/campaign.workflow';
import { OBLIGATION_MODULE } from '../modules/campaigns/obligation.workflow';
import { uploadPlanVersion } from '../modules/campaigns/plan.service';
import { shiftMonths } from '../modules/hazards/hazard.effects';
import { act, demoActors, movableClock, orgIdNamed } from './demo-actors';
import { investigationSteps } from './demo-investigations';
import { DEMO_VALUES, happen, reportSteps } from './demo-reports';

/** The first day on which the demo dates activity from the clock: before it, the 2024 campaign is all there is. */
export const RECENT_FROM = '2025-03-01';
/** The duties the follow-up list keeps from the 2024 plan: the mines' two monthly ones. */
const MONTHLY_DUTIES = ['t1-mine-monthly-review', 't10-monthly-investigation'];

/** The demo's own plan, removed with the demo data (the 2024 plan is the real document). */
export const FOLLOW_UP_PLAN_KEY = 'sx-tiegui-follow-up';

/** The month (YYYY-MM) some months from another. */
export const monthFrom = (month: string, months: number) => shiftMonths(`${month}-01`, months).slice(0, 7);
const lastDayOf = (month: string) => lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));

/**
 * The follow-up task list of the year the demo starts in: after the 2024 campaign, the province keeps
 * the mines' monthly self-review and monthly major-hazard investigation going, from last month to
 * two months after this one, with the 2024 plan's duties, tasks and forms.
 */
export function followUpPlan(today: string): Plan {
  const month = today.slice(0, 7);
  const duties = PLAN_2024.duties.filter((d) => MONTHLY_DUTIES.includes(d.key));
  const tasks = PLAN_2024.tasks.filter((t) => duties.some((d) => d.task === t.no));
  return {
    key: FOLLOW_UP_PLAN_KEY,
    version: 1,
    title: `${today.slice(0, 4)}年“八条硬措施”常态化落实工作安排（示例）`,
    documentNumber: `晋应急发〔${today.slice(0, 4)}〕15号（示例）`,
    startsOn: `${monthFrom(month, -1)}-01`,
    endsOn: lastDayOf(monthFrom(month, 2)),
    sections: PLAN_2024.sections.filter((s) => tasks.some((t) => t.section === s.code)),
    tasks,
    duties: duties.map(({ minFirstPeriodDays: _, note: __, ...d }) => d),
    forms: FORMS_2024.filter((f) => duties.some((d) => d.formKey === f.key)),
  };
}

/**
 * Activity dated from the day of the first start (`now`), when that is after the 2024 campaign: the
 * follow-up task list issued by the province at the start of last month, the mines' monthly reports and 月度排查
 * of the months already due (most on time and accepted, some late, returned or missing), this month
 * open for 代县's demo mine while another 代县 mine's report waits for the county. Returns the new
 * campaign's id, or null when the clock is too early for it.
 */
export async function seedRecentCampaign(db: Db, now: Date): Promise<string | null> {
  const today = shanghaiDate(now);
  if (today < RECENT_FROM) return null;
  const plan = followUpPlan(today);
  const clock = movableClock(`${plan.startsOn}T01:00:00.000Z`);
  const deps = { db, clock };
  const actors = await demoActors(db);
  const officer = actors.named('sx-officer');
  const stored = await uploadPlanVersion(deps, officer, plan);
  clock.set(`${plan.startsOn}T01:30:00.000Z`);
  const campaign = await createCampaign(deps, officer, {
    planId: stored.id,
    title: plan.title,
    coIssuerOrgId: await orgIdNamed(db, '国家矿山安全监察局山西局'),
  });
  clock.set(`${plan.startsOn}T02:00:00.000Z`);
  await activateCampaign(deps, officer, campaign.id);

  const month = today.slice(0, 7);
  const thisMonth = startOfDayShanghai(`${month}-01`).toISOString();
  const dxMine = actors.named('dx-mine').orgId;
  const steps = await reportSteps(db, actors, {
    campaignId: campaign.id,
    seed: Number(month.replace('-', '')),
    until: thisMonth,
    skipOrgs: new Set(),
    clock,
    fateOf: (ob) => (ob.org_id === dxMine ? 'onTime' : undefined),
  });
  steps.push(
    ...(await investigationSteps(db, actors, clock, campaign.id, [monthFrom(month, -1)], new Set())),
  );
  // This month: another 代县 mine has sent its self-review, which waits for the county.
  const neighbour = await otherMineOf(db, actors.named('dx-county').orgId, dxMine);
  const sent = await db
    .selectFrom('obligations')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .where('org_id', '=', neighbour)
    .where('duty_key', '=', 't1-mine-monthly-review')
    .where('due_at', '>', thisMonth)
    .orderBy('due_at')
    .executeTakeFirstOrThrow();
  const at = new Date(Math.max(now.getTime() - 86_400_000, Date.parse(thisMonth) + 3_600_000));
  steps.push({
    at: at.toISOString(),
    run: () =>
      act(OBLIGATION_MODULE, deps, actors.of(neighbour, 'obligation.submit'), sent.id, 'submit', {
        values: DEMO_VALUES['t1-mine-monthly-review']!(shanghaiDate(at)),
      }),
  });
  await happen(
    clock,
    steps.filter((s) => s.at <= now.toISOString()),
  );
  return campaign.id;
}

/** Another mine the bureau supervises, the first by its place in the tree. */
async function otherMineOf(db: Db, bureau: string, not: string): Promise<string> {
  const row = await db
    .selectFrom('orgs')
    .select('id')
    .where('parent_id', '=', bureau)
    .where('kind', '=', 'mine')
    .where('id', '!=', not)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  return row.id;
}
