import { type Plan, ZPlan } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

/** Stores a plan version unless that version is already stored; returns its id. */
export async function storePlan(
  trx: Kysely<Database>,
  plan: Plan,
  now: Date,
  userId: string | null,
): Promise<string> {
  const existing = await trx
    .selectFrom('plans')
    .select('id')
    .where('plan_key', '=', plan.key)
    .where('version', '=', plan.version)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await trx
    .insertInto('plans')
    .values({
      id,
      plan_key: plan.key,
      version: plan.version,
      title: plan.title,
      content: JSON.stringify(plan),
      created_at: now.toISOString(),
      created_by: userId,
    })
    .execute();
  return id;
}

const cache = new Map<string, Plan>();

/** A stored plan version, parsed (versions never change, so they are cached by id). */
export async function loadPlan(db: Kysely<Database>, id: string): Promise<Plan> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await db.selectFrom('plans').select('content').where('id', '=', id).executeTakeFirstOrThrow();
  const plan = ZPlan.parse(JSON.parse(row.content));
  cache.set(id, plan);
  return plan;
}

export function listPlans(db: Db) {
  return db
    .selectFrom('plans')
    .select(['id', 'plan_key', 'version', 'title', 'created_at'])
    .orderBy('plan_key')
    .orderBy('version', 'desc')
    .execute();
}

export async function latestVersion(db: Db, key: string): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('plan_key', '=', key)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function planExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('plans').select('id').where('id', '=', id).executeTakeFirst());
}
