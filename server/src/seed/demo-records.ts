import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { clearHazardSearch, insertChunks, rebuildHazardSearch } from '../db/dialect';
import type { Database } from '../db/schema';
import type { DemoTable } from '../db/schema-demo';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { FOLLOW_UP_PLAN_KEY } from './demo-recent';

type Trx = Kysely<Database>;

/**
 * Marks what the demo seed wrote, on the empty database it seeds: the orgs it invented (mines and
 * groups; the regulators' tree is the real one and stays), every user, and the roots of business
 * records. What hangs off a root (obligations, deliveries, history, links) is demo data with it.
 */
export async function markDemoRecords(db: Db): Promise<void> {
  const roots: [DemoTable, Promise<{ id: string }[]>][] = [
    ['orgs', db.selectFrom('orgs').select('id').where('kind', 'in', ['mine', 'group']).execute()],
    ['users', db.selectFrom('users').select('id').execute()],
    ['campaigns', db.selectFrom('campaigns').select('id').execute()],
    // The follow-up list's plan is the demo's own; the 2024 plan is the real document and stays.
    ['plans', db.selectFrom('plans').select('id').where('plan_key', '=', FOLLOW_UP_PLAN_KEY).execute()],
    ['notices', db.selectFrom('notices').select('id').execute()],
    ['hazards', db.selectFrom('hazards').select('id').execute()],
    ['hazard_investigations', db.selectFrom('hazard_investigations').select('id').execute()],
    ['account_changes', db.selectFrom('account_changes').select('id').execute()],
    ['files', db.selectFrom('files').select('id').execute()],
  ];
  const rows: { table_name: DemoTable; record_id: string }[] = [];
  for (const [table, ids] of roots)
    for (const { id } of await ids) rows.push({ table_name: table, record_id: id });
  const chunks = [...insertChunks(db as Kysely<unknown>, rows, 2)];
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunks) await trx.insertInto('demo_records').values(chunk).execute();
  });
}

/** The ids of one kind of demo root, as a subquery. */
const demo = (trx: Trx, table: DemoTable) =>
  trx.selectFrom('demo_records').select('record_id as id').where('table_name', '=', table);

