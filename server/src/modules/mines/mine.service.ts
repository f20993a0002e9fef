import {
  hasPermission,
  MINE_JURISDICTION_FIELDS,
  type Mine,
  type MineCreate,
  type MineListQuery,
  type MineStatus,
  regionContains,
  regionPrefix,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { findJurisdiction } from '../../access/jurisdiction';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { addObligationsForNewOrg } from '../campaigns/campaign.service';
import { insertOrg } from '../orgs/org.service';
import {
  countMines,
  findMine,
  findUscc,
  listMines,
  type MineFilter,
  type MineRow,
  sortValueOf,
} from './mine.repository';
import {
  activeOrgsOfKind,
  divisionRegions,
  insertMineRow,
  supervisorChoices,
  updateMineOrg,
  updateMineRow,
} from './mine-registry.repository';

export interface MineDeps {
  db: Db;
  clock: Clock;
}

const LOCAL_REGULATOR_KINDS = ['province', 'city', 'county'];
/** Jurisdiction fields a mine's own staff may not change. */
export const JURISDICTION_FIELDS = MINE_JURISDICTION_FIELDS;

function abilitiesOf(actor: Actor) {
  const local = LOCAL_REGULATOR_KINDS.includes(actor.orgKind);
  return {
    canUpdate: hasPermission(actor.roles, 'mine.update') && (local || actor.orgKind === 'mine'),
    canDeactivate: hasPermission(actor.roles, 'mine.deactivate') && local,
  };
}

export function presentMine(row: MineRow, actor: Actor): Mine {
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    category: row.category as Mine['category'],
    mineType: row.mine_type as Mine['mineType'],
    status: row.status as Mine['status'],
    designCapacity: row.design_capacity,
    gasGrade: row.gas_grade as Mine['gasGrade'],
    hydroType: row.hydro_type as Mine['hydroType'],
    rockBurst: row.rock_burst as Mine['rockBurst'],
    combustionTendency: row.combustion_tendency as Mine['combustionTendency'],
    principalName: row.principal_name,
    principalPhone: row.principal_phone,
    directorIsChairman: row.director_is_chairman === 1,
    supervisorOrgId: row.parent_id ?? '',
    supervisorName: row.supervisor_name,
    regionCode: row.region_code ?? '',
    divisionOrgId: row.division_org_id,
    divisionName: row.division_name,
    groupOrgId: row.group_org_id,
    groupName: row.group_name,
    address: row.address,
    longitude: row.longitude,
    latitude: row.latitude,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: abilitiesOf(actor),
    lockedFields: actor.orgKind === 'mine' ? [...JURISDICTION_FIELDS] : [],
  };
}

/** A page of the mines in the actor's scope. */
export async function listMinesPage({ db }: MineDeps, actor: Actor, query: MineListQuery) {
  const { cursor, limit, sort, ...filter } = query;
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await listMines(db, actor, filter, { sort, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentMine(r, actor)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ value: sortValueOf(last, sort), id: last.id }) : null,
  };
}

/**
 * How many mines in the actor's scope match a filter. Asked on its own, as the hazard count is: a
 * province's count reads every mine it oversees, several times the work of a page, and a page
 * need not wait for it (nor a page after the first ask for it again).
 */
export async function countMinesOf({ db }: MineDeps, actor: Actor, filter: MineFilter) {
  return { total: await countMines(db, actor, filter) };
}

/** Every mine matching a filter, in batches (for export). */
export async function* allMines({ db }: MineDeps, actor: Actor, filter: MineFilter) {
  let after = null as { value: string; id: string } | null;
  for (;;) {
    const rows = await listMines(db, actor, filter, { sort: 'name', after, limit: 1000 });
    for (const r of rows) yield r;
    const last = rows[rows.length - 1];
    if (!last || rows.length < 1000) return;
    after = { value: last.name, id: last.id };
  }
}

export async function getMine({ db }: MineDeps, actor: Actor, id: string): Promise<Mine> {
  const row = await findMine(db, actor, id);
  if (!row) throw new OutOfScopeError('矿山');
  return presentMine(row, actor);
}

/** Where a mine sits: its supervising bureau, region, division and group. */
interface Placement {
  supervisorOrgId: string;
  regionCode: string;
  divisionOrgId?: string | null;
  groupOrgId?: string | null;
}

/** Checks the supervisor, region, division and group of a mine; returns the division to record. */
export async function checkJurisdiction(db: Db, actor: Actor, j: Placement): Promise<string | null> {
  const supervisor = await findJurisdiction(db, j.supervisorOrgId);
  if (!supervisor || !['city', 'county'].includes(supervisor.orgKind)) {
    throw invalidField('supervisorOrgId', '监管部门须为市或县（市、区）应急管理局');
  }
  // A regulator places mines only under itself or a bureau below it.
  if (actor.orgKind !== 'province' && !supervisor.orgPath.startsWith(actor.orgPath)) {
    throw invalidField('supervisorOrgId', '只能选择本单位或下级监管部门');
  }
  if (!supervisor.regionCode || !regionContains(supervisor.regionCode, j.regionCode)) {
    throw invalidField('regionCode', '行政区划代码不在监管部门的辖区内');
  }
  let divisionId = j.divisionOrgId ?? null;
  if (divisionId) {
    const covers = (await findJurisdiction(db, divisionId))?.coveredRegions ?? [];
    if (!covers.some((prefix) => j.regionCode.startsWith(prefix))) {
      throw invalidField('divisionOrgId', '该监察执法处的监察范围不包含此矿山所在地');
    }
  } else {
    divisionId = await defaultDivision(db, j.regionCode);
  }
  if (j.groupOrgId) {
    if ((await findJurisdiction(db, j.groupOrgId))?.orgKind !== 'group')
      throw invalidField('groupOrgId', '上级公司不存在');
  }
  return divisionId;
}

