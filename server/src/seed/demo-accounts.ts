import type { Db } from '../db/database';
import { fileAccountChange } from '../modules/account-changes/account-change.service';
import { demoActors, orgIdNamed } from './demo-actors';

/**
 * One request of the system administrator waiting for the security administrator, so the 待审批
 * list has something on a first start: a new 执法人员 account for 忻州市应急管理局. Filed through
 * the same command the users page runs.
 */
export async function seedDemoAccountChanges(db: Db): Promise<void> {
  if (await db.selectFrom('account_changes').select('id').limit(1).executeTakeFirst()) return;
  const clock = { now: () => new Date('2024-07-29T01:00:00.000Z') };
  await fileAccountChange({ db, clock }, (await demoActors(db)).named('sx-admin'), {
    change: 'create',
    username: 'xz-inspector',
    displayName: '钱执法',
    orgId: await orgIdNamed(db, '忻州市应急管理局'),
    roles: ['inspector'],
    reason: '市局新调入执法人员，需开通账号',
  });
}
