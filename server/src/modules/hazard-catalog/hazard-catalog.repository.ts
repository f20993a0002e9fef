import type { Kysely } from 'kysely';
import type { Database, HazardCatalogTable } from '../../db/schema';

/** The stored id of a standard's version, if stored. */
export function findCatalogVersion(db: Kysely<Database>, key: string, version: number) {
  return db
    .selectFrom('hazard_catalogs')
    .select('id')
    .where('catalog_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertCatalog(trx: Kysely<Database>, row: HazardCatalogTable) {
  await trx.insertInto('hazard_catalogs').values(row).execute();
}

export function catalogContent(db: Kysely<Database>, id: string) {
  return db.selectFrom('hazard_catalogs').select('content').where('id', '=', id).executeTakeFirstOrThrow();
}

/** The id of a standard's version (the latest without `version`), if stored. */
export function findCatalogId(db: Kysely<Database>, key: string, version?: number) {
  return db
    .selectFrom('hazard_catalogs')
    .select('id')
    .where('catalog_key', '=', key)
    .$if(version !== undefined, (q) => q.where('version', '=', version!))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every stored version, newest first within each standard. */
export function listCatalogRows(db: Kysely<Database>) {
  return db
    .selectFrom('hazard_catalogs')
    .select(['id', 'created_at'])
    .orderBy('catalog_key')
    .orderBy('version', 'desc')
    .execute();
}

/** The highest stored version of a standard (null when none). */
export async function highestCatalogVersion(trx: Kysely<Database>, key: string) {
  const { highest } = await trx
    .selectFrom('hazard_catalogs')
    .select((eb) => eb.fn.max('version').as('highest'))
    .where('catalog_key', '=', key)
    .executeTakeFirstOrThrow();
  return highest;
}
