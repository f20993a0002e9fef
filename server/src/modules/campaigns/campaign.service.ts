import { type Campaign, hasPermission, type Plan, regionPrefix, type ZCampaignCreate } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { seesCampaign } from '../../access/campaign-scope';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { isJointIssuerPair } from '../orgs/joint-issuer.service';
import { orgById } from '../orgs/org.service';
import {
  activeCampaigns,
  type CampaignRow,
  findCampaign,
  findUnfinishedCampaign,
  insertCampaign,
  listCampaignRows,
} from './campaign.repository';
import { generateObligations } from './obligation.generate';
import { listPlans, loadPlan, planExists } from './plan.repository';

export interface CampaignDeps {
  db: Db;
  clock: Clock;
}

function present(row: CampaignRow, plan: Plan, actor: Actor): Campaign {
  const issuer = actor.orgId === row.issuer_org_id || actor.orgId === row.co_issuer_org_id;
  const manage = issuer && hasPermission(actor.roles, 'campaign.manage');
  return {
    id: row.id,
    planId: row.plan_id,
    title: row.title,
    documentNumber: plan.documentNumber,
    issuerOrgId: row.issuer_org_id,
    issuerName: row.issuer_name,
    coIssuerOrgId: row.co_issuer_org_id,
    coIssuerName: row.co_issuer_name,
    state: row.state as Campaign['state'],
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    activatedAt: row.activated_at,
    closedAt: row.closed_at,
    abilities: { canActivate: manage && row.state === 'draft', canClose: manage && row.state === 'active' },
  };
}

/** A campaign the actor may see, with its plan; 404 otherwise. */
export async function campaignInScope({ db }: CampaignDeps, actor: Actor, id: string) {
  const row = await findCampaign(db, id);
  if (!row || !seesCampaign(actor, row)) throw new OutOfScopeError('专项活动');
  return { row, plan: await loadPlan(db, row.plan_id) };
}

/** Does the actor see this campaign (for a record that names one)? */
export async function campaignVisible(db: Db, actor: Actor, id: string): Promise<boolean> {
  const row = await findCampaign(db, id);
  return !!row && seesCampaign(actor, row);
}

/** A campaign's title, for a record that names its campaign. */
export async function campaignTitle(db: Db, id: string): Promise<string | null> {
  return (await findCampaign(db, id))?.title ?? null;
}

export async function listCampaigns(deps: CampaignDeps, actor: Actor): Promise<Campaign[]> {
  const rows = await listCampaignRows(deps.db);
  const visible = rows.filter((r) => seesCampaign(actor, r));
  return Promise.all(visible.map(async (r) => present(r, await loadPlan(deps.db, r.plan_id), actor)));
}

export async function getCampaign(deps: CampaignDeps, actor: Actor, id: string): Promise<Campaign> {
  const { row, plan } = await campaignInScope(deps, actor, id);
  return present(row, plan, actor);
}

export async function listPlanVersions({ db }: CampaignDeps) {
  return (await listPlans(db)).map((p) => ({
    id: p.id,
    key: p.plan_key,
    version: p.version,
    title: p.title,
    createdAt: p.created_at,
  }));
}

/** A province org drafts a campaign from a stored plan; it issues it, optionally jointly. */
export async function createCampaign(
  deps: CampaignDeps,
  actor: Actor,
  input: z.infer<typeof ZCampaignCreate>,
): Promise<Campaign> {
  const { db, clock } = deps;
  if (actor.orgKind !== 'province') throw forbidden('只有省级部门可以发起专项活动');
  if (!(await planExists(db, input.planId))) throw invalidField('planId', '活动方案不存在');
  const plan = await loadPlan(db, input.planId);
  if (input.coIssuerOrgId) {
    const co = await orgById(db, input.coIssuerOrgId);
    if (co?.kind !== 'province' || input.coIssuerOrgId === actor.orgId) {
      throw invalidField('coIssuerOrgId', '联合发文单位须为另一个省级单位');
    }
    if (!(await isJointIssuerPair(db, actor.orgId, co.id))) {
      throw invalidField('coIssuerOrgId', '联合发文单位：只能选择与本单位配置为联合发文的单位');
    }
  }
  if (await findUnfinishedCampaign(db, input.planId, regionPrefix(actor.regionCode ?? ''))) {
    throw new AppError('CONFLICT', '该方案已有未结束的专项活动，不能重复发起（否则各单位会收到重复的任务）', [
      { field: 'planId', message: '该方案已有未结束的专项活动' },
    ]);
  }
  const now = clock.now();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertCampaign(trx, {
      id,
      plan_id: input.planId,
      title: input.title,
      issuer_org_id: actor.orgId,
      co_issuer_org_id: input.coIssuerOrgId ?? null,
      region_prefix: regionPrefix(actor.regionCode ?? ''),
      state: 'draft',
      starts_on: plan.startsOn,
      ends_on: plan.endsOn,
      activated_at: null,
      closed_at: null,
      created_by: actor.userId,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'campaign.created', entityType: 'campaign', entityId: id, changes: input },
      now,
    );
  });
  return getCampaign(deps, actor, id);
}

/** An org added while campaigns run (a new mine) gets its obligations for the periods still ahead. */
export async function addObligationsForNewOrg(
  trx: Kysely<Database>,
  orgId: string,
  now: Date,
): Promise<number> {
  const org = await orgById(trx, orgId);
  if (!org?.region_code) return 0;
  const active = await activeCampaigns(trx);
  let n = 0;
  for (const c of active.filter((c) => org.region_code!.startsWith(c.region_prefix))) {
    n += await generateObligations(trx, c, await loadPlan(trx, c.plan_id), now, [orgId]);
  }
  return n;
}