async function count(q: { executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined> }) {
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Real records that point at demo ones, which removing the demo data would break, said in Chinese. */
async function realOnDemo(trx: Trx): Promise<string[]> {
  const orgs = () => demo(trx, 'orgs');
  const users = () => demo(trx, 'users');
  const checks: [string, Promise<number>][] = [
    [
      '个账号属于示例单位',
      count(
        trx
          .selectFrom('users')
          .where('id', 'not in', users())
          .where('org_id', 'in', orgs())
          .select((eb) => eb.fn.countAll<number>().as('n')),
      ),
    ],
    [
      '个单位隶属示例单位或示例集团',
      count(
        trx
          .selectFrom('orgs')
          .where('id', 'not in', orgs())
          .where((eb) =>
            eb.or([
              eb('parent_id', 'in', orgs()),
              eb('id', 'in', eb.selectFrom('mines').select('org_id').where('group_org_id', 'in', orgs())),
            ]),
          )
          .select((eb) => eb.fn.countAll<number>().as('n')),
      ),
    ],
    [
      '条隐患或排查记录登记在示例矿山上',
      Promise.all([
        count(
          trx
            .selectFrom('hazards')
            .where('id', 'not in', demo(trx, 'hazards'))
            .where('mine_id', 'in', orgs())
            .select((eb) => eb.fn.countAll<number>().as('n')),
        ),
        count(
          trx
            .selectFrom('hazard_investigations')
            .where('id', 'not in', demo(trx, 'hazard_investigations'))
            .where('mine_id', 'in', orgs())
            .select((eb) => eb.fn.countAll<number>().as('n')),
        ),
      ]).then(([a, b]) => a + b),
    ],
    [
      '份通知转发自演示通知或属于演示活动',
      count(
        trx
          .selectFrom('notices')
          .where('id', 'not in', demo(trx, 'notices'))
          .where((eb) =>
            eb.or([
              eb('parent_notice_id', 'in', demo(trx, 'notices')),
              eb('campaign_id', 'in', demo(trx, 'campaigns')),
              eb('created_by', 'in', users()),
            ]),
          )
          .select((eb) => eb.fn.countAll<number>().as('n')),
      ),
    ],
    [
      '项任务由真实活动下达给示例矿山',
      count(
        trx
          .selectFrom('obligations')
          .where('campaign_id', 'not in', demo(trx, 'campaigns'))
          .where('org_id', 'in', orgs())
          .select((eb) => eb.fn.countAll<number>().as('n')),
      ),
    ],
    [
      '条账号变更或附件出自演示账号',
      Promise.all([
        count(
          trx
            .selectFrom('account_changes')
            .where('id', 'not in', demo(trx, 'account_changes'))
            .where((eb) =>
              eb.or([
                eb('requested_by', 'in', users()),
                eb('first_approved_by', 'in', users()),
                eb('decided_by', 'in', users()),
                eb('target_user_id', 'in', users()),
              ]),
            )
            .select((eb) => eb.fn.countAll<number>().as('n')),
        ),
        count(
          trx
            .selectFrom('files')
            .where('id', 'not in', demo(trx, 'files'))
            .where((eb) => eb.or([eb('uploaded_by', 'in', users()), eb('owner_org_id', 'in', orgs())]))
            .select((eb) => eb.fn.countAll<number>().as('n')),
        ),
      ]).then(([a, b]) => a + b),
    ],
  ];
  const found: string[] = [];
  for (const [what, n] of checks) if ((await n) > 0) found.push(`${await n}${what}`);
  return found;
}

/**
 * Removes the demo data in one transaction: every demo root and what hangs off it, children first,
 * and nothing else. Refused, with what stands in the way, while a real record points at demo data.
 * The audit log keeps its rows (it is append-only) and records the removal.
 */
export async function removeDemoRecords(db: Db, clock: Clock): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const blocking = await realOnDemo(trx);
    if (blocking.length > 0)
      throw new AppError('CONFLICT', `真实数据仍在使用演示数据，未删除：${blocking.join('；')}`);
    const obligations = () =>
      trx.selectFrom('obligations').select('id').where('campaign_id', 'in', demo(trx, 'campaigns'));
    const submissions = () =>
      trx.selectFrom('submissions').select('id').where('obligation_id', 'in', obligations());
    const hazards = () => demo(trx, 'hazards');
    const users = () => demo(trx, 'users');
    const orgs = () => demo(trx, 'orgs');
    const removed: Record<string, number> = {};
    const run = async (table: string, q: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) => {
      removed[table] = (removed[table] ?? 0) + Number((await q.executeTakeFirst()).numDeletedRows);
    };
    const linked = [hazards(), submissions(), demo(trx, 'notices'), demo(trx, 'hazard_investigations')];
    await run(
      'file_links',
      trx
        .deleteFrom('file_links')
        .where((eb) =>
          eb.or([
            eb('file_id', 'in', demo(trx, 'files')),
            ...linked.map((ids) => eb('record_id', 'in', ids)),
          ]),
        ),
    );
    const records = [hazards(), obligations(), demo(trx, 'campaigns'), demo(trx, 'notices')];
    await run(
      'workflow_events',
      trx
        .deleteFrom('workflow_events')
        .where((eb) =>
          eb.or([...records, demo(trx, 'account_changes')].map((ids) => eb('record_id', 'in', ids))),
        ),
    );
    await run('notifications', trx.deleteFrom('notifications').where('user_id', 'in', users()));
    // The search index is derived: emptied before the hazards go, rebuilt from those that stay.
    await clearHazardSearch(trx);
    for (const table of ['hazard_events', 'hazard_supervisions'] as const)
      await run(table, trx.deleteFrom(table).where('hazard_id', 'in', hazards()));
    await run('hazards', trx.deleteFrom('hazards').where('id', 'in', hazards()));
    await run(
      'hazard_investigations',
      trx.deleteFrom('hazard_investigations').where('id', 'in', demo(trx, 'hazard_investigations')),
    );
    await run('submissions', trx.deleteFrom('submissions').where('id', 'in', submissions()));
    await run(
      'obligation_recipients',
      trx.deleteFrom('obligation_recipients').where('obligation_id', 'in', obligations()),
    );
    await run('obligations', trx.deleteFrom('obligations').where('id', 'in', obligations()));
    // A real notice's deliveries to demo mines go with the mines: no one is left to sign them.
    await run(
      'notice_deliveries',
      trx
        .deleteFrom('notice_deliveries')
        .where((eb) => eb.or([eb('notice_id', 'in', demo(trx, 'notices')), eb('org_id', 'in', orgs())])),
    );
    await run('notices', trx.deleteFrom('notices').where('id', 'in', demo(trx, 'notices')));
    await run('campaigns', trx.deleteFrom('campaigns').where('id', 'in', demo(trx, 'campaigns')));
    await run('plans', trx.deleteFrom('plans').where('id', 'in', demo(trx, 'plans')));
    await run('files', trx.deleteFrom('files').where('id', 'in', demo(trx, 'files')));
    await run(
      'account_changes',
      trx.deleteFrom('account_changes').where('id', 'in', demo(trx, 'account_changes')),
    );
    await run(
      'activation_codes',
      trx
        .deleteFrom('activation_codes')
        .where((eb) => eb.or([eb('user_id', 'in', users()), eb('issued_by', 'in', users())])),
    );
    for (const table of ['password_history', 'sessions', 'user_roles', 'import_receipts'] as const)
      await run(table, trx.deleteFrom(table).where('user_id', 'in', users()));
    await run('users', trx.deleteFrom('users').where('id', 'in', users()));
    await run('mines', trx.deleteFrom('mines').where('org_id', 'in', orgs()));
    await run(
      'joint_issuers',
      trx
        .deleteFrom('joint_issuers')
        .where((eb) => eb.or([eb('org_id', 'in', orgs()), eb('partner_org_id', 'in', orgs())])),
    );
    await run('orgs', trx.deleteFrom('orgs').where('id', 'in', orgs()));
    await rebuildHazardSearch(trx);
    await trx.deleteFrom('demo_records').execute();
    await appendAudit(
      trx,
      { userId: null, username: 'system', orgId: null, ip: null },
      { action: 'system.demo_removed', changes: removed },
      clock.now(),
    );
    return removed;
  });
}
