import type { Kysely } from 'kysely';
import { createAuditGuards, dropAuditGuards } from '../dialect';

// Never edit an applied migration; add a new one.
//
// The audit chain becomes keyed (see audit/audit-chain.ts): each row says how its hash was made.
// Rows already there keep the unkeyed sha256 they were written with ('sha256', the default):
// nothing is re-hashed, and the verifier accepts an unkeyed row only before the first keyed one.
// Then the database refuses UPDATE, DELETE and TRUNCATE on the table (dialect.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_events')
    .addColumn('hash_alg', 'varchar(16)', (c) => c.notNull().defaultTo('sha256'))
    .execute();
  await createAuditGuards(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropAuditGuards(db);
  await db.schema.alterTable('audit_events').dropColumn('hash_alg').execute();
}
