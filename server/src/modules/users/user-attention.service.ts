import { hasPermission } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { UserDeps } from './user.service';
import { attentionRows, lockedAccountRows, pendingActivationRows } from './user-attention.repository';

/** An account is dormant once unused this long (等保: accounts no one uses are closed). */
export const DORMANT_DAYS = 90;
const DAY = 86_400_000;

type Row = { id: string; username: string; display_name: string; org_name: string; until: string | null };
const line = (r: Row) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  orgName: r.org_name,
  until: r.until,
});

/** For a security administrator: accounts locked out now, and those holding an unused activation code. */
export async function securityAttention({ db, clock }: UserDeps, actor: Actor, limit: number) {
  if (!hasPermission(actor.roles, 'security.manage')) return null;
  const now = clock.now().toISOString();
  const [locked, activations] = await Promise.all([
    lockedAccountRows(db, now, limit),
    pendingActivationRows(db, now, limit),
  ]);
  return { locked: locked.map(line), activations: activations.map(line) };
}

/** For a system administrator: active accounts holding no role, or unused for {@link DORMANT_DAYS} days. */
export async function accountsNeedingAttention({ db, clock }: UserDeps, actor: Actor, limit: number) {
  if (!hasPermission(actor.roles, 'user.manage')) return null;
  const dormantBefore = new Date(clock.now().getTime() - DORMANT_DAYS * DAY).toISOString();
  const rows = await attentionRows(db, dormantBefore, limit);
  return rows.map((r) => ({ ...line(r), reason: r.no_role ? ('noRole' as const) : ('dormant' as const) }));
}
