import type { Db } from '../../db/database';
import type { JointIssuerTable } from '../../db/schema-access';

/** A pair is stored once, its smaller id first, so either org may be the issuer. */
export const pairOf = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export function listJointIssuers(db: Db) {
  return db
    .selectFrom('joint_issuers as j')
    .innerJoin('orgs as a', 'a.id', 'j.org_id')
    .innerJoin('orgs as b', 'b.id', 'j.partner_org_id')
    .select([
      'j.id',
      'j.org_id',
      'a.name as org_name',
      'j.partner_org_id',
      'b.name as partner_name',
      'j.created_at',
    ])
    .orderBy('a.name')
    .orderBy('b.name')
    .execute();
}

export async function jointIssuerPairExists(db: Db, a: string, b: string): Promise<boolean> {
  const [orgId, partnerId] = pairOf(a, b);
  const row = await db
    .selectFrom('joint_issuers')
    .select('id')
    .where('org_id', '=', orgId)
    .where('partner_org_id', '=', partnerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active orgs an org may issue jointly with, by name. */
export function partnersOf(db: Db, orgId: string) {
  return db
    .selectFrom('joint_issuers as j')
    .innerJoin('orgs as o', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('j.org_id', '=', orgId), eb('o.id', '=', eb.ref('j.partner_org_id'))]),
          eb.and([eb('j.partner_org_id', '=', orgId), eb('o.id', '=', eb.ref('j.org_id'))]),
        ]),
      ),
    )
    .select(['o.id', 'o.name'])
    .where('o.active', '=', 1)
    .orderBy('o.name')
    .execute();
}

/** The id of the first org bearing each name (undefined where none does), in the names' order. */
export async function orgIdsNamed(db: Db, names: readonly string[]): Promise<(string | undefined)[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('name', 'in', [...names])
    .orderBy('id')
    .execute();
  return names.map((n) => rows.find((r) => r.name === n)?.id);
}

export async function insertJointIssuer(trx: Db, row: JointIssuerTable) {
  await trx.insertInto('joint_issuers').values(row).execute();
}

/** Deletes a pair; false when there was none with this id. */
export async function deleteJointIssuer(trx: Db, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('joint_issuers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
