import type { Db } from '../../db/database';
import { buildObligation } from '../../seed/builders';

/** Test support for the obligation suites: fresh obligations of dx-mine's self-check duty and a complete report. */

/** A complete 主要负责人履职情况自查自纠整改报告. */
export const SELF_CHECK_VALUES = {
  oneTeam: 'yes',
  chairman: 'director',
  summary: '逐条自查主要负责人履职情况。',
  rectifications: [{ problem: '记录不全', measure: '补全记录', dueOn: '2024-09-28', owner: '周矿长' }],
};

/** What a fresh self-check obligation of dx-mine is built from: the demo one's campaign, org and recipients. */
export interface SelfCheckBase {
  campaignId: string;
  orgId: string;
  recipients: string[];
}

export async function selfCheckBase(db: Db): Promise<SelfCheckBase> {
  const own = await db
    .selectFrom('obligations as ob')
    .innerJoin('users as u', 'u.org_id', 'ob.org_id')
    .select(['ob.id', 'ob.campaign_id', 'ob.org_id'])
    .where('u.username', '=', 'dx-mine')
    .where('ob.duty_key', '=', 't3-principal-selfcheck')
    .executeTakeFirstOrThrow();
  const recipients = await db
    .selectFrom('obligation_recipients')
    .select('org_id')
    .where('obligation_id', '=', own.id)
    .execute();
  return { campaignId: own.campaign_id, orgId: own.org_id, recipients: recipients.map((r) => r.org_id) };
}

/** A new pending self-check obligation of dx-mine, due 2024-09-30, to the usual recipients or kept on record. */
export function buildSelfCheck(db: Db, base: SelfCheckBase, received: boolean): Promise<string> {
  return buildObligation(db, {
    ...base,
    recipients: received ? base.recipients : [],
    dutyKey: 't3-principal-selfcheck',
    orgKind: 'mine',
    dueAt: '2024-09-30T15:59:59.000Z',
  });
}
