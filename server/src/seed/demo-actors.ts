import { type ActionOf, type AnyWorkflow, hasPermission, type Permission, type Role } from '@tiegui/domain';
import type { Actor } from '../access/actor';
import { jurisdictionOf } from '../access/jurisdiction';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { prepareAction, type WorkflowDeps, type WorkflowModule } from '../workflow/engine';

/** The signed-in view of the demo's users, for seeding through the same commands users run. */
export interface DemoActors {
  /** A demo account by its username. */
  named(username: string): Actor;
  /** The first user of an org (by username) who holds the permission. */
  of(orgId: string, permission: Permission): Actor;
}

/**
 * Every user of the database as an actor, read in three queries: the seeds act for dozens of orgs,
 * and one lookup per action would cost more than the action.
 */
export async function demoActors(db: Db): Promise<DemoActors> {
  const users = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'o.id as org_id', 'o.kind', 'o.path', 'o.region_code'])
    .orderBy('u.username')
    .execute();
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).execute();
  const covered = await db
    .selectFrom('division_regions')
    .select(['division_id', 'region_prefix'])
    .orderBy('region_prefix')
    .execute();
  const actors = users.map(
    (u): Actor => ({
      ...jurisdictionOf(
        { id: u.org_id, kind: u.kind, path: u.path, region_code: u.region_code },
        covered.filter((c) => c.division_id === u.org_id).map((c) => c.region_prefix),
      ),
      userId: u.id,
      username: u.username,
      roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
      ip: null,
    }),
  );
  const byName = new Map(actors.map((a) => [a.username, a]));
  return {
    named(username) {
      const actor = byName.get(username);
      if (!actor) throw new Error(`demo seed: no user ${username}`);
      return actor;
    },
    of(orgId, permission) {
      const actor = actors.find((a) => a.orgId === orgId && hasPermission(a.roles, permission));
      if (!actor) throw new Error(`demo seed: nobody of org ${orgId} may ${permission}`);
      return actor;
    },
  };
}

/** The id of a demo org by its exact name. */
export async function orgIdNamed(db: Db, name: string): Promise<string> {
  return (await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** A clock the seed moves to the day each demo action happened. */
export function movableClock(start: string): Clock & { set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
    },
  };
}

/**
 * One workflow action as the engine runs it for a route (every check, the write, history, audit and
 * notifications in one transaction), without reading back the answer the route would send: the
 * seed takes hundreds of actions and looks at none of them.
 */
export async function act<W extends AnyWorkflow, Row, Update, Result, Deps extends WorkflowDeps>(
  module: WorkflowModule<W, Row, Update, Result, Deps>,
  deps: Deps,
  actor: Actor,
  id: string,
  action: ActionOf<W>,
  body: unknown,
): Promise<void> {
  const prepared = await prepareAction(module, deps, actor, id, action, body);
  await deps.db.transaction().execute((trx) => prepared.commit(trx));
}
