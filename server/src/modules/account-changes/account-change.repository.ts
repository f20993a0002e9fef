import type { Expression, ExpressionBuilder, SqlBool, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { AccountChangeTable } from '../../db/schema-accounts';

type ChangeFilter = (
  eb: ExpressionBuilder<Database & { c: Database['account_changes'] }, 'c'>,
) => Expression<SqlBool>;

/** Requests with the names of who asked and decided, and the account changed as it is now. */
function selectChanges(db: Db) {
  return db
    .selectFrom('account_changes as c')
    .innerJoin('users as r', 'r.id', 'c.requested_by')
    .leftJoin('users as f', 'f.id', 'c.first_approved_by')
    .leftJoin('users as d', 'd.id', 'c.decided_by')
    .leftJoin('users as t', 't.id', 'c.target_user_id')
    .leftJoin('orgs as o', 'o.id', 't.org_id')
    .select([
      'c.id',
      'c.change',
      'c.state',
      'c.approvals',
      'c.approver_role',
      'c.target_user_id',
      'c.proposal',
      'c.reason',
      'c.requested_by',
      'c.requested_at',
      'c.first_approved_by',
      'c.decided_by',
      'c.decided_at',
      'c.comment',
      'c.updated_at',
      'r.display_name as requester_name',
      'f.display_name as first_approver_name',
      'd.display_name as decider_name',
      't.username as target_username',
      't.display_name as target_name',
      't.active as target_active',
      'o.name as target_org_name',
    ]);
}
export type AccountChangeRow = Awaited<
  ReturnType<ReturnType<typeof selectChanges>['executeTakeFirstOrThrow']>
>;

/** One request, if the scope lets it be seen. */
export function findAccountChange(db: Db, id: string, scope: ChangeFilter) {
  return selectChanges(db).where(scope).where('c.id', '=', id).executeTakeFirst();
}

/** Requests in scope, newest first: all of them, the open ones, or those one administrator filed. */
export function listAccountChangeRows(
  db: Db,
  scope: ChangeFilter,
  filter: { states?: readonly string[]; requestedBy?: string },
) {
  return selectChanges(db)
    .where(scope)
    .$if(filter.states !== undefined, (q) => q.where('c.state', 'in', [...filter.states!]))
    .$if(filter.requestedBy !== undefined, (q) => q.where('c.requested_by', '=', filter.requestedBy!))
    .orderBy('c.id', 'desc')
    .limit(200)
    .execute();
}

/** The roles of some users, by user. */
export async function rolesOfUsers(db: Db, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('role')
    .execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
  return out;
}

/** The names of some orgs, by id. */
export async function orgNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}

/** An open request (pending a first or second approval) on an account, other than `except`. */
export function openChangeOf(db: Db, userId: string, except: string | null) {
  return db
    .selectFrom('account_changes')
    .select('id')
    .where('target_user_id', '=', userId)
    .where('state', 'in', ['pending', 'confirming'])
    .$if(except !== null, (q) => q.where('id', '!=', except!))
    .executeTakeFirst();
}

/** Open requests for new accounts, with their proposals (to find one proposing a username). */
export function openCreations(db: Db, except: string | null) {
  return db
    .selectFrom('account_changes')
    .select(['id', 'change', 'proposal'])
    .where('change', '=', 'create')
    .where('state', 'in', ['pending', 'confirming'])
    .$if(except !== null, (q) => q.where('id', '!=', except!))
    .execute();
}

export async function insertAccountChange(trx: Db, row: AccountChangeTable) {
  await trx.insertInto('account_changes').values(row).execute();
}

/** Moves a request on, guarded by the state and version read; false when it changed in between. */
export async function writeAccountChange(
  trx: Db,
  id: string,
  read: { state: string; updatedAt: string },
  set: Updateable<AccountChangeTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('account_changes')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', read.state)
    .where('updated_at', '=', read.updatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The active holders of a role: who a request waiting for that role is announced to. */
export async function activeHoldersOf(db: Db, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', '=', role)
    .where('u.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}
