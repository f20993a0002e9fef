import type { Kysely } from 'kysely';
import { type AuditActor, appendAudit } from '../../audit/audit.service';
import type { Database } from '../../db/schema';
import { setMineStatus } from '../mines/mine.service';
import { type NotificationInput, notifyOrgs } from '../notifications/notification.service';
import { recurrencePartner } from './hazard.repository';
import { activeSupervisingOrgs } from './hazard-history.repository';
import {
  anyStoppingHazard,
  mineRegulatorIds,
  mineStatus,
  otherStoppingHazard,
  stoppingHolder,
} from './hazard-mine.repository';

/** Side effects shared by registration, the transitions and the import, each inside the caller's transaction. */

/** 'YYYY-MM-DD' moved by whole months, the day clamped to the month's end. */
export function shiftMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whole days from one date to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The earlier major hazard that makes this one a recurrence (two within 3 months while producing). */
export async function findRecurrence(
  trx: Kysely<Database>,
  h: { id: string; mine_id: string; level: string; production_stop: string; found_on: string },
): Promise<string | null> {
  if (h.level !== 'major' || h.production_stop !== 'none') return null;
  const partner = await recurrencePartner(
    trx,
    h.mine_id,
    { from: shiftMonths(h.found_on, -3), to: shiftMonths(h.found_on, 3) },
    h.id,
  );
  return partner?.id ?? null;
}

/** The mine's regulators: its supervising bureau and its division (both lines). */
export async function regulatorsOf(trx: Kysely<Database>, mineId: string): Promise<string[]> {
  const row = await mineRegulatorIds(trx, mineId);
  return [row?.parent_id, row?.division_org_id].filter((x): x is string => Boolean(x));
}

/** Orgs with an active supervision on the hazard. */
export async function supervisingOrgsOf(trx: Kysely<Database>, hazardId: string): Promise<string[]> {
  return (await activeSupervisingOrgs(trx, hazardId)).map((r) => r.org_id);
}

export function notify(
  trx: Kysely<Database>,
  orgIds: readonly string[],
  input: NotificationInput,
  now: Date,
) {
  return notifyOrgs(trx, orgIds, input, now);
}

/**
 * The whole mine stops for a major hazard: its registry status becomes 停产整顿. Returns the status
 * to restore on the resume consent (the one before the first hazard that stopped it).
 */
export async function stopMine(
  trx: Kysely<Database>,
  who: AuditActor,
  mineId: string,
  hazardId: string,
  now: Date,
): Promise<string> {
  const mine = await mineStatus(trx, mineId);
  const holder = await stoppingHolder(trx, mineId, hazardId);
  const before = holder?.mine_status_before ?? mine.status;
  if (mine.status !== 'suspended_rectification') {
    await setMineStatus(trx, mineId, 'suspended_rectification', now);
    await appendAudit(
      trx,
      who,
      {
        action: 'mine.updated',
        entityType: 'mine',
        entityId: mineId,
        changes: { status: 'suspended_rectification', reason: '重大事故隐患停产整顿', hazardId },
      },
      now,
    );
  }
  return before;
}

/** The resume consent lifts 停产整顿 unless another major hazard still holds the whole mine stopped. */
export async function resumeMine(
  trx: Kysely<Database>,
  who: AuditActor,
  h: { id: string; mine_id: string; mine_status_before: string | null },
  now: Date,
): Promise<void> {
  const other = await otherStoppingHazard(trx, h.mine_id, h.id);
  if (other) return;
  const mine = await mineStatus(trx, h.mine_id);
  const restore = h.mine_status_before ?? 'producing';
  if (mine.status !== 'suspended_rectification' || restore === 'suspended_rectification') return;
  await setMineStatus(trx, h.mine_id, restore as 'producing', now);
  await appendAudit(
    trx,
    who,
    {
      action: 'mine.updated',
      entityType: 'mine',
      entityId: h.mine_id,
      changes: { status: restore, reason: '重大事故隐患整改后同意恢复生产', hazardId: h.id },
    },
    now,
  );
}

/** Whether a major hazard holds the whole mine stopped until its resume consent (the registry keeps 停产整顿). */
export async function mineHeldStopped(db: Kysely<Database>, mineId: string): Promise<boolean> {
  return (await anyStoppingHazard(db, mineId)) !== undefined;
}
