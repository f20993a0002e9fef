import type { Db } from '../db/database';
import { lastVerificationSince } from './audit.repository';
import { countingRefusals } from './audit-refusals';

/** A verification older than this is no longer news: the auditor is asked to verify again. */
export const VERIFICATION_DAYS = 30;
const DAY = 86_400_000;

function outcomeOf(changes: string | null): boolean | null {
  if (!changes) return null;
  const parsed: unknown = JSON.parse(changes);
  return typeof parsed === 'object' && parsed !== null && 'ok' in parsed && typeof parsed.ok === 'boolean'
    ? parsed.ok
    : null;
}

/**
 * What an auditor's first page says of the log: the newest verification of the chain within
 * {@link VERIFICATION_DAYS} days (when, by whom, intact or not), and the refusals still counting.
 */
export async function auditState(db: Db, now: Date) {
  const since = new Date(now.getTime() - VERIFICATION_DAYS * DAY).toISOString();
  const [last, refusals] = await Promise.all([lastVerificationSince(db, since), countingRefusals(db, now)]);
  return {
    verifiedAt: last?.at ?? null,
    verifiedBy: last?.actor_username ?? null,
    verifiedOk: last ? outcomeOf(last.changes) : null,
    refusalWindows: refusals.length,
    refusals: refusals.reduce((sum, r) => sum + r.count, 0),
  };
}
