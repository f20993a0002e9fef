import {
  ALLOWED_PARENT_KINDS,
  type Org,
  type OrgCreate,
  type OrgKind,
  type OrgUpdate,
  regionContains,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  coveredRegionsByDivision,
  deleteCoveredRegions,
  findOrg,
  findOrgInScope,
  findOrgPath,
  insertCoveredRegions,
  insertOrgRow,
  listOrgs as listOrgRows,
  type OrgRow,
  updateOrgRow,
} from './org.repository';

export interface OrgDeps {
  db: Db;
  clock: Clock;
}

function present(row: OrgRow, covered: Map<string, string[]>): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as OrgKind,
    name: row.name,
    shortName: row.short_name,
    regionCode: row.region_code,
    coveredRegions: covered.get(row.id) ?? [],
    active: row.active === 1,
  };
}

/** The orgs the actor may see, flat and ordered by tree path. */
export async function listOrgs(
  { db }: OrgDeps,
  actor: Actor,
  filter: { kind?: OrgKind; includeMines: boolean },
) {
  const rows = await listOrgRows(db, actor, filter);
  const covered = await coveredRegionsByDivision(
    db,
    rows.filter((r) => r.kind === 'division').map((r) => r.id),
  );
  return rows.map((r) => present(r, covered));
}

export async function getOrg({ db }: OrgDeps, actor: Actor, id: string): Promise<Org> {
  const row = await findOrgInScope(db, actor, id);
  if (!row) throw new OutOfScopeError('单位');
  return present(row, await coveredRegionsByDivision(db, [row.id]));
}

/** Inserts an org row with its materialized path; shared by the service, the seeds and the tests. */
export async function insertOrg(
  trx: Kysely<Database>,
  input: {
    id?: string;
    parentId: string | null;
    kind: OrgKind;
    name: string;
    shortName?: string | null;
    regionCode: string | null;
  },
  now: Date,
): Promise<{ id: string; path: string }> {
  const id = input.id ?? newId();
  const path = await pathUnder(trx, input.parentId, id);
  await insertOrgRow(trx, {
    id,
    parent_id: input.parentId,
    path,
    kind: input.kind,
    name: input.name,
    short_name: input.shortName ?? null,
    region_code: input.regionCode,
    active: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  return { id, path };
}

/** The materialized path of an org placed under a parent (or at the root). */
export async function pathUnder(db: Db, parentId: string | null, id: string): Promise<string> {
  return `${parentId ? await findOrgPath(db, parentId) : '/'}${id}/`;
}

/** An org by id whatever the actor's scope: for the checks other modules make (a supervisor, a co-issuer). */
export function orgById(db: Db, id: string): Promise<OrgRow | undefined> {
  return findOrg(db, id);
}

/** Creates a regulator or group org under a parent of an allowed kind (system administrator). */
export async function createOrg({ db, clock }: OrgDeps, actor: Actor, input: OrgCreate): Promise<Org> {
  const parent = input.parentId ? await findOrg(db, input.parentId) : null;
  if (input.parentId && !parent) throw invalidField('parentId', '上级单位不存在');
  const allowed = ALLOWED_PARENT_KINDS[input.kind];
  if (!allowed.includes((parent?.kind ?? null) as OrgKind | null)) {
    throw invalidField('parentId', '上级单位的类型不符合层级要求');
  }
  if (
    parent?.region_code &&
    input.kind !== 'group' &&
    !regionContains(parent.region_code, input.regionCode)
  ) {
    throw invalidField('regionCode', '行政区划代码不在上级单位的辖区内');
  }
  if (input.kind !== 'division' && input.coveredRegions.length > 0) {
    throw invalidField('coveredRegions', '只有监察执法处需要填写监察范围');
  }
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await insertOrg(trx, { ...input, shortName: input.shortName ?? null }, now);
    await insertCoveredRegions(trx, id, input.coveredRegions);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'org.created', entityType: 'org', entityId: id, changes: input },
      now,
    );
    return id;
  });
  return getOrg({ db, clock }, actor, id);
}

export async function updateOrg(
  { db, clock }: OrgDeps,
  actor: Actor,
  id: string,
  input: OrgUpdate,
): Promise<Org> {
  const row = await findOrgInScope(db, actor, id);
  if (!row) throw new OutOfScopeError('单位');
  if (row.kind === 'mine') throw invalidField('kind', '单位类型：矿山请在矿山基础信息中修改');
  if (input.coveredRegions && row.kind !== 'division') {
    throw invalidField('coveredRegions', '只有监察执法处需要填写监察范围');
  }
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateOrgRow(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shortName !== undefined ? { short_name: input.shortName ?? null } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    });
    if (input.coveredRegions) {
      await deleteCoveredRegions(trx, id);
      await insertCoveredRegions(trx, id, input.coveredRegions);
    }
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'org.updated', entityType: 'org', entityId: id, changes: input },
      now,
    );
  });
  return getOrg({ db, clock }, actor, id);
}
