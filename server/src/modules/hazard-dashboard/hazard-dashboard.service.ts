import {
  type HazardDashboard,
  type Recurrence,
  regionName,
  regionPrefix,
  SHIPPED_HAZARD_STANDARDS,
  shanghaiDate,
} from '@tiegui/domain';
import { assertMinesInScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { loadStandard } from '../hazard-catalog/hazard-catalog.service';
import { shiftMonths } from '../hazards/hazard.effects';
import type { HazardDeps } from '../hazards/hazard.service';
import {
  averageDaysToClose,
  byCategory,
  byRegion,
  closedPerMonth,
  type DashboardScope,
  foundPerMonth,
  mineMajorCounts,
  openAtStart,
  openCounts,
  recurrenceMineCount,
  recurrences,
  recurrencesInWindow,
  supervisedCount,
} from './hazard-dashboard.repository';

/** Category titles of the latest stored versions (codes do not collide across standards). */
async function categoryTitles(deps: HazardDeps): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const shipped of SHIPPED_HAZARD_STANDARDS) {
    const s = await loadStandard(deps.db, shipped.key);
    for (const c of s?.categories ?? []) titles.set(c.code, `${c.part ? `${c.part} ` : ''}${c.title}`);
  }
  return titles;
}

/** A dashboard's window: whole months ending this month, narrowed to a region prefix if asked. */
function windowOf(actor: Actor, query: { regionCode?: string; months: number }, now: Date): DashboardScope {
  const today = shanghaiDate(now);
  const since = `${shiftMonths(`${today.slice(0, 7)}-01`, -(query.months - 1))}`;
  const prefix = query.regionCode ? query.regionCode.replace(/(00)+$/, '') || query.regionCode : null;
  return { actor, regionPrefix: prefix, nowIso: now.toISOString(), since };
}

/**
 * The 动态清零 dashboard of the actor's jurisdiction (narrowed to a region prefix for drill-down):
 * figures for major hazards unless named general, over a window of whole months ending this month.
 */
export async function hazardDashboard(
  deps: HazardDeps,
  actor: Actor,
  query: { regionCode?: string; months: number },
): Promise<HazardDashboard> {
  const { db, clock } = deps;
  const now = clock.now();
  const s = windowOf(actor, query, now);
  const { since, regionPrefix: prefix } = s;
  // Group one level below the region asked for, or below the actor's own region.
  const level = prefix ?? regionPrefix(actor.regionCode ?? '140000');
  const childLength = Math.min(6, level.length + 2);
  const [counts, supervised, recurrence, avg, found, closed, start, categories, regions, titles] =
    await Promise.all([
      openCounts(db, s),
      supervisedCount(db, s),
      recurrenceMineCount(db, s),
      averageDaysToClose(db, s),
      foundPerMonth(db, s),
      closedPerMonth(db, s),
      openAtStart(db, s),
      byCategory(db, s),
      byRegion(db, s, childLength),
      categoryTitles(deps),
    ]);
  const months: HazardDashboard['months'] = [];
  let open = Number(start?.n ?? 0);
  for (let i = 0; i < query.months; i++) {
    const m = shiftMonths(since, i).slice(0, 7);
    const f = Number(found.find((r) => r.month === m)?.n ?? 0);
    const c = Number(closed.find((r) => r.month === m)?.n ?? 0);
    open += f - c;
    months.push({ month: m, found: f, closed: c, openAtEnd: open });
  }
  const avgDays = avg?.avg === null || avg?.avg === undefined ? null : Math.round(Number(avg.avg) * 10) / 10;
  return {
    asOf: now.toISOString(),
    regionCode: prefix,
    openMajor: Number(counts?.open_major ?? 0),
    openGeneral: Number(counts?.open_general ?? 0),
    overdueMajor: Number(counts?.overdue_major ?? 0),
    overdueGeneral: Number(counts?.overdue_general ?? 0),
    supervised: Number(supervised?.n ?? 0),
    recurrenceMines: Number(recurrence?.n ?? 0),
    avgDaysToClose: avgDays,
    months,
    byCategory: categories
      .map((c) => ({
        code: c.category_code ?? '',
        name: c.category_code ? (titles.get(c.category_code) ?? c.category_code) : '未分类',
        open: Number(c.open ?? 0),
        total: Number(c.total ?? 0),
      }))
      .sort((a, b) => b.open - a.open || b.total - a.total || a.code.localeCompare(b.code)),
    byRegion: regions
      .map((r) => ({
        code: r.region.padEnd(6, '0'),
        name: regionName(r.region),
        open: Number(r.open ?? 0),
        overdue: Number(r.overdue ?? 0),
        total: Number(r.total ?? 0),
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

type RecurrenceRow = Awaited<ReturnType<typeof recurrences>>[number];

/**
 * One entry per mine, however many pairs of its hazards make it a recurrence: the latest pair
 * (rows come newest first) and every hazard of its pairs, oldest first.
 */
function byMine(rows: RecurrenceRow[]): Recurrence[] {
  const mines = new Map<string, Recurrence>();
  for (const r of rows) {
    const entry = mines.get(r.mine_id) ?? {
      mineId: r.mine_id,
      mineName: r.mine_name,
      regionCode: r.region_code,
      hazardId: r.id,
      foundOn: r.found_on,
      previousHazardId: r.previous_id,
      previousFoundOn: r.previous_found_on,
      hazards: [],
    };
    for (const h of [
      { id: r.id, foundOn: r.found_on },
      { id: r.previous_id, foundOn: r.previous_found_on },
    ])
      if (!entry.hazards.some((x) => x.id === h.id)) entry.hazards.push(h);
    mines.set(r.mine_id, entry);
  }
  const list = [...mines.values()];
  for (const m of list)
    m.hazards.sort((a, b) => a.foundOn.localeCompare(b.foundOn) || a.id.localeCompare(b.id));
  return list;
}

/** Recurrences in scope: mines to be proposed for closure (提请关闭), all or those of a dashboard's window. */
export async function listRecurrences(
  deps: HazardDeps,
  actor: Actor,
  query: { regionCode?: string; months?: number } = {},
) {
  // With a window, the mines the dashboard's 重复发生矿山 counts for the same window and region.
  if (query.months === undefined) return byMine(await recurrences(deps.db, actor));
  const window = windowOf(actor, { ...query, months: query.months }, deps.clock.now());
  return byMine(await recurrencesInWindow(deps.db, window));
}

/** A mine's hazard flags: open and overdue majors, and whether it is to be proposed for closure. */
export async function mineHazardFlags(deps: HazardDeps, actor: Actor, mineId: string) {
  await assertMinesInScope(deps.db, actor, [mineId]);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const counts = await mineMajorCounts(deps.db, mineId, nowIso);
  const list = byMine(await recurrences(deps.db, actor, mineId));
  return {
    mineId,
    openMajor: Number(counts?.open ?? 0),
    overdue: Number(counts?.overdue ?? 0),
    closureProposal: list.length > 0,
    recurrences: list,
  };
}
