import {
  hasPermission,
  type Mine,
  type MineCreate,
  type MineListQuery,
  type MineStatus,
  type MineUpdate,
  regionContains,
  regionPrefix,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { addObligationsForNewOrg } from '../campaigns/campaign.service';
import { mineHeldStopped } from '../hazards/hazard.effects';
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

export interface MineDeps {
  db: Db;
  clock: Clock;
}

const LOCAL_REGULATOR_KINDS = ['province', 'city', 'county'];
/** Jurisdiction fields a mine's own staff may not change. */
const JURISDICTION_FIELDS = [
  'uscc',
  'status',
  'supervisorOrgId',
  'regionCode',
  'divisionOrgId',
  'groupOrgId',
] as const;

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
  };
}

/** A page of the mines in the actor's scope. */
export async function listMinesPage({ db }: MineDeps, actor: Actor, query: MineListQuery) {
  const { cursor, limit, sort, ...filter } = query;
  const after = cursor ? decodeCursor(cursor) : null;
  const [rows, total] = await Promise.all([
    listMines(db, actor, filter, { sort, after, limit: limit + 1 }),
    countMines(db, actor, filter),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentMine(r, actor)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ value: sortValueOf(last, sort), id: last.id }) : null,
    total,
  };
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

interface Jurisdiction {
  supervisorOrgId: string;
  regionCode: string;
  divisionOrgId?: string | null;
  groupOrgId?: string | null;
}

/** Checks the supervisor, region, division and group of a mine; returns the division to record. */
async function checkJurisdiction(db: Db, actor: Actor, j: Jurisdiction): Promise<string | null> {
  const supervisor = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'region_code', 'path'])
    .where('id', '=', j.supervisorOrgId)
    .executeTakeFirst();
  if (!supervisor || !['city', 'county'].includes(supervisor.kind)) {
    throw invalidField('supervisorOrgId', '监管部门须为市或县（市、区）应急管理局');
  }
  // A regulator places mines only under itself or a bureau below it.
  if (actor.orgKind !== 'province' && !supervisor.path.startsWith(actor.orgPath)) {
    throw invalidField('supervisorOrgId', '只能选择本单位或下级监管部门');
  }
  if (!supervisor.region_code || !regionContains(supervisor.region_code, j.regionCode)) {
    throw invalidField('regionCode', '行政区划代码不在监管部门的辖区内');
  }
  let divisionId = j.divisionOrgId ?? null;
  if (divisionId) {
    const covers = await db
      .selectFrom('division_regions')
      .innerJoin('orgs', 'orgs.id', 'division_regions.division_id')
      .select('division_regions.region_prefix')
      .where('division_regions.division_id', '=', divisionId)
      .where('orgs.kind', '=', 'division')
      .execute();
    if (!covers.some((c) => j.regionCode.startsWith(c.region_prefix))) {
      throw invalidField('divisionOrgId', '该监察执法处的监察范围不包含此矿山所在地');
    }
  } else {
    divisionId = await defaultDivision(db, j.regionCode);
  }
  if (j.groupOrgId) {
    const group = await db
      .selectFrom('orgs')
      .select('kind')
      .where('id', '=', j.groupOrgId)
      .executeTakeFirst();
    if (group?.kind !== 'group') throw invalidField('groupOrgId', '上级公司不存在');
  }
  return divisionId;
}

/** The division whose covered regions match the region most specifically. */
export async function defaultDivision(db: Kysely<Database>, regionCode: string): Promise<string | null> {
  const rows = await db.selectFrom('division_regions').select(['division_id', 'region_prefix']).execute();
  const match = rows
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
  await trx
    .insertInto('mines')
    .values({
      org_id: id,
      uscc: input.uscc,
      category: input.category,
      mine_type: input.mineType,
      status: input.status,
      design_capacity: input.designCapacity ?? null,
      gas_grade: input.category === 'coal' ? (input.gasGrade ?? null) : null,
      hydro_type: input.hydroType ?? null,
      rock_burst: input.rockBurst ?? null,
      combustion_tendency: input.combustionTendency ?? null,
      principal_name: input.principalName,
      principal_phone: input.principalPhone,
      director_is_chairman: input.directorIsChairman ? 1 : 0,
      division_org_id: input.divisionOrgId,
      group_org_id: input.groupOrgId ?? null,
      address: input.address ?? null,
      longitude: input.longitude ?? null,
      latitude: input.latitude ?? null,
    })
    .execute();
  return id;
}

/**
 * Sets a mine's registry status on behalf of another workflow (a major hazard stops the whole
 * mine: 停产整顿; the regulator's resume consent lifts it). The caller audits it in its transaction.
 */
export async function setMineStatus(trx: Kysely<Database>, mineId: string, status: MineStatus, now: Date) {
  await trx.updateTable('mines').set({ status }).where('org_id', '=', mineId).execute();
  await trx.updateTable('orgs').set({ updated_at: now.toISOString() }).where('id', '=', mineId).execute();
}

