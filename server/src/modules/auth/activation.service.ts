import { createHash, randomBytes } from 'node:crypto';
import { ACTIVATION_HOURS } from '@tiegui/domain';
import { appendAudit, recordAudit } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { notifyUsers } from '../notifications/notification.service';
import {
  endSessionsOf,
  findActivationCode,
  insertActivationCode,
  isAdministrator,
  otherAdministrators,
  revokeOpenCodes,
  setActivatedPassword,
  useActivationCode,
} from './activation.repository';
import { hashPassword } from './password';
import { assertNewPassword } from './password-history.service';

export interface ActivationDeps {
  db: Db;
  clock: Clock;
}

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 16;

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** The code as typed, in its one canonical form: case, dashes and spaces, and look-alikes do not matter. */
function canonical(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** A 128-bit code is out of reach of guessing, so a plain sha256 is enough to keep it unreadable. */
const hashOf = (code: string) => createHash('sha256').update(canonical(code)).digest('hex');

/** A password hash nobody knows the password of: an account waiting for its user's own. */
export function unknownPasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'));
}

/**
 * Issues a one-time activation code for a user (128 random bits), valid for 24 hours; earlier codes
 * not used yet stop working. Returns the code in clear, once: only its hash is kept.
 */
export async function issueActivationCode(
  trx: Db,
  input: { userId: string; issuedBy: string | null },
  now: Date,
): Promise<{ code: string; expiresAt: string }> {
  const code = encode(randomBytes(CODE_BYTES));
  const expiresAt = new Date(now.getTime() + ACTIVATION_HOURS * 3_600_000).toISOString();
  await revokeOpenCodes(trx, input.userId, now.toISOString());
  await insertActivationCode(trx, {
    id: newId(),
    user_id: input.userId,
    code_hash: hashOf(code),
    issued_by: input.issuedBy,
    issued_at: now.toISOString(),
    expires_at: expiresAt,
    used_at: null,
    revoked_at: null,
  });
  return { code, expiresAt };
}

type CodeRow = NonNullable<Awaited<ReturnType<typeof findActivationCode>>>;

/** Why a code cannot be used now (a message naming the field), or null. */
function codeProblem(row: CodeRow | undefined, now: Date): string | null {
  if (!row) return '激活码：激活码不正确，请核对后重新输入';
  if (row.used_at) return '激活码：该激活码已使用过，每个激活码只能使用一次';
  if (row.revoked_at) return '激活码：该激活码已作废，请使用最新签发的激活码';
  if (new Date(row.expires_at) <= now)
    return `激活码：该激活码已过期（签发后${ACTIVATION_HOURS}小时内有效），请联系安全管理员重新签发`;
  if (row.active !== 1) return '激活码：该账号已停用';
  return null;
}

/** A usable code's row, or a 400 naming the field; a refused code is audited (someone tried it). */
async function usableCode(db: Db, code: string, now: Date, ip: string | null): Promise<CodeRow> {
  const row = await findActivationCode(db, hashOf(code));
  const problem = codeProblem(row, now);
  if (!row || problem) {
    await recordAudit(
      db,
      { userId: null, username: row?.username ?? null, orgId: null, ip },
      {
        action: 'auth.activation_failed',
        entityType: row ? 'user' : undefined,
        entityId: row?.user_id,
        changes: { reason: problem },
      },
      now,
    );
    throw invalidField('code', problem ?? '激活码：激活码不正确');
  }
  return row;
}

/** Whose account a code is for, so the page can say it before the user chooses a password. */
export async function checkActivationCode({ db, clock }: ActivationDeps, code: string, ip: string | null) {
  const row = await usableCode(db, code, clock.now(), ip);
  return { username: row.username, displayName: row.display_name, expiresAt: row.expires_at };
}

/**
 * The user sets their own password with a code: once, within its 24 hours. Every session of the
 * account ends; the use is audited and the user is told (and, for an administrator account, the
 * other administrators, since a code used by someone else is how an account would be taken over).
 */
export async function activateAccount(
  deps: ActivationDeps,
  input: { code: string; password: string },
  ip: string | null,
): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  const row = await usableCode(db, input.code, now, ip);
  // The account's hash now is a reset's or a new account's: no password the user chose.
  await assertNewPassword(
    db,
    { id: row.user_id, username: row.username, displayName: row.display_name, current: null },
    input.password,
    {
      key: 'password',
      label: '密码',
    },
  );
  const passwordHash = await hashPassword(input.password);
  const admin = await isAdministrator(db, row.user_id);
  const used = await db.transaction().execute(async (trx) => {
    if (!(await useActivationCode(trx, row.id, now.toISOString()))) return false;
    await setActivatedPassword(trx, row.user_id, passwordHash, now.toISOString());
    await endSessionsOf(trx, row.user_id);
    await appendAudit(
      trx,
      { userId: row.user_id, username: row.username, orgId: row.org_id, ip },
      {
        action: 'auth.activated',
        entityType: 'user',
        entityId: row.user_id,
        changes: { codeId: row.id, issuedBy: row.issued_by },
      },
      now,
    );
    await notifyUsers(
      trx,
      [row.user_id],
      {
        kind: 'account.activated',
        title: '您的账号已通过激活码设置新密码',
        body: '如非本人操作，请立即联系安全管理员。',
      },
      now,
    );
    if (admin) {
      await notifyUsers(
        trx,
        await otherAdministrators(trx, row.user_id),
        { kind: 'account.activated', title: `管理员账号 ${row.username} 已通过激活码设置新密码` },
        now,
      );
    }
    return true;
  });
  if (!used) throw invalidField('code', '激活码：该激活码已使用过，每个激活码只能使用一次');
}
