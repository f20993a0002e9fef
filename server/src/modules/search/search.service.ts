import {
  hasPermission,
  SEARCH_SHOWN,
  type SearchResults,
  ZHazardListQuery,
  ZMineListQuery,
} from '@tiegui/domain';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { getHazard, listHazardsPage } from '../hazards/hazard.service';
import { listMinesPage } from '../mines/mine.service';
import { searchNotices } from '../notices/notice-search.service';

export interface SearchDeps {
  db: Db;
  clock: Clock;
}

/** A hazard's id as its links and the 台账 carry it (a ULID): asked for by its number, it is found exactly. */
const HAZARD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

async function minesOf(deps: SearchDeps, actor: Actor, text: string) {
  const page = await listMinesPage(deps, actor, ZMineListQuery.parse({ q: text, limit: SEARCH_SHOWN }));
  return page.items.map((m) => ({ id: m.id, name: m.name, uscc: m.uscc, regionCode: m.regionCode }));
}

async function hazardById(deps: SearchDeps, actor: Actor, id: string) {
  try {
    return [await getHazard(deps, actor, id.toUpperCase())];
  } catch (error) {
    if (error instanceof OutOfScopeError) return [];
    throw error;
  }
}

async function hazardsOf(deps: SearchDeps, actor: Actor, text: string) {
  const found = HAZARD_ID.test(text)
    ? await hazardById(deps, actor, text)
    : (
        await listHazardsPage(
          deps,
          actor,
          ZHazardListQuery.parse({ q: text, sort: '-updatedAt', limit: SEARCH_SHOWN }),
        )
      ).items;
  return found.map((h) => ({
    id: h.id,
    mineName: h.mineName,
    description: h.description,
    location: h.location,
    level: h.level,
    state: h.state,
  }));
}

/**
 * 全局搜索: mines by name or 统一社会信用代码, hazards by description, location or number, notices by
 * 文号 or title — each through its module's own list, so within the actor's scope, and only the
 * kinds the actor may list.
 */
export async function search(deps: SearchDeps, actor: Actor, text: string): Promise<SearchResults> {
  const may = (p: Parameters<typeof hasPermission>[1]) => hasPermission(actor.roles, p);
  const [mines, hazards, notices] = await Promise.all([
    may('mine.read') ? minesOf(deps, actor, text) : undefined,
    may('hazard.read') ? hazardsOf(deps, actor, text) : undefined,
    may('notice.read') ? searchNotices(deps, actor, text, SEARCH_SHOWN) : undefined,
  ]);
  return { mines, hazards, notices };
}
