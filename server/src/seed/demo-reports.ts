import { FORMS_2024, shanghaiDate } from '@tiegui/domain';
import type { Db } from '../db/database';
import { seededRandom } from '../lib/ids';
import { OBLIGATION_MODULE } from '../modules/campaigns/obligation.workflow';
import { act, type DemoActors, type movableClock } from './demo-actors';

const REVIEW_ITEMS = (() => {
  const field = FORMS_2024.find((f) => f.key === 'eight_measures_review')?.fields[0];
  return field?.type === 'checklist' ? field.items.map((i) => i.key) : [];
})();

/** Demo answers for each mine duty's form, valid against the shipped forms; `on` is the day it is filled in. */
export const DEMO_VALUES: Record<string, (on: string) => Record<string, unknown>> = {
  't1-mine-monthly-review': () => ({
    checks: Object.fromEntries(REVIEW_ITEMS.map((key) => [key, { result: 'ok' }])),
    summary: '对照“八条硬措施”逐条检视，未发现问题，本月重点检查了防治水和通风系统。（示例数据）',
  }),
  't3-principal-selfcheck': () => ({
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
  }),
  't4-management-selfcheck': () => ({
    organisation: '设安全管理部，配备专职安全管理人员。（示例数据）',
    staff: '安全管理人员均持证上岗。（示例数据）',
  }),
  't6-concealed-face-report': () => ({
    hasConcealedFace: 'no',
    statement: '经自查，无隐蔽工作面。（示例数据）',
  }),
  't7-mine-survey': () => ({
    title: '隐蔽致灾因素普查技术报告',
    content: '已查清3—5年采掘范围内老空区、含水层和断层情况，报告经专家评审通过。（示例数据）',
  }),
  't9-mine-drills': (on) => ({
    drills: [{ name: '井下透水事故应急演练', disaster: '水害', heldOn: on, participants: 86 }],
  }),
};

/** Why a supervising bureau returned a report, in turn. */
const RETURN_REASONS = [
  '未附检视记录签字页，请补充后重新报送。',
  '整改措施未写明完成时限和责任人，请补充。',
  '情况说明过于简单，请逐项说明自查情况。',
];

/** What became of one obligation, each up to its cumulative share of obligations (the rest missing). */
const FATES = [
  ['onTime', 0.66],
  ['late', 0.76],
  ['returned', 0.82],
  ['waiting', 0.88],
] as const;
type Fate = (typeof FATES)[number][0] | 'missing';

const DAY = 86_400_000;
/** An instant some days from another, at 10:00 Beijing time. */
const daysFrom = (at: string, days: number) =>
  `${shanghaiDate(new Date(Date.parse(at) + days * DAY))}T02:00:00.000Z`;

export interface ReportStep {
  at: string;
  run: () => Promise<void>;
}

/**
 * What each of a campaign's mine obligations went through, as dated steps: submitted a few days
 * before it was due and accepted, late, returned with a reason and submitted again, waiting for
 * review, or never submitted, in the shares of FATES (a seeded draw, so the same every time). Only
 * obligations due before `until` are reported; each step by a user of the mine or of the bureau that
 * supervises it. `fateOf` fixes an obligation's fate where a walkthrough needs it.
 */
export async function reportSteps(
  db: Db,
  actors: DemoActors,
  options: {
    campaignId: string;
    seed: number;
    until: string;
    skipOrgs: ReadonlySet<string>;
    clock: ReturnType<typeof movableClock>;
    fateOf?: (ob: { org_id: string; duty_key: string; due_at: string }) => Fate | undefined;
  },
): Promise<ReportStep[]> {
  const random = seededRandom(options.seed);
  const due = await db
    .selectFrom('obligations as ob')
    .innerJoin('orgs as o', 'o.id', 'ob.org_id')
    .select(['ob.id', 'ob.org_id', 'ob.duty_key', 'ob.due_at', 'o.parent_id'])
    .where('ob.campaign_id', '=', options.campaignId)
    .where('ob.duty_key', 'in', Object.keys(DEMO_VALUES))
    .where('ob.due_at', '<', options.until)
    .orderBy('ob.org_id')
    .orderBy('ob.duty_key')
    .orderBy('ob.due_at')
    .execute();
  const deps = { db, clock: options.clock };
  const steps: ReportStep[] = [];
  for (const ob of due) {
    const draw = random();
    if (options.skipOrgs.has(ob.org_id)) continue;
    const drawn = FATES.find(([, upTo]) => draw < upTo)?.[0] ?? 'missing';
    const fate = options.fateOf?.(ob) ?? drawn;
    if (fate === 'missing') continue;
    if (!ob.parent_id) throw new Error(`demo seed: org ${ob.org_id} has no supervising bureau`);
    const reviewer = ob.parent_id;
    const lead = 2 + Math.floor(random() * 8);
    const submitAt = fate === 'late' ? daysFrom(ob.due_at, lead) : daysFrom(ob.due_at, -lead);
    const values = DEMO_VALUES[ob.duty_key]!(submitAt.slice(0, 10));
    const submit = (at: string) =>
      steps.push({
        at,
        run: () =>
          act(OBLIGATION_MODULE, deps, actors.of(ob.org_id, 'obligation.submit'), ob.id, 'submit', {
            values,
          }),
      });
    const review = (at: string, action: 'accept' | 'return', body: object) =>
      steps.push({
        at,
        run: () =>
          act(OBLIGATION_MODULE, deps, actors.of(reviewer, 'obligation.review'), ob.id, action, body),
      });
    submit(submitAt);
    if (fate === 'waiting') continue;
    if (fate === 'returned') {
      const reason = RETURN_REASONS[steps.length % RETURN_REASONS.length]!;
      review(daysFrom(submitAt, 1), 'return', { comment: `${reason}（示例数据）` });
      submit(daysFrom(submitAt, 3));
      review(daysFrom(submitAt, 5), 'accept', { comment: '补充材料齐全，审核通过。' });
    } else review(daysFrom(submitAt, 2), 'accept', {});
  }
  return steps;
}

/** Runs dated steps in the order they happened, each at its own time. */
export async function happen(clock: ReturnType<typeof movableClock>, steps: ReportStep[]): Promise<void> {
  for (const step of [...steps].sort((a, b) => a.at.localeCompare(b.at))) {
    clock.set(step.at);
    await step.run();
  }
}
