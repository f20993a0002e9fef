import {
  actionFormsOf,
  catalogProblem,
  HAZARD_WORKFLOW,
  type HazardCreate,
  type HazardDetail,
  type HazardFilter,
  type HazardListQuery,
  likelyDuplicate,
  type MineCategory,
  type MineType,
  SELF_REPORTED_SOURCES,
  STANDARD_KEY_OF,
  shanghaiDate,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { assertMinesInScope, OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database, HazardTable } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { loadStandard } from '../hazard-catalog/hazard-catalog.service';
import { findRecurrence, notify, regulatorsOf, stopMine } from './hazard.effects';
import { isRegulator, presentEvent, presentHazard, presentSupervision } from './hazard.present';
import {
  countHazards,
  findHazard,
  type HazardRow,
  hazardsFoundOn,
  insertHazard,
  listHazards,
  mineFacts,
  sortValueOf,
} from './hazard.repository';
import { eventsOfHazard, insertHazardEvent, supervisionsOfHazard } from './hazard-history.repository';

export interface HazardDeps {
  db: Db;
  clock: Clock;
}

/** One hazard with its history, supervisions and what the actor may do; 404 out of scope. */
export async function getHazard(deps: HazardDeps, actor: Actor, id: string): Promise<HazardDetail> {
  const row = await findHazard(deps.db, actor, id);
  if (!row) throw new OutOfScopeError('隐患');
  return hazardDetail(deps, actor, row);
}

/** The detail of a hazard row already read in scope: its history, supervisions, closure and action forms. */
export async function hazardDetail(
  { db, clock }: HazardDeps,
  actor: Actor,
  row: HazardRow,
): Promise<HazardDetail> {
  const id = row.id;
  const now = clock.now();
  const [events, supervisions] = await Promise.all([eventsOfHazard(db, id), supervisionsOfHazard(db, id)]);
  const hazard = await presentHazard(db, actor, row, now);
  return {
    ...hazard,
    events: events.map(presentEvent),
    supervisions: supervisions.map((s) => presentSupervision(s, actor, row.state, now)),
    closure: row.closure ? (JSON.parse(row.closure) as Record<string, unknown>) : null,
    actionForms: actionFormsOf(HAZARD_WORKFLOW, hazard.actions),
  };
}

/** A page of the hazards in the actor's scope (keyset; `total` only when asked for). */
export async function listHazardsPage({ db, clock }: HazardDeps, actor: Actor, query: HazardListQuery) {
  const { cursor, limit, sort, ...filter } = query;
  const now = clock.now();
  const nowIso = now.toISOString();
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await listHazards(db, actor, filter, { sort, after, limit: limit + 1, nowIso });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await Promise.all(page.map((r) => presentHazard(db, actor, r, now))),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ value: sortValueOf(last, sort), id: last.id }) : null,
  };
}

/** How many hazards in the actor's scope match a filter (exactly up to HAZARD_COUNT_CAP). */
export function countHazardsOf({ db, clock }: HazardDeps, actor: Actor, filter: HazardFilter) {
  return countHazards(db, actor, filter, clock.now().toISOString());
}

/** Every hazard matching a filter, in batches (for export). */
export async function* allHazards(
  { db, clock }: HazardDeps,
  actor: Actor,
  filter: HazardFilter,
  sort: HazardListQuery['sort'],
) {
  const nowIso = clock.now().toISOString();
  let after = null as { value: string; id: string } | null;
  for (;;) {
    const rows: HazardRow[] = await listHazards(db, actor, filter, { sort, after, limit: 1000, nowIso });
    for (const r of rows) yield r;
    const last = rows[rows.length - 1];
    if (!last || rows.length < 1000) return;
    after = { value: sortValueOf(last, sort), id: last.id };
  }
}

/** Checks a registration and resolves the mine, the catalog version and the finder's org. */
async function prepare(db: Kysely<Database>, actor: Actor, input: HazardCreate, now: Date) {
  let mineId = input.mineId;
  if (actor.orgKind === 'mine') {
    mineId ??= actor.orgId;
    if (mineId !== actor.orgId) throw new OutOfScopeError('矿山');
  } else {
    if (!mineId) throw invalidField('mineId', '矿山：请选择隐患所在的矿山');
    await assertMinesInScope(db as Db, actor, [mineId]);
  }
  if (isRegulator(actor) && SELF_REPORTED_SOURCES.includes(input.source))
    throw invalidField('source', '隐患来源：监管部门登记的隐患不能选择企业自查或月度排查');
  if (input.foundOn > shanghaiDate(now)) throw invalidField('foundOn', '排查发现日期：不能晚于今天');
  if (input.level === 'general' && input.productionStop !== 'none')
    throw invalidField('productionStop', '停产情况：停产整改只适用于重大事故隐患');
  if (input.productionStop === 'area' && !input.stoppedArea)
    throw invalidField('stoppedArea', '停产区域：局部停产时须写明停产的区域');
  if (input.level === 'major' && !input.categoryCode)
    throw invalidField('categoryCode', '隐患类别：重大事故隐患须按判定标准选择类别');
  const mine = await mineFacts(db, mineId);
  if (!mine) throw new OutOfScopeError('矿山');
  let catalog: { key: string; version: number } | null = null;
  if (input.categoryCode) {
    const standard = await loadStandard(db, STANDARD_KEY_OF[mine.category as MineCategory]);
    if (!standard) throw invalidField('categoryCode', '隐患类别：未找到适用的判定标准');
    const problem = catalogProblem(
      standard,
      { category: mine.category as MineCategory, mineType: mine.mine_type as MineType },
      input.categoryCode,
      input.itemCode,
    );
    if (problem)
      throw invalidField(
        problem.field,
        `${problem.field === 'itemCode' ? '具体情形' : '隐患类别'}：${problem.message}`,
      );
    catalog = { key: standard.key, version: standard.version };
  }
  await assertAttachable(db, actor, fieldRefs({ photos: input.photos, files: input.files }), {
    recordOrgId: mineId,
  });
  return { mine: { ...mine, id: mineId }, catalog };
}

