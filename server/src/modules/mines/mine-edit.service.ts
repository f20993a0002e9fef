import type { Mine, MineUpdate } from '@tiegui/domain';
import type { Updateable } from 'kysely';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { OrgTable } from '../../db/schema';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { mineHeldStopped } from '../hazards/hazard.effects';
import { pathUnder } from '../orgs/org.service';
import { findMine, findUscc } from './mine.repository';
import {
  assertCanWrite,
  checkJurisdiction,
  getMine,
  JURISDICTION_FIELDS,
  type MineDeps,
  presentMine,
  registryRow,
} from './mine.service';
import { setHazardsRegion, updateMineOrg, updateMineRow } from './mine-registry.repository';

/** Changes registry fields; a mine's own staff may not move its jurisdiction. */
export async function updateMine(deps: MineDeps, actor: Actor, id: string, input: MineUpdate): Promise<Mine> {
  const { db, clock } = deps;
  const row = await findMine(db, actor, id);
  if (!row) throw new OutOfScopeError('矿山');
  const current = presentMine(row, actor);
  if (!current.abilities.canUpdate) throw forbidden('无权修改该矿山的基础信息');
  // The fields the record says are locked for this actor, so the form and the refusal agree.
  const locked = current.lockedFields.filter((f) => input[f] !== undefined && input[f] !== current[f]);
  if (locked.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      '矿山企业不能修改统一社会信用代码、生产状态和监管归属，请联系监管部门',
      locked.map((f) => ({ field: f, message: '矿山企业不能修改此项' })),
    );
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
  // Each changed field with what it was, so the audit log reads 字段：变更前 → 变更后.
  const changes = Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => v !== undefined && v !== current[k as keyof Mine])
      .map(([k, v]) => [k, { before: current[k as keyof Mine] ?? null, after: v }]),
  );
  await db.transaction().execute(async (trx) => {
    const orgSet: Updateable<OrgTable> = { updated_at: now.toISOString() };
    if (input.name !== undefined) orgSet.name = input.name;
    if (input.regionCode !== undefined) orgSet.region_code = input.regionCode;
    if (input.supervisorOrgId !== undefined && input.supervisorOrgId !== current.supervisorOrgId) {
      orgSet.parent_id = input.supervisorOrgId;
      orgSet.path = await pathUnder(trx, input.supervisorOrgId, id);
    }
    await updateMineOrg(trx, id, orgSet);
    // A hazard carries its mine's region (the hazard scope and the by-region figures read it).
    if (input.regionCode !== undefined && input.regionCode !== current.regionCode)
      await setHazardsRegion(trx, id, input.regionCode);
    await updateMineRow(trx, id, registryRow(merged, divisionOrgId));
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
    await updateMineOrg(trx, id, { active: active ? 1 : 0, updated_at: now.toISOString() });
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: active ? 'mine.reactivated' : 'mine.deactivated', entityType: 'mine', entityId: id },
      now,
    );
  });
  return getMine(deps, actor, id);
}
