import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL lives here, each piece with both versions.
 */
export function isPostgres(db: Kysely<unknown> | Kysely<never>): boolean {
  return (db as Kysely<unknown>).getExecutor().adapter instanceof PostgresAdapter;
}

export function binaryType(db: Kysely<unknown>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}

export function serialType(db: Kysely<unknown>): 'bigserial' | 'integer' {
  // SQLite: an INTEGER PRIMARY KEY is the rowid and counts up by itself.
  return isPostgres(db) ? 'bigserial' : 'integer';
}

/**
 * Serialises appends to the audit chain across processes. PostgreSQL: a transaction-scoped
 * advisory lock; SQLite: the write lock a transaction already holds once it writes, taken here
 * up front with a no-op write so two transactions cannot read the same chain head.
 */
export async function lockAuditChain(trx: Kysely<unknown>): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(7231001)`.execute(trx);
  } else {
    await sql`update audit_events set seq = seq where 0`.execute(trx);
  }
}

/** A case-insensitive substring match; Chinese text has no case, Latin codes may. */
export function containsInsensitive(db: Kysely<never>, column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const op = isPostgres(db) ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${op} ${pattern} escape '\\'`;
}

/** Server-side bulk-insert chunk size: SQLite allows 32,766 bound parameters, PostgreSQL 65,535. */
export function insertChunkRows(db: Kysely<unknown>, columns: number): number {
  return Math.max(1, Math.floor((isPostgres(db) ? 60000 : 30000) / columns));
}

/** After inserting explicit serial values (restore), moves PostgreSQL's sequence past them; SQLite needs nothing. */
export async function resetSerial(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}), max(${sql.ref(column)})) from ${sql.table(table)}`.execute(
    db,
  );
}
