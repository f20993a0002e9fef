import { SEARCH_QUERY_MAX, type SearchQuery, searchTokens } from '@tiegui/domain';
import { type Kysely, PostgresAdapter, type QueryExecutorProvider, sql } from 'kysely';
import type { Database } from './schema';

/**
 * Everything that differs between SQLite and PostgreSQL lives here, each piece with both versions.
 */
export function isPostgres(db: QueryExecutorProvider): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function binaryType(db: Kysely<unknown>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}

export function serialType(db: Kysely<unknown>): 'bigserial' | 'integer' {
  // SQLite: an INTEGER PRIMARY KEY is the rowid and counts up by itself.
  return isPostgres(db) ? 'bigserial' : 'integer';
}

/** The advisory lock that serialises appends to the audit chain on PostgreSQL. */
const AUDIT_CHAIN_LOCK = 7231001;

/**
 * Serialises appends to the audit chain across processes. PostgreSQL: a transaction-scoped
 * advisory lock; SQLite: the write lock a transaction already holds once it writes, taken here
 * up front with a no-op write so two transactions cannot read the same chain head.
 */
export async function lockAuditChain(trx: QueryExecutorProvider): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(trx);
  } else {
    await sql`update audit_events set seq = seq where 0`.execute(trx);
  }
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Locks the audit chain (lockAuditChain) and reads its head. PostgreSQL: one round trip, through
 * the function of 0015_round_trips_and_mine_list, whose second statement reads with a snapshot taken after
 * the lock wait (one SELECT taking the lock would read the head as of before it waited, and fork
 * the chain); SQLite: the lock, then `readHead`.
 */
export async function lockedChainHead(
  trx: QueryExecutorProvider,
  readHead: () => Promise<ChainHead | undefined>,
): Promise<ChainHead | undefined> {
  if (!isPostgres(trx)) {
    await lockAuditChain(trx);
    return readHead();
  }
  const { rows } = await sql<ChainHead>`select seq, hash from audit_chain_head_locked()`.execute(trx);
  return rows[0];
}

/** The function lockedChainHead calls on PostgreSQL (nothing on SQLite). */
export async function createChainHeadFunction(db: QueryExecutorProvider): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create or replace function audit_chain_head_locked() returns table (seq bigint, hash text)
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)});
      return query select a.seq::bigint, a.hash::text from audit_events a order by a.seq desc limit 1;
    end $$`.execute(db);
}

export async function dropChainHeadFunction(db: QueryExecutorProvider): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists audit_chain_head_locked()`.execute(db);
}

/**
 * Runs a scheduled job unless another server process is running it. PostgreSQL: a session advisory
 * lock taken on one pinned connection and released after (or by the server, when a crashed
 * process's connection goes); the job's own queries use the pool. SQLite serves one process: the
 * job just runs. Null when another process holds the lock.
 */
export async function unlessRunningElsewhere<T>(
  db: Kysely<Database>,
  key: number,
  job: () => Promise<T>,
): Promise<T | null> {
  if (!isPostgres(db)) return job();
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${sql.lit(key)}) as locked`.execute(connection);
    if (!rows[0]?.locked) return null;
    try {
      return await job();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(key)})`.execute(connection);
    }
  });
}

/** A case-insensitive substring match; Chinese text has no case, Latin codes may. */
export function containsInsensitive(db: QueryExecutorProvider, column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const op = isPostgres(db) ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${op} ${pattern} escape '\\'`;
}

/** Server-side bulk-insert chunk size: SQLite allows 32,766 bound parameters, PostgreSQL 65,535. */
export function insertChunkRows(db: Kysely<unknown>, columns: number): number {
  return Math.max(1, Math.floor((isPostgres(db) ? 60000 : 30000) / columns));
}

/** Rows in the slices one bulk insert of `columns` columns may bind on this dialect. */
export function* insertChunks<T>(db: Kysely<unknown>, rows: readonly T[], columns: number): Generator<T[]> {
  const size = insertChunkRows(db, columns);
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** After inserting explicit serial values (restore), moves PostgreSQL's sequence past them; SQLite needs nothing. */
export async function resetSerial(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}), max(${sql.ref(column)})) from ${sql.table(table)}`.execute(
    db,
  );
}

/*
 * 全文检索 of hazards (0006_hazard_search): tokens from `searchTokens` (@tiegui/domain), so both
 * databases index the same character pairs. SQLite: an FTS5 table without content (the tokens
 * are not stored twice), one row per hazard, its rowid a stable integer key from
 * `hazard_search_keys` (a TEXT-keyed table's own rowid may change on VACUUM), the description
 * and the location in two columns (a phrase never spans columns), and an index of 4-character
 * prefixes: one character's code, for one-character queries. PostgreSQL: tsvectors with a GIN
 * index, written and queried as literals (no text search parser or dictionary, so no locale),
 * the location a position after the description (no phrase spans the two), a long text in
 * overlapping parts (a tsvector keeps 256 positions of a token; a phrase needs them all).
 */

