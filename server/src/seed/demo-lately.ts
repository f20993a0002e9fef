import { addDays, shanghaiDate } from '@tiegui/domain';
import type { Db } from '../db/database';
import type { FileStore } from '../modules/files/file.store';
import { HISTORY_FROM } from './demo-campaign';
import { RECENT_FROM, seedRecentCampaign } from './demo-recent';
import { seedHazardYear, seedRecentInvestigations } from './demo-recent-hazards';

/**
 * What the demo did after its fixed start of 2024, dated from the day of the first start (`now`, the
 * injected clock's): once 2024 is well over, the hazards of the campaign's months (all closed), then
 * the last twelve months' hazards and the demo mines' 月度排查, and the follow-up task list (with an
 * active demo campaign). Started inside 2024 (the tests' day), nothing: that year is still to come.
 */
export async function seedDemoLately(
  db: Db,
  now: Date,
  options: { campaign: boolean; store?: FileStore },
): Promise<void> {
  const today = shanghaiDate(now);
  if (today < RECENT_FROM) return;
  await seedHazardYear(db, { today: '2024-12-28', from: '2024-08-01', closed: true, store: options.store });
  const yearAgo = addDays(today, -360);
  await seedHazardYear(db, {
    today,
    from: [HISTORY_FROM, yearAgo].sort()[1] ?? yearAgo,
    closed: false,
    store: options.store,
  });
  await seedRecentInvestigations(db, now);
  if (options.campaign) await seedRecentCampaign(db, now);
}
