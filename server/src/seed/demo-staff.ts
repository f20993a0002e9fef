import type { Role } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { buildUser } from './builders';

const SURNAMES = [
  '冯',
  '韩',
  '曹',
  '许',
  '邓',
  '彭',
  '曾',
  '萧',
  '田',
  '董',
  '潘',
  '袁',
  '蔡',
  '蒋',
  '余',
  '杜',
];
const GIVEN = ['国栋', '丽娟', '振宇', '海燕', '立新', '秀英', '建军', '红梅', '德明', '凤英', '志刚'];

/** What a staff user of each kind of org does in the demo. */
const STAFF_ROLE = {
  city: 'regulator_officer',
  county: 'regulator_officer',
  group: 'group_officer',
  mine: 'mine_safety_officer',
} as const satisfies Record<string, Role>;
const STAFF_KINDS = ['city', 'county', 'group', 'mine'] as const;

/**
 * One staff user for every mine, bureau and group the demo accounts leave without anybody, so the
 * demo's signing, reporting, reviewing and investigating is done by a user of the org itself.
 * Usernames `staff-<kind>-<n>` in org order, invented names marked 示例, the demo password's one
 * hash (hashing it per user would slow every test that seeds). Not among the printed demo accounts.
 */
export async function seedDemoStaff(trx: Kysely<Database>, passwordHash: string, now: Date): Promise<number> {
  let written = 0;
  for (const kind of STAFF_KINDS) {
    const orgs = await trx
      .selectFrom('orgs as o')
      .select('o.id')
      .where('o.kind', '=', kind)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.org_id', '=', 'o.id'))),
      )
      .orderBy('o.path')
      .execute();
    for (const [i, org] of orgs.entries()) {
      await buildUser(
        trx,
        {
          orgId: org.id,
          roles: [STAFF_ROLE[kind]],
          username: `staff-${kind}-${String(i + 1).padStart(2, '0')}`,
          displayName: `${SURNAMES[written % SURNAMES.length]}${GIVEN[written % GIVEN.length]}（示例）`,
          passwordHash,
        },
        now,
      );
      written++;
    }
  }
  return written;
}