/** What the index holds of a hazard. */
export interface HazardText {
  id: string;
  description: string;
  location: string;
}

/** A query that reads the index (not `all`, not `tooLong`). */
export type IndexQuery = Extract<SearchQuery, { kind: 'prefix' | 'phrase' }>;

/**
 * How a page meets the matches, chosen by how many there are (see hazard.repository.ts):
 * `fromIndex` reads the matches and sorts them (few); `walkSet` walks the page's order and keeps
 * hazards found in the set of matches, built once (some); `walkProbe` walks the page's order and
 * asks the index about each hazard, so it stops after a page without reading every match (many).
 * A count reads every match in scope (`everyMatch`): SQLite looks each up as `fromIndex` does;
 * PostgreSQL joins as its planner sees fit, from its statistics of the tokens.
 */
export type SearchPlan = 'fromIndex' | 'walkSet' | 'walkProbe' | 'everyMatch';

/** PostgreSQL keeps at most 256 positions of one token in a tsvector; longer texts go in parts. */
const PART_POSITIONS = 256;
/** Consecutive parts share this many positions, so the phrase of any query lies within one part. */
const PART_OVERLAP = SEARCH_QUERY_MAX;
const INDEX_ROWS_PER_STATEMENT = 5000;

/** The tsvector literals of a hazard's parts (usually one). */
function tsvectorParts(text: HazardText): string[] {
  const slots = [...searchTokens(text.description), null, ...searchTokens(text.location)];
  const parts: string[] = [];
  for (let start = 0; ; start += PART_POSITIONS - PART_OVERLAP) {
    const lexemes = slots
      .slice(start, start + PART_POSITIONS)
      .flatMap((token, i) => (token === null ? [] : [`${token}:${i + 1}`]));
    if (lexemes.length > 0) parts.push(lexemes.join(' '));
    if (start + PART_POSITIONS >= slots.length) return parts;
  }
}

const ftsQuery = (q: IndexQuery) => (q.kind === 'prefix' ? `"${q.prefix}"*` : `"${q.tokens.join(' ')}"`);
const tsQuery = (q: IndexQuery) => (q.kind === 'prefix' ? `${q.prefix}:*` : q.tokens.join(' <-> '));

/**
 * Adds hazards to the search index, in the caller's transaction (hazards are never re-indexed).
 * A few statements per thousands of hazards: the rows go as one JSON or array parameter each.
 */
export async function indexHazardTexts(
  db: QueryExecutorProvider,
  texts: readonly HazardText[],
): Promise<void> {
  for (let i = 0; i < texts.length; i += INDEX_ROWS_PER_STATEMENT) {
    const chunk = texts.slice(i, i + INDEX_ROWS_PER_STATEMENT);
    if (isPostgres(db)) {
      const rows = chunk.flatMap((t) => tsvectorParts(t).map((tokens, part) => ({ id: t.id, part, tokens })));
      await sql`insert into hazard_search (hazard_id, part, tokens)
        select * from unnest(cast(${rows.map((r) => r.id)} as varchar[]), cast(${rows.map((r) => r.part)} as integer[]),
          cast(${rows.map((r) => r.tokens)} as tsvector[]))`.execute(db);
      continue;
    }
    const json = JSON.stringify(
      chunk.map((t) => [t.id, searchTokens(t.description).join(' '), searchTokens(t.location).join(' ')]),
    );
    await sql`insert into hazard_search_keys (hazard_id) select value ->> 0 from json_each(${json})`.execute(
      db,
    );
    await sql`insert into hazard_search (rowid, description, location)
      select k.id, j.value ->> 1, j.value ->> 2
      from json_each(${json}) j join hazard_search_keys k on k.hazard_id = j.value ->> 0`.execute(db);
  }
}

/** Merges SQLite's index into one segment after a bulk load (faster lookups); PostgreSQL needs nothing. */
export async function optimizeHazardSearch(db: QueryExecutorProvider): Promise<void> {
  if (!isPostgres(db)) await sql`insert into hazard_search (hazard_search) values ('optimize')`.execute(db);
}

/** Empties the search index (its rows point at hazards about to be deleted, or all are indexed again). */
export async function clearHazardSearch(db: QueryExecutorProvider): Promise<void> {
  if (isPostgres(db)) {
    await sql`delete from hazard_search`.execute(db);
  } else {
    await sql`insert into hazard_search (hazard_search) values ('delete-all')`.execute(db);
    await sql`delete from hazard_search_keys`.execute(db);
  }
}

