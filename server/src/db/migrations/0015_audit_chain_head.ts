import type { Kysely } from 'kysely';
import { createChainHeadFunction, dropChainHeadFunction } from '../dialect';

// Never edit an applied migration; add a new one.
//
// PostgreSQL: the audit chain's lock and head in one round trip (dialect.ts lockedChainHead); every
// audited change appends to the chain, and each statement is a round trip to the server.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createChainHeadFunction(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropChainHeadFunction(db);
}