/**
 * Inserts a checked hazard with its first history row and audit: the recurrence link, the mine's
 * 停产整顿 and the regulators' notice of a major hazard happen in the same transaction.
 */
export async function insertCheckedHazard(
  trx: Kysely<Database>,
  actor: Actor,
  input: HazardCreate,
  prepared: Awaited<ReturnType<typeof prepare>>,
  now: Date,
  action: 'register' | 'import' = 'register',
): Promise<string> {
  const id = newId();
  const stamp = now.toISOString();
  const { mine, catalog } = prepared;
  const row: HazardTable = {
    id,
    mine_id: mine.id,
    region_code: mine.region_code ?? '',
    level: input.level,
    catalog_key: catalog?.key ?? null,
    catalog_version: catalog?.version ?? null,
    category_code: input.categoryCode ?? null,
    item_code: input.itemCode ?? null,
    description: input.description,
    location: input.location,
    found_on: input.foundOn,
    found_by: input.foundBy,
    found_by_org_id: actor.orgId,
    source: input.source,
    source_ref: input.sourceRef ?? null,
    self_reported: SELF_REPORTED_SOURCES.includes(input.source) ? 1 : 0,
    photos: JSON.stringify(input.photos),
    files: JSON.stringify(input.files),
    production_stop: input.productionStop,
    stopped_area: input.stoppedArea ?? null,
    immediate_measures: input.immediateMeasures ?? null,
    mine_status_before: null,
    state: 'registered',
    responsible_unit: null,
    responsible_person: null,
    measures: null,
    funds_fen: null,
    time_limit: null,
    due_at: null,
    contingency_plan: null,
    treatment_plan: null,
    extension_until: null,
    extension_reason: null,
    extension_requested_at: null,
    closed_at: null,
    closed_on: null,
    days_to_close: null,
    root_cause_category: null,
    root_cause: null,
    closure: null,
    recurrence_of: null,
    created_by: actor.userId,
    created_at: stamp,
    updated_at: stamp,
  };
  // 仍然生产: only a mine producing by its registry when the hazard is found counts.
  row.recurrence_of = mine.status === 'producing' ? await findRecurrence(trx, row) : null;
  const who = auditActorOf(actor);
  if (row.level === 'major' && row.production_stop === 'mine')
    row.mine_status_before = await stopMine(trx, who, mine.id, id, now);
  await insertHazard(trx, row);
  await linkFiles(trx, 'hazard', id, 'photos', input.photos, now);
  await linkFiles(trx, 'hazard', id, 'files', input.files, now);
  await insertHazardEvent(trx, {
    id: newId(),
    hazard_id: id,
    action,
    from_state: null,
    to_state: 'registered',
    actor_user_id: actor.userId,
    actor_org_id: actor.orgId,
    at: stamp,
    evidence: JSON.stringify({}),
  });
  await appendAudit(
    trx,
    who,
    {
      action: 'hazard.registered',
      entityType: 'hazard',
      entityId: id,
      changes: { ...input, recurrenceOf: row.recurrence_of, via: action },
    },
    now,
  );
  if (row.level === 'major') {
    const regulators = (await regulatorsOf(trx, mine.id)).filter((o) => o !== actor.orgId);
    await notify(
      trx,
      regulators,
      {
        kind: 'hazard.major_registered',
        title: row.recurrence_of
          ? '矿山3个月内再次发现重大事故隐患仍在生产，请研究提请关闭'
          : '辖区矿山登记了重大事故隐患',
        body: input.description.slice(0, 200),
        link: `/hazards/${id}`,
      },
      now,
    );
  }
  return id;
}

/** Refuses a registration that likely repeats a hazard of the same mine found the same day, naming them. */
async function assertNoDuplicate(db: Kysely<Database>, mineId: string, input: HazardCreate) {
  const candidates = (await hazardsFoundOn(db, mineId, input.foundOn))
    .filter((h) => likelyDuplicate(input, h))
    .map((h) => ({
      id: h.id,
      level: h.level,
      description: h.description,
      location: h.location,
      foundOn: h.found_on,
      state: h.state,
    }));
  if (candidates.length === 0) return;
  throw new AppError(
    'DUPLICATE',
    `该矿山同一排查发现日期已登记${candidates.length}条内容或地点相似的隐患，请先核对；确认不是同一隐患的，请选择“仍然登记”`,
    undefined,
    { candidates },
  );
}

/**
 * Registers a hazard found by the mine itself, an inspection, a tip or otherwise; a likely
 * duplicate only when the body confirms it.
 */
export async function registerHazard(deps: HazardDeps, actor: Actor, input: HazardCreate) {
  const now = deps.clock.now();
  const prepared = await prepare(deps.db, actor, input, now);
  if (!input.confirmDuplicate) await assertNoDuplicate(deps.db, prepared.mine.id, input);
  const id = await deps.db
    .transaction()
    .execute((trx) => insertCheckedHazard(trx, actor, input, prepared, now));
  return getHazard(deps, actor, id);
}

export { prepare as prepareHazard };
