import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing';
import type { Db } from './database';
import { prepared } from './prepared';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  const org = (id: string, name: string) => ({
    id,
    path: `/${id}/`,
    kind: 'province',
    active: 1,
    name,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-01T00:00:00.000Z',
  });
  await db
    .insertInto('orgs')
    .values([org('a', '甲'), org('b', '乙')])
    .execute();
});
afterAll(() => drop());

describe('prepared', () => {
  it('runs the query built once with each call’s values', async () => {
    const nameOf = prepared((d, id: string) => d.selectFrom('orgs').select('name').where('id', '=', id));
    expect(await nameOf(db, 'a')).toEqual([{ name: '甲' }]);
    expect(await nameOf(db, 'b')).toEqual([{ name: '乙' }]);
    expect(await nameOf(db, 'c')).toEqual([]);
  });

  it('refuses an argument that is altered or dropped before it becomes a parameter', async () => {
    const altered = prepared((d, id: string) =>
      d.selectFrom('orgs').select('name').where('id', 'like', `${id}%`),
    );
    await expect(altered(db, 'a')).rejects.toThrow(/altered/);
    const dropped = prepared((d, _id: string) => d.selectFrom('orgs').select('name'));
    await expect(dropped(db, 'a')).rejects.toThrow(/did not become a parameter/);
  });
});