/** Empties the search index and indexes every hazard again (migration, restore, demo removal). Returns how many. */
export async function rebuildHazardSearch(db: QueryExecutorProvider): Promise<number> {
  await clearHazardSearch(db);
  let after = '';
  let count = 0;
  for (;;) {
    const next = sql<HazardText>`select id, description, location from hazards
      where id > ${after} order by id limit ${INDEX_ROWS_PER_STATEMENT}`;
    const { rows } = await next.execute(db);
    await indexHazardTexts(db, rows);
    count += rows.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < INDEX_ROWS_PER_STATEMENT) break;
    after = last.id;
  }
  await optimizeHazardSearch(db);
  return count;
}

/** How many index rows match, counting no further than `cap` (a few of the same hazard on PostgreSQL). */
export async function countSearchMatches(db: Kysely<unknown>, query: IndexQuery, cap: number) {
  const matches = isPostgres(db)
    ? sql`select 1 from hazard_search where tokens @@ cast(${tsQuery(query)} as tsquery) limit ${cap}`
    : sql`select 1 from hazard_search where hazard_search match ${ftsQuery(query)} limit ${cap}`;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${matches}) m`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A predicate on a hazard id column: its description or location contains the query. */
export function hazardTextMatch(db: Kysely<never>, idColumn: string, query: IndexQuery, plan: SearchPlan) {
  const id = sql.ref(idColumn);
  if (isPostgres(db)) {
    const tsquery = sql`cast(${tsQuery(query)} as tsquery)`;
    const matches = sql`select s.hazard_id from hazard_search s where s.tokens @@ ${tsquery}`;
    switch (plan) {
      case 'everyMatch':
        return sql<boolean>`${id} in (${matches})`;
      // An array from an init plan: the hazards are fetched by primary key, never walked (the
      // planner's estimate of a rare word could still pick a walk over a whole province).
      case 'fromIndex':
        return sql<boolean>`${id} = any(array(${matches}))`;
      // Not at the top of WHERE, so not turned into a join: a hashed subplan filtering the walk.
      case 'walkSet':
        return sql<boolean>`(${id} in (${matches})) is true`;
      // OFFSET keeps the subquery correlated: a primary-key probe per hazard walked.
      case 'walkProbe':
        return sql<boolean>`exists (select 1 from hazard_search s where s.hazard_id = ${id} and s.tokens @@ ${tsquery} offset 0)`;
    }
  }
  const match = ftsQuery(query);
  const matches = sql`select k.hazard_id from hazard_search_keys k where k.id in (select rowid from hazard_search where hazard_search match ${match})`;
  switch (plan) {
    case 'fromIndex':
    case 'everyMatch':
      return sql<boolean>`${id} in (${matches})`;
    // The unary + keeps SQLite from looking hazards up by the set: it filters the walk instead.
    case 'walkSet':
      return sql<boolean>`+${id} in (${matches})`;
    case 'walkProbe':
      return sql<boolean>`exists (select 1 from hazard_search_keys k join hazard_search f on f.rowid = k.id where k.hazard_id = ${id} and hazard_search match ${match})`;
  }
}

const AUDIT_APPEND_ONLY = '审计日志只能追加，不能修改或删除';

/**
 * The database itself refuses to change or remove audit rows (0011_audit_integrity), whoever
 * connects. SQLite: triggers that abort; PostgreSQL: a trigger function that raises, per row for
 * UPDATE and DELETE and per statement for TRUNCATE. Inserting stays allowed, so a restore into an
 * empty database works unchanged. The table's owner can still drop them: see docs/AUDIT.md for
 * the PostgreSQL role that cannot.
 */
export async function createAuditGuards(db: QueryExecutorProvider): Promise<void> {
  if (isPostgres(db)) {
    await sql`create or replace function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception '${sql.raw(AUDIT_APPEND_ONLY)}' using errcode = 'insufficient_privilege'; end $$`.execute(
      db,
    );
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
    return;
  }
  for (const event of ['update', 'delete']) {
    await sql`create trigger ${sql.id(`audit_events_no_${event}`)} before ${sql.raw(event)} on audit_events
      begin select raise(abort, '${sql.raw(AUDIT_APPEND_ONLY)}'); end`.execute(db);
  }
}

/** Removes what createAuditGuards made (the migration's down; tests that play a database owner). */
export async function dropAuditGuards(db: QueryExecutorProvider): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_events_no_change on audit_events`.execute(db);
    await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
    await sql`drop function if exists audit_events_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger if exists audit_events_no_update`.execute(db);
  await sql`drop trigger if exists audit_events_no_delete`.execute(db);
}
