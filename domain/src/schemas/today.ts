import { z } from 'zod';
import { ZHazardLevel, ZHazardState } from '../workflows/hazard';
import { ZObligationState } from './campaign';
import { ZRegionQuery } from './common';
import { ZHazardAction } from './hazard';

/** A region one level below the one asked for, on a campaign board: how far its orgs have come. */
export const ZBoardRegion = z.object({
  code: z.string(),
  name: z.string(),
  /** Obligations due by now (the rate counts only what was already owed). */
  due: z.number(),
  /** Of those, submitted or accepted. */
  done: z.number(),
  overdue: z.number(),
  /** done / due, 0 to 1; 1 when nothing is due yet. */
  rate: z.number(),
});
export type BoardRegion = z.infer<typeof ZBoardRegion>;

export const ZBoardRegionsQuery = z.object({
  regionCode: ZRegionQuery,
});
/** Ranked: lowest completion first, then most overdue. */
export const ZBoardRegions = z.object({
  regionCode: z.string().nullable(),
  items: z.array(ZBoardRegion),
});
export type BoardRegions = z.infer<typeof ZBoardRegions>;

/** A duty of my org that is overdue or due within the week. */
const ZTodayDuty = z.object({
  id: z.string(),
  task: z.string(),
  dutyTitle: z.string(),
  campaignTitle: z.string(),
  periodLabel: z.string(),
  dueAt: z.string(),
  state: ZObligationState,
  /** Whole days to the deadline (Beijing calendar); negative when overdue. */
  daysLeft: z.number(),
});

const ZTodayReview = z.object({
  id: z.string(),
  dutyTitle: z.string(),
  orgName: z.string(),
  submittedAt: z.string().nullable(),
});

const ZTodayNotice = z.object({
  id: z.string(),
  docNumber: z.string(),
  title: z.string(),
  issuerName: z.string(),
  replyDueAt: z.string().nullable(),
  /** sign: not signed yet; relay: signed, not yet forwarded to the orgs below. */
  need: z.enum(['sign', 'relay']),
});

const ZTodayHazard = z.object({
  id: z.string(),
  mineName: z.string(),
  description: z.string(),
  level: ZHazardLevel,
  state: ZHazardState,
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The workflow actions that move it on, which this user may take now. */
  actions: z.array(ZHazardAction),
});

const ZTodaySupervision = z.object({
  hazardId: z.string(),
  mineName: z.string(),
  orgName: z.string(),
  /** When the next progress report is due (Beijing calendar day). */
  reportDueOn: z.string(),
  reportOverdue: z.boolean(),
  deadline: z.string(),
  deadlineOverdue: z.boolean(),
});

const ZTodayBehind = ZBoardRegion.extend({ campaignId: z.string(), campaignTitle: z.string() });

/** 今日工作: what waits for the signed-in user's org and role today. */
export const ZToday = z.object({
  asOf: z.string(),
  /** Open duties of my org (all of them), and those overdue or due within 7 days. */
  dutiesOpen: z.number(),
  duties: z.array(ZTodayDuty),
  reviews: z.array(ZTodayReview),
  notices: z.array(ZTodayNotice),
  hazards: z.array(ZTodayHazard),
  /** More hazards wait than are listed. */
  hazardsMore: z.boolean(),
  supervisions: z.array(ZTodaySupervision),
  /** For a group: its mines' duties overdue and open. */
  mineDuties: z.object({ overdue: z.number(), open: z.number() }).nullable(),
  /** For a regulator: the regions below that are behind on an active campaign, most behind first. */
  behind: z.array(ZTodayBehind),
});
export type Today = z.infer<typeof ZToday>;
