import { createDb, type Db } from '../db/database';
import { createAuditGuards, dropAuditGuards } from '../db/dialect';

/**
 * Runs a change to the audit table as someone holding the database would: the table's guards
 * (0011_audit_integrity) lifted for the change and put back after it, as its owner can.
 */
export async function asDatabaseOwner<T>(db: Db, change: (db: Db) => Promise<T>): Promise<T> {
  await dropAuditGuards(db);
  try {
    return await change(db);
  } finally {
    await createAuditGuards(db);
  }
}

/** The same from outside a running server (a journey): its database opened by URL or SQLite path. */
export async function withDatabaseOwner<T>(url: string, change: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url);
  try {
    return await asDatabaseOwner(db, change);
  } finally {
    await db.destroy();
  }
}
