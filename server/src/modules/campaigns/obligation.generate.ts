import { type Duty, type Plan, periodsOf, type RecipientRule } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Database, ObligationRecipientTable, ObligationTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import { insertObligations, orgsInCampaignRegion } from './obligation.repository';

export interface CampaignFacts {
  id: string;
  issuer_org_id: string;
  co_issuer_org_id: string | null;
  region_prefix: string;
  starts_on: string;
  ends_on: string;
}

interface OrgFacts {
  id: string;
  kind: string;
  parent_id: string | null;
  region_code: string | null;
  division_org_id: string | null;
}

/** Duties that produce obligations: the ones with a deliverable and a deadline. */
export function dutiesWithDeliverables(plan: Plan): Duty[] {
  return plan.duties.filter((d) => d.formKey && d.cadence !== 'continuous' && d.cadence !== 'per_event');
}

function recipientsOf(rules: readonly RecipientRule[], org: OrgFacts, campaign: CampaignFacts): string[] {
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule === 'supervisor' && org.parent_id) ids.add(org.parent_id);
    if (rule === 'division' && org.division_org_id) ids.add(org.division_org_id);
    if (rule === 'issuer') {
      ids.add(campaign.issuer_org_id);
      if (campaign.co_issuer_org_id) ids.add(campaign.co_issuer_org_id);
    }
  }
  ids.delete(org.id);
  return [...ids];
}

function owes(duty: Duty, org: OrgFacts, campaign: CampaignFacts): boolean {
  if (!duty.owedBy.includes(org.kind as Duty['owedBy'][number])) return false;
  if (duty.regionPrefix && !(org.region_code ?? '').startsWith(duty.regionPrefix)) return false;
  // A province-level duty is owed once, by the org that issued the campaign.
  if (org.kind === 'province') return org.id === campaign.issuer_org_id;
  return true;
}

/**
 * Creates each org's obligations for every duty and period of a campaign, in the issuer's
 * jurisdiction. With `orgIds` (an org added after activation) only those orgs, and only periods
 * not yet due. Returns the number of obligations created.
 */
export async function generateObligations(
  trx: Kysely<Database>,
  campaign: CampaignFacts,
  plan: Plan,
  now: Date,
  orgIds?: readonly string[],
): Promise<number> {
  const orgs: OrgFacts[] = await orgsInCampaignRegion(trx, campaign.region_prefix, orgIds);
  const window = { start: campaign.starts_on, end: campaign.ends_on };
  const obligations: ObligationTable[] = [];
  const recipients: ObligationRecipientTable[] = [];
  const stamp = now.toISOString();
  for (const duty of dutiesWithDeliverables(plan)) {
    const periods = periodsOf(duty, window).filter((p) => !orgIds || p.dueAt > now);
    for (const org of orgs) {
      if (!owes(duty, org, campaign)) continue;
      const to = recipientsOf(duty.recipients, org, campaign);
      for (const period of periods) {
        const id = newId();
        obligations.push({
          id,
          campaign_id: campaign.id,
          duty_key: duty.key,
          org_id: org.id,
          org_kind: org.kind,
          period_key: period.key,
          period_label: period.label,
          due_at: period.dueAt.toISOString(),
          state: 'pending',
          submitted_at: null,
          late: 0,
          accepted_at: null,
          updated_at: stamp,
        });
        for (const r of to) recipients.push({ obligation_id: id, org_id: r });
      }
    }
  }
  await insertObligations(trx, obligations, recipients);
  return obligations.length;
}
