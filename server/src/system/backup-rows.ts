import { createHash, type Hash } from 'node:crypto';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../db/schema';

const PAGE = 2000;

/**
 * Tables not in a backup: the search index, derived from the hazards and rebuilt after a restore
 * (and dialect-specific), the counts of failed logins, which describe the moment, not the data, and
 * the idempotency keys: answers kept for a day so a retried request is not done twice, meaningless
 * once the requests that could be retried are gone.
 */
type DerivedTable = 'hazard_search_keys' | 'hazard_search' | 'login_throttles' | 'idempotency_keys';

/**
 * Every table and its keyset order, in dump order: parents before children. Typed against the
 * schema so a new table fails to compile until it is listed here (or among the derived ones).
 */
const TABLE_ORDER: {
  [T in Exclude<keyof Database, DerivedTable>]: readonly (keyof Database[T] & string)[];
} = {
  // A parent's path is a prefix of its children's, so path order puts parents first.
  orgs: ['path', 'id'],
  division_regions: ['division_id', 'region_prefix'],
  joint_issuers: ['id'],
  mines: ['org_id'],
  users: ['id'],
  user_roles: ['user_id', 'role'],
  password_history: ['id'],
  sessions: ['id'],
  audit_events: ['seq'],
  audit_refusals: ['id'],
  import_receipts: ['id'],
  plans: ['id'],
  campaigns: ['id'],
  obligations: ['id'],
  obligation_recipients: ['obligation_id', 'org_id'],
  submissions: ['id'],
  notifications: ['id'],
  files: ['id'],
  // ULIDs sort by creation, so a forwarded notice comes after the one it forwards.
  notices: ['id'],
  notice_deliveries: ['notice_id', 'org_id'],
  hazard_catalogs: ['id'],
  // A recurrence points at an earlier hazard, and ULIDs sort by creation.
  hazards: ['id'],
  hazard_events: ['id'],
  hazard_supervisions: ['id'],
  hazard_investigations: ['id'],
  workflow_events: ['id'],
  account_changes: ['id'],
  activation_codes: ['id'],
  demo_records: ['table_name', 'record_id'],
  // After every kind of record that links files (a link's record id has no foreign key).
  file_links: ['record_kind', 'record_id', 'role', 'file_id'],
};
export type BackupTable = keyof typeof TABLE_ORDER & string;
export const TABLES = Object.keys(TABLE_ORDER) as BackupTable[];
export const isBackupTable = (name: string): name is BackupTable => Object.hasOwn(TABLE_ORDER, name);
const BINARY_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = { import_receipts: ['content'] };

export type Row = Record<string, unknown>;
/** The database seen without table types, for code that walks every table alike. */
export type AnyDb = Kysely<Record<string, Row>>;
export const untyped = (db: Kysely<Database>): AnyDb => db as unknown as AnyDb;

/** Rows past `last` in the order of `keys`: (k1 > v1) or (k1 = v1 and (the same on the rest)). */
function pastRow(
  eb: ExpressionBuilder<Record<string, Row>, string>,
  keys: readonly string[],
  last: Row,
): Expression<SqlBool> {
  const [first, ...rest] = keys;
  if (first === undefined) throw new Error('a keyset order needs a column');
  const past = eb(first, '>', last[first]);
  if (rest.length === 0) return past;
  return eb.or([past, eb.and([eb(first, '=', last[first]), pastRow(eb, rest, last)])]);
}

/** A table's rows in its backup order, read in keyset pages so memory stays flat however large it is. */
export async function* tableRows(db: AnyDb, table: BackupTable): AsyncGenerator<Row> {
  const keys = TABLE_ORDER[table];
  let after: Row | null = null;
  for (;;) {
    const last: Row | null = after;
    let q = db.selectFrom(table).selectAll();
    if (last) q = q.where((eb) => pastRow(eb, keys, last));
    for (const k of keys) q = q.orderBy(k);
    const rows = (await q.limit(PAGE).execute()) as Row[];
    for (const row of rows) yield row;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1] ?? null;
  }
}

/** Rows per table, each query in turn (in a transaction, one connection serves them all). */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { n } = await untyped(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  return out;
}

/** A row as one line of a backup (binary columns as base64). */
export function rowLine(table: BackupTable, row: Row): string {
  const out = { ...row };
  for (const column of BINARY_COLUMNS[table] ?? []) {
    const value = out[column];
    if (value instanceof Uint8Array) out[column] = Buffer.from(value).toString('base64');
  }
  return JSON.stringify(out);
}

export function decodeRow(table: BackupTable, row: Row): Row {
  for (const column of BINARY_COLUMNS[table] ?? []) {
    const value = row[column];
    if (typeof value === 'string') row[column] = Buffer.from(value, 'base64');
  }
  return row;
}

/**
 * The content hash of a table: sha256 over its lines in backup order. The backup records it per
 * table, a restore recomputes it from what it reads, and anyone can compute it from a database
 * (tableDigest) to compare a restored copy with its source.
 */
export class TableHash {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  add(line: string): void {
    this.hash.update(line).update('\n');
    this.rows++;
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Rows and content hash of a table as a backup of this database would record them; `keep` leaves rows out. */
export async function tableDigest(
  db: Kysely<Database>,
  table: BackupTable,
  keep: (row: Row) => boolean = () => true,
): Promise<{ rows: number; hash: string }> {
  const hash = new TableHash();
  for await (const row of tableRows(untyped(db), table)) if (keep(row)) hash.add(rowLine(table, row));
  return { rows: hash.rows, hash: hash.digest() };
}
