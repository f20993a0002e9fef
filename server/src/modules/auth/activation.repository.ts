import { ADMIN_ROLES } from '@tiegui/domain';
import type { Db } from '../../db/database';
import type { ActivationCodeTable } from '../../db/schema-accounts';

/** Voids a user's codes not used yet: only the newest one issued works. */
export async function revokeOpenCodes(trx: Db, userId: string, at: string) {
  await trx
    .updateTable('activation_codes')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertActivationCode(trx: Db, row: ActivationCodeTable) {
  await trx.insertInto('activation_codes').values(row).execute();
}

/** A code by its hash, with the account it sets the password of. */
export function findActivationCode(db: Db, codeHash: string) {
  return db
    .selectFrom('activation_codes as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.user_id',
      'a.issued_by',
      'a.expires_at',
      'a.used_at',
      'a.revoked_at',
      'u.username',
      'u.display_name',
      'u.org_id',
      'u.active',
    ])
    .where('a.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Marks a code used unless someone used or voided it in between; false then. */
export async function useActivationCode(trx: Db, id: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('activation_codes')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The user's own password, chosen on the activation page: the account is usable again at once. */
export async function setActivatedPassword(trx: Db, userId: string, passwordHash: string, at: string) {
  await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
}

export async function endSessionsOf(trx: Db, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The active administrators (三员) other than a user: who watches an administrator's account. */
export async function otherAdministrators(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', 'in', [...ADMIN_ROLES])
    .where('u.active', '=', 1)
    .where('u.id', '!=', userId)
    .execute();
  return rows.map((r) => r.id);
}

export async function isAdministrator(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('role', 'in', [...ADMIN_ROLES])
    .executeTakeFirst();
  return row !== undefined;
}
