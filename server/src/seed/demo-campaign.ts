import { FORMS_2024, PLAN_2024, validateForm } from '@tiegui/domain';
import { appendAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { newId } from '../lib/ids';
import { generateObligations } from '../modules/campaigns/obligation.generate';
import { storePlan } from '../modules/campaigns/plan.repository';
import { seedDemoNotices } from './demo-notices';

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

/** Demo answers for the mine self-check forms, valid against the shipped forms. */
const DEMO_VALUES: Record<string, Record<string, unknown>> = {
  principal_duty_selfcheck: {
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
  management_selfcheck_plan: {
    organisation: '设安全管理部，配备专职安全管理人员。（示例数据）',
    staff: '安全管理人员均持证上岗。（示例数据）',
  },
  concealed_face_report: { hasConcealedFace: 'no', statement: '经自查，无隐蔽工作面。（示例数据）' },
};

/**
 * The 2024 plan and its campaign, issued jointly by 省应急厅 and 山西局. Active (the default): every
 * org's obligations exist and some mines have reported, on time or late, so boards show real
 * figures; the demo accounts' own mines are left to report. Draft: ready to be activated.
 */
export async function seedDemoCampaign(db: Db, options: { activate: boolean }): Promise<void> {
  const department = await db
    .selectFrom('orgs')
    .select('id')
    .where('name', '=', '山西省应急管理厅')
    .executeTakeFirstOrThrow();
  const bureau = await db
    .selectFrom('orgs')
    .select('id')
    .where('name', '=', '国家矿山安全监察局山西局')
    .executeTakeFirstOrThrow();
  const start = new Date('2024-07-29T02:00:00.000Z');
  await db.transaction().execute(async (trx) => {
    const planId = await storePlan(trx, PLAN_2024, start, null);
    const campaign = {
      id: newId(),
      issuer_org_id: department.id,
      co_issuer_org_id: bureau.id,
      region_prefix: '14',
      starts_on: PLAN_2024.startsOn,
      ends_on: PLAN_2024.endsOn,
    };
    await trx
      .insertInto('campaigns')
      .values({
        ...campaign,
        plan_id: planId,
        title: '2024年“学铁规、明责任、硬落实、保安全”专项活动',
        state: options.activate ? 'active' : 'draft',
        activated_at: options.activate ? start.toISOString() : null,
        closed_at: null,
        created_by: null,
        created_at: start.toISOString(),
      })
      .execute();
    if (!options.activate) return;
    const obligations = await generateObligations(trx, campaign, PLAN_2024, start);
    await appendAudit(
      trx,
      SYSTEM,
      {
        action: 'campaign.activated',
        entityType: 'campaign',
        entityId: campaign.id,
        changes: { obligations },
      },
      start,
    );

    // Reports already in: every mine but the demo accounts' own, in turn on time and accepted,
    // on time and waiting, or late.
    const demoMines = await trx
      .selectFrom('users')
      .select('org_id')
      .where('username', 'in', ['dx-mine', 'yp-mine'])
      .execute();
    const skip = new Set(demoMines.map((m) => m.org_id));
    const due = await trx
      .selectFrom('obligations')
      .select(['id', 'org_id', 'duty_key', 'due_at'])
      .where('campaign_id', '=', campaign.id)
      .where('duty_key', 'in', [
        't3-principal-selfcheck',
        't4-management-selfcheck',
        't6-concealed-face-report',
      ])
      .orderBy('org_id')
      .orderBy('duty_key')
      .execute();
    let i = 0;
    for (const ob of due.filter((o) => !skip.has(o.org_id))) {
      i++;
      const kind = i % 4; // 0: not yet reported
      if (kind === 0) continue;
      const formKey = PLAN_2024.duties.find((d) => d.key === ob.duty_key)!.formKey!;
      const form = FORMS_2024.find((f) => f.key === formKey)!;
      const values = validateForm(form, DEMO_VALUES[formKey]).values;
      const at = kind === 3 ? '2024-10-08T02:00:00.000Z' : '2024-09-25T02:00:00.000Z';
      const accepted = kind === 1;
      await trx
        .insertInto('submissions')
        .values({
          id: newId(),
          obligation_id: ob.id,
          version: 1,
          form_key: form.key,
          form_version: form.version,
          content: JSON.stringify(values),
          state: accepted ? 'accepted' : 'submitted',
          created_at: at,
          updated_at: at,
          submitted_at: at,
          submitted_by: null,
          reviewed_at: accepted ? '2024-09-27T02:00:00.000Z' : null,
          reviewed_by: null,
          reviewer_org_id: null,
          review_comment: null,
        })
        .execute();
      await trx
        .updateTable('obligations')
        .set({
          state: accepted ? 'accepted' : 'submitted',
          submitted_at: at,
          late: at > ob.due_at ? 1 : 0,
          accepted_at: accepted ? '2024-09-27T02:00:00.000Z' : null,
          updated_at: at,
        })
        .where('id', '=', ob.id)
        .execute();
    }
    await seedDemoNotices(trx, campaign.id);
  });
}
