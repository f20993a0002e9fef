import { z } from 'zod';
import { SEARCH_QUERY_MAX } from '../rules/search';
import { ZHazardLevel, ZHazardState } from '../workflows/hazard';

/** The most records of each kind a search shows: the header's box is for finding one record. */
export const SEARCH_SHOWN = 10;

/** 全局搜索: what the header's box sends. */
export const ZSearchQuery = z.object({ q: z.string().trim().min(1).max(SEARCH_QUERY_MAX) });

const ZSearchMine = z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionCode: z.string() });
const ZSearchHazard = z.object({
  id: z.string(),
  mineName: z.string(),
  description: z.string(),
  location: z.string(),
  level: ZHazardLevel,
  state: ZHazardState,
});
const ZSearchNotice = z.object({
  id: z.string(),
  docNumber: z.string(),
  title: z.string(),
  issuedOn: z.string(),
});

/**
 * What a search found in the actor's scope, grouped by kind; a kind the actor may not list is
 * absent (not empty), so the page shows only the groups it could ever fill.
 */
export const ZSearchResults = z.object({
  mines: z.array(ZSearchMine).optional(),
  hazards: z.array(ZSearchHazard).optional(),
  notices: z.array(ZSearchNotice).optional(),
});
export type SearchResults = z.infer<typeof ZSearchResults>;