function assertCanWrite(actor: Actor) {
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

/** Changes registry fields; a mine's own staff may not move its jurisdiction. */
export async function updateMine(deps: MineDeps, actor: Actor, id: string, input: MineUpdate): Promise<Mine> {
  const { db, clock } = deps;
  const row = await findMine(db, actor, id);
  if (!row) throw new OutOfScopeError('矿山');
  const current = presentMine(row, actor);
  if (!current.abilities.canUpdate) throw forbidden('无权修改该矿山的基础信息');
  if (actor.orgKind === 'mine') {
    const locked = JURISDICTION_FIELDS.filter((f) => input[f] !== undefined && input[f] !== current[f]);
    if (locked.length > 0) {
      throw new AppError(
        'FORBIDDEN',
        '矿山企业不能修改统一社会信用代码、生产状态和监管归属，请联系监管部门',
        locked.map((f) => ({ field: f, message: '矿山企业不能修改此项' })),
      );
    }
  }
  const merged = { ...current, ...input };
  if (merged.category !== 'coal' && merged.gasGrade) throw invalidField('gasGrade', '瓦斯等级仅适用于煤矿');
  if (
    current.status === 'suspended_rectification' &&
    merged.status !== current.status &&
    (await mineHeldStopped(db, id))
  ) {
    throw invalidField(
      'status',
      '生产状态：该矿因重大事故隐患全矿停产整顿，须在监管部门同意恢复生产后才能改变（见该隐患的复产审批）',
    );
  }
  let divisionOrgId = current.divisionOrgId;
  const jurisdictionChanged = JURISDICTION_FIELDS.some(
    (f) => f !== 'uscc' && f !== 'status' && input[f] !== undefined,
  );
  if (jurisdictionChanged) divisionOrgId = await checkJurisdiction(db, actor, merged);
  if (input.uscc && input.uscc !== current.uscc && (await findUscc(db, input.uscc))) {
    throw new AppError('CONFLICT', '该统一社会信用代码已登记', [
      { field: 'uscc', message: '该统一社会信用代码已登记' },
    ]);
  }
  const now = clock.now();
  const changes = Object.fromEntries(
    Object.entries(input).filter(([k, v]) => v !== undefined && v !== current[k as keyof Mine]),
  );
  await db.transaction().execute(async (trx) => {
    const orgSet: Partial<Database['orgs']> = { updated_at: now.toISOString() };
    if (input.name !== undefined) orgSet.name = input.name;
    if (input.regionCode !== undefined) orgSet.region_code = input.regionCode;
    if (input.supervisorOrgId !== undefined && input.supervisorOrgId !== current.supervisorOrgId) {
      const parent = await trx
        .selectFrom('orgs')
        .select('path')
        .where('id', '=', input.supervisorOrgId)
        .executeTakeFirstOrThrow();
      orgSet.parent_id = input.supervisorOrgId;
      orgSet.path = `${parent.path}${id}/`;
    }
    await trx.updateTable('orgs').set(orgSet).where('id', '=', id).execute();
    if (input.regionCode !== undefined && input.regionCode !== current.regionCode) {
      // A hazard carries its mine's region (the hazard scope and the by-region figures read it).
      await trx
        .updateTable('hazards')
        .set({ region_code: input.regionCode })
        .where('mine_id', '=', id)
        .execute();
    }
    await trx
      .updateTable('mines')
      .set({
        uscc: merged.uscc,
        category: merged.category,
        mine_type: merged.mineType,
        status: merged.status,
        design_capacity: merged.designCapacity ?? null,
        gas_grade: merged.category === 'coal' ? (merged.gasGrade ?? null) : null,
        hydro_type: merged.hydroType ?? null,
        rock_burst: merged.rockBurst ?? null,
        combustion_tendency: merged.combustionTendency ?? null,
        principal_name: merged.principalName,
        principal_phone: merged.principalPhone,
        director_is_chairman: merged.directorIsChairman ? 1 : 0,
        division_org_id: divisionOrgId,
        group_org_id: merged.groupOrgId ?? null,
        address: merged.address ?? null,
        longitude: merged.longitude ?? null,
        latitude: merged.latitude ?? null,
      })
      .where('org_id', '=', id)
      .execute();
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'mine.updated', entityType: 'mine', entityId: id, changes },
      now,
    );
  });
  return getMine(deps, actor, id);
}

/** Deactivates (or reactivates) a mine; it leaves the default lists but keeps its history. */
export async function setMineActive(
  deps: MineDeps,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<Mine> {
  const { db, clock } = deps;
  const row = await findMine(db, actor, id);
  if (!row) throw new OutOfScopeError('矿山');
  assertCanWrite(actor);
  if ((row.active === 1) === active)
    throw new AppError('CONFLICT', active ? '该矿山已是启用状态' : '该矿山已停用');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orgs')
      .set({ active: active ? 1 : 0, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: active ? 'mine.reactivated' : 'mine.deactivated', entityType: 'mine', entityId: id },
      now,
    );
  });
  return getMine(deps, actor, id);
}

/** Choices for the mine form: bureaus the actor may place a mine under, divisions, groups. */
export async function mineFormOptions({ db }: MineDeps, actor: Actor) {
  const supervisors = LOCAL_REGULATOR_KINDS.includes(actor.orgKind)
    ? await db
        .selectFrom('orgs')
        .select(['id', 'name', 'kind', 'region_code'])
        .where('kind', 'in', ['city', 'county'])
        .where('active', '=', 1)
        .$if(actor.orgKind !== 'province', (q) => q.where('path', 'like', `${actor.orgPath}%`))
        .orderBy('region_code')
        .execute()
    : [];
  const divisions = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'division')
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  const covered = await db.selectFrom('division_regions').select(['division_id', 'region_prefix']).execute();
  const groups = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'group')
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
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
