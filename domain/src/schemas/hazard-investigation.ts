import { z } from 'zod';
import { ZHazardLevel } from '../workflows/hazard';
import { ZInvestigation } from './hazard';

/** 'YYYY-MM', as the monthly investigation routes take a month. */
export const INVESTIGATION_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const ZInvestigationMonth = z.string().regex(INVESTIGATION_MONTH, '月份格式应为YYYY-MM');

/** GET /hazards/investigations: a mine's records or a month's, in the reader's scope. */
export const ZInvestigationListQuery = z.object({
  mineId: z.string().max(64).optional(),
  month: ZInvestigationMonth.optional(),
});
export type InvestigationListQuery = z.infer<typeof ZInvestigationListQuery>;

/** GET /hazards/investigations/coverage: one month, for the scope or one mine. */
export const ZInvestigationCoverageQuery = z.object({
  month: ZInvestigationMonth,
  mineId: z.string().max(64).optional(),
});

/** A hazard an investigation found, as the record shows it (the mine's own, so in the reader's scope). */
export const ZInvestigationHazard = z.object({
  id: z.string(),
  level: ZHazardLevel,
  description: z.string(),
  state: z.string(),
});
export type InvestigationHazard = z.infer<typeof ZInvestigationHazard>;

/** A record with the hazards it found, so a reader sees them without opening each. */
export const ZInvestigationView = ZInvestigation.extend({ hazards: z.array(ZInvestigationHazard) });
export type InvestigationView = z.infer<typeof ZInvestigationView>;

/** The records in scope, and whether this user records its mine's month (what POST checks). */
export const ZInvestigationList = z.object({ items: z.array(ZInvestigationView), canRecord: z.boolean() });
export type InvestigationList = z.infer<typeof ZInvestigationList>;

/** Mines in scope that have or have not recorded a month (未记录的矿山, named up to a limit). */
export const ZInvestigationCoverage = z.object({
  month: z.string(),
  mines: z.number(),
  recorded: z.number(),
  notRecorded: z.array(
    z.object({ mineId: z.string(), mineName: z.string(), regionCode: z.string().nullable() }),
  ),
});
export type InvestigationCoverage = z.infer<typeof ZInvestigationCoverage>;
