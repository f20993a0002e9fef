import type { Kysely } from 'kysely';
import { createChainHeadFunction, dropChainHeadFunction } from '../dialect';

// Never edit an applied migration; add a new one.
//
// PostgreSQL: the audit chain's lock and head in one round trip (dialect.ts lockedChainHead); every
// audited change appends to the chain, and each statement is a round trip to the server.
//
// The mine list walks mines by name and keeps those in the actor's scope (a region or a subtree
// path) and of the state asked (active): with those columns in the index it checks them there, not by
// reading each mine's row (a county's 31 mines among 4,000 read them all); the count reads only
// the index. It starts with the columns of orgs_kind_name, which it replaces.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createChainHeadFunction(db);
  await db.schema
    .createIndex('orgs_mine_list')
    .on('orgs')
    .columns(['kind', 'name', 'id', 'active', 'region_code', 'path', 'parent_id'])
    .execute();
  await db.schema.dropIndex('orgs_kind_name').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orgs_kind_name').on('orgs').columns(['kind', 'name', 'id']).execute();
  await db.schema.dropIndex('orgs_mine_list').execute();
  await dropChainHeadFunction(db);
}
