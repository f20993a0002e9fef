import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

type UserEb = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>;

/** An account holding no role: it can do nothing once signed in. */
const holdsNoRole = (eb: UserEb) =>
  eb.not(eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id')));

/** Accounts with their org's name: what every line of the first page names. */
const ACCOUNT = ['u.id', 'u.username', 'u.display_name', 'o.name as org_name'] as const;
const accounts = (db: Db) =>
  db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id').select(ACCOUNT);

/** Accounts locked out after repeated failed logins (from some address), soonest unlocked last. */
export function lockedAccountRows(db: Db, nowIso: string, limit: number) {
  return accounts(db)
    .innerJoin('login_throttles as t', 't.username', 'u.username')
    .select((eb) => eb.fn.max('t.locked_until').as('until'))
    .where('t.scope', '=', 'login')
    .where('t.locked_until', '>', nowIso)
    .groupBy(['u.id', 'u.username', 'u.display_name', 'o.name'])
    .orderBy('until', 'desc')
    .limit(limit)
    .execute();
}

/** Accounts holding an activation code issued and not used, revoked or expired yet, the code expiring first first. */
export function pendingActivationRows(db: Db, nowIso: string, limit: number) {
  return accounts(db)
    .innerJoin('activation_codes as a', 'a.user_id', 'u.id')
    .select('a.expires_at as until')
    .where('a.used_at', 'is', null)
    .where('a.revoked_at', 'is', null)
    .where('a.expires_at', '>', nowIso)
    .orderBy('a.expires_at')
    .limit(limit)
    .execute();
}

/**
 * Active accounts a system administrator should look at: those holding no role (they can do
 * nothing), and those unused since `dormantBefore` (never signed in, or not since).
 */
export function attentionRows(db: Db, dormantBefore: string, limit: number) {
  return accounts(db)
    .select((eb) => ['u.last_login_at as until', holdsNoRole(eb).as('no_role')])
    .where('u.active', '=', 1)
    .where((eb) =>
      eb.or([
        holdsNoRole(eb),
        eb('u.last_login_at', '<', dormantBefore),
        eb.and([eb('u.last_login_at', 'is', null), eb('u.created_at', '<', dormantBefore)]),
      ]),
    )
    .orderBy('u.username')
    .limit(limit)
    .execute();
}