/** The division whose covered regions match the region most specifically. */
export async function defaultDivision(db: Kysely<Database>, regionCode: string): Promise<string | null> {
  const match = (await divisionRegions(db))
    .filter((r) => regionCode.startsWith(r.region_prefix))
    .sort((a, b) => b.region_prefix.length - a.region_prefix.length)[0];
  return match?.division_id ?? null;
}

/** Inserts a mine org and its registry row; shared by the service, the import, the seeds and the tests. */
export async function insertMine(
  trx: Kysely<Database>,
  input: MineCreate & { id?: string; divisionOrgId: string | null },
  now: Date,
): Promise<string> {
  const { id } = await insertOrg(
    trx,
    {
      id: input.id,
      parentId: input.supervisorOrgId,
      kind: 'mine',
      name: input.name,
      regionCode: input.regionCode,
    },
    now,
  );
  await insertMineRow(trx, { org_id: id, ...registryRow(input, input.divisionOrgId) });
  return id;
}

/** A mine's registry row from its fields (a gas grade only for coal). */
export function registryRow(m: MineCreate, divisionOrgId: string | null): Omit<Database['mines'], 'org_id'> {
  return {
    uscc: m.uscc,
    category: m.category,
    mine_type: m.mineType,
    status: m.status,
    design_capacity: m.designCapacity ?? null,
    gas_grade: m.category === 'coal' ? (m.gasGrade ?? null) : null,
    hydro_type: m.hydroType ?? null,
    rock_burst: m.rockBurst ?? null,
    combustion_tendency: m.combustionTendency ?? null,
    principal_name: m.principalName,
    principal_phone: m.principalPhone,
    director_is_chairman: m.directorIsChairman ? 1 : 0,
    division_org_id: divisionOrgId,
    group_org_id: m.groupOrgId ?? null,
    address: m.address ?? null,
    longitude: m.longitude ?? null,
    latitude: m.latitude ?? null,
  };
}

/**
 * Sets a mine's registry status on behalf of another workflow (a major hazard stops the whole
 * mine: 停产整顿; the regulator's resume consent lifts it). The caller audits it in its transaction.
 */
export async function setMineStatus(trx: Kysely<Database>, mineId: string, status: MineStatus, now: Date) {
  await updateMineRow(trx, mineId, { status });
  await updateMineOrg(trx, mineId, { updated_at: now.toISOString() });
}

export function assertCanWrite(actor: Actor) {
  if (!LOCAL_REGULATOR_KINDS.includes(actor.orgKind)) throw forbidden('只有属地监管部门可以新增或停用矿山');
}

/** Registers a mine under a bureau in the actor's jurisdiction. */
export async function createMine(deps: MineDeps, actor: Actor, input: MineCreate): Promise<Mine> {
  assertCanWrite(actor);
  const { db, clock } = deps;
  const divisionOrgId = await checkJurisdiction(db, actor, input);
  if (await findUscc(db, input.uscc))
    throw new AppError('CONFLICT', '该统一社会信用代码已登记', [
      { field: 'uscc', message: '该统一社会信用代码已登记' },
    ]);
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertMine(trx, { ...input, divisionOrgId }, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'mine.created', entityType: 'mine', entityId: id, changes: input },
      now,
    );
    // A mine registered during a campaign owes the periods still ahead.
    await addObligationsForNewOrg(trx, id, now);
    return id;
  });
  return getMine(deps, actor, id);
}

/** Choices for the mine form: bureaus the actor may place a mine under, divisions, groups. */
export async function mineFormOptions({ db }: MineDeps, actor: Actor) {
  const supervisors = LOCAL_REGULATOR_KINDS.includes(actor.orgKind)
    ? await supervisorChoices(db, actor.orgKind === 'province' ? null : actor.orgPath)
    : [];
  const divisions = await activeOrgsOfKind(db, 'division');
  const covered = await divisionRegions(db);
  const groups = await activeOrgsOfKind(db, 'group');
  const prefix = regionPrefix(actor.regionCode ?? '14');
  return {
    supervisors: supervisors.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      regionCode: s.region_code ?? '',
    })),
    divisions: divisions
      .map((d) => ({
        id: d.id,
        name: d.name,
        coveredRegions: covered.filter((c) => c.division_id === d.id).map((c) => c.region_prefix),
      }))
      .filter((d) => d.coveredRegions.some((c) => c.startsWith(prefix) || prefix.startsWith(c))),
    groups,
  };
}
