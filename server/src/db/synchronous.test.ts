import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { createDb, sqliteSynchronousFrom } from './database';

test('TIEGUI_SQLITE_SYNCHRONOUS chooses NORMAL (default) or FULL and refuses anything else', () => {
  expect(sqliteSynchronousFrom(undefined)).toBe('NORMAL');
  expect(sqliteSynchronousFrom('full')).toBe('FULL');
  expect(() => sqliteSynchronousFrom('OFF')).toThrow('只能是 NORMAL 或 FULL');
});

test('a SQLite file opened with FULL waits for the disk on every commit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-sync-'));
  const pragma = async (synchronous?: 'FULL') => {
    const db = createDb(path.join(dir, 'x.sqlite'), { synchronous });
    try {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      return rows[0]?.synchronous;
    } finally {
      await db.destroy();
    }
  };
  // SQLite reports 1 for NORMAL and 2 for FULL.
  expect(await pragma()).toBe(1);
  expect(await pragma('FULL')).toBe(2);
  fs.rmSync(dir, { recursive: true, force: true });
});
