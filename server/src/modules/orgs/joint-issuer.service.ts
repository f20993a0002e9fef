import {
  DEFAULT_JOINT_ISSUERS,
  type JointIssuer,
  type JointIssuerCreate,
  REGULATOR_KINDS,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  deleteJointIssuer as deleteRow,
  insertJointIssuer,
  jointIssuerPairExists,
  listJointIssuers as listRows,
  orgIdsNamed,
  pairOf,
  partnersOf,
} from './joint-issuer.repository';
import { orgById } from './org.service';

export interface JointIssuerDeps {
  db: Db;
  clock: Clock;
}

const isDefault = (a: string, b: string) =>
  DEFAULT_JOINT_ISSUERS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/** Every pair that may issue jointly; regulators read them (mines and groups do not). */
export async function listJointIssuers({ db }: JointIssuerDeps, actor: Actor): Promise<JointIssuer[]> {
  if (!REGULATOR_KINDS.includes(actor.orgKind)) throw forbidden('只有监管部门可以查看联合发文单位');
  return (await listRows(db)).map((r) => ({
    id: r.id,
    issuerOrgId: r.org_id,
    issuerName: r.org_name,
    coIssuerOrgId: r.partner_org_id,
    coIssuerName: r.partner_name,
    isDefault: isDefault(r.org_name, r.partner_name),
    createdAt: r.created_at,
  }));
}

/** Whether two orgs are a configured pair (either may be the issuer). */
export function isJointIssuerPair(db: Db, issuerOrgId: string, coIssuerOrgId: string): Promise<boolean> {
  return jointIssuerPairExists(db, issuerOrgId, coIssuerOrgId);
}

/** The orgs an org may name as its co-issuer. */
export function coIssuersOf(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return partnersOf(db, orgId);
}

/** Stores a pair; shared by the route, the seeds and the tests. */
export async function insertJointIssuerPair(
  trx: Kysely<Database>,
  issuerOrgId: string,
  coIssuerOrgId: string,
  createdBy: string | null,
  now: Date,
): Promise<string> {
  const [orgId, partnerId] = pairOf(issuerOrgId, coIssuerOrgId);
  const id = newId();
  await insertJointIssuer(trx, {
    id,
    org_id: orgId,
    partner_org_id: partnerId,
    created_at: now.toISOString(),
    created_by: createdBy,
  });
  return id;
}

/** Stores the default pairs whose two orgs exist and are not paired yet (a restore of an older backup). */
export async function ensureDefaultJointIssuers(trx: Kysely<Database>, now: Date): Promise<void> {
  for (const names of DEFAULT_JOINT_ISSUERS) {
    const ids = await orgIdsNamed(trx, names);
    const [a, b] = ids;
    if (a && b && !(await jointIssuerPairExists(trx, a, b)))
      await insertJointIssuerPair(trx, a, b, null, now);
  }
}

/** A system administrator allows two orgs of the same level to issue together. */
export async function createJointIssuer(
  deps: JointIssuerDeps,
  actor: Actor,
  input: JointIssuerCreate,
): Promise<JointIssuer> {
  const { db, clock } = deps;
  const [issuer, co] = await Promise.all([orgById(db, input.issuerOrgId), orgById(db, input.coIssuerOrgId)]);
  if (issuer?.active !== 1 || issuer.kind === 'mine')
    throw invalidField('issuerOrgId', '发文单位：单位不存在或不能发文');
  if (co?.active !== 1 || co.kind === 'mine')
    throw invalidField('coIssuerOrgId', '联合发文单位：单位不存在或不能发文');
  if (co.id === issuer.id) throw invalidField('coIssuerOrgId', '联合发文单位：不能与发文单位相同');
  if (co.kind !== issuer.kind) throw invalidField('coIssuerOrgId', '联合发文单位：须与发文单位同级');
  if (await jointIssuerPairExists(db, issuer.id, co.id)) {
    throw new AppError('CONFLICT', '这两个单位已可联合发文', [
      { field: 'coIssuerOrgId', message: '联合发文单位：这两个单位已可联合发文' },
    ]);
  }
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertJointIssuerPair(trx, issuer.id, co.id, actor.userId, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'joint_issuer.created', entityType: 'joint_issuer', entityId: id, changes: input },
      now,
    );
    return id;
  });
  const created = (await listJointIssuers(deps, actor)).find((p) => p.id === id);
  if (!created) throw new Error('joint issuer vanished right after it was stored');
  return created;
}

/** A system administrator ends a pair: from then on neither may name the other as co-issuer. */
export async function deleteJointIssuer({ db, clock }: JointIssuerDeps, actor: Actor, id: string) {
  const now = clock.now();
  const deleted = await db.transaction().execute(async (trx) => {
    if (!(await deleteRow(trx, id))) return false;
    await appendAudit(
      trx,
      auditActorOf(actor),
      { action: 'joint_issuer.deleted', entityType: 'joint_issuer', entityId: id },
      now,
    );
    return true;
  });
  if (!deleted) throw notFound('联合发文单位');
}
