import type { Plan } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { forbidden, invalidField, notFound } from '../../lib/errors';
import { latestVersion, loadPlan, planExists, storePlan } from './plan.repository';

/** Plans are public documents: any reader of campaigns may read them. */
export async function loadPlanById({ db }: { db: Db }, id: string): Promise<Plan> {
  if (!(await planExists(db, id))) throw notFound('活动方案');
  return loadPlan(db, id);
}

/**
 * A province administrator edits a plan by uploading its next version (validated by the shared
 * schema); campaigns keep the version they were launched with.
 */
export async function uploadPlanVersion({ db, clock }: { db: Db; clock: Clock }, actor: Actor, plan: Plan) {
  if (actor.orgKind !== 'province') throw forbidden('只有省级部门可以维护活动方案');
  const latest = await latestVersion(db, plan.key);
  if (plan.version <= latest) throw invalidField('version', `版本号须大于现有版本${latest}`);
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const id = await storePlan(trx, plan, now, actor.userId);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'plan.uploaded',
        entityType: 'plan',
        entityId: id,
        changes: { key: plan.key, version: plan.version },
      },
      now,
    );
    return id;
  });
  return { id, key: plan.key, version: plan.version, title: plan.title, createdAt: now.toISOString() };
}
