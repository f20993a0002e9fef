import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_ROLES, AUDIT_BREAK_KINDS, passwordProblem, ROLES } from '@tiegui/domain';
import { buildApp } from './app';
import { appendAudit } from './audit/audit.service';
import { verifyAuditChain } from './audit/audit.verifier';
import { openAuditLog } from './audit/audit-log';
import { configFromEnv, userPath } from './config';
import { createDb, type Db } from './db/database';
import { migrateToLatest } from './db/migrate';
import { startJobs } from './jobs';
import { systemClock } from './lib/clock';
import { AppError } from './lib/errors';
import { hashPassword } from './modules/auth/password';
import { diskFileStore } from './modules/files/file.store';
import { insertUser } from './modules/users/user.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from './seed/demo';
import { removeDemoRecords } from './seed/demo-records';
import { seedHazardsScale } from './seed/hazards-scale';
import { seedScale } from './seed/scale';
import { backupDatabase, restoreDatabase } from './system/backup';
import { loadBackupKey } from './system/backup-key';

const USAGE = `用法: npm run tiegui -- <命令>
  start                         启动服务（首次启动自动建库并写入演示数据）
  migrate                       执行数据库迁移
  seed --demo                   写入演示数据（空库）
  seed --remove-demo            删除演示数据（真实数据不动；真实数据仍引用演示数据时不删除并说明原因）
  seed --scale province [--seed N]  生成全省规模数据（约4000座矿山）
  seed --hazards N [--seed N]   在库中矿山上生成N条隐患（压测数据，可与 --scale 同用）
  backup <file>                 备份全部数据与附件到文件（以备份密钥加密并签名，文件权限0600）
  restore <file> [--legacy-unencrypted]
                                校验并从备份文件恢复（目标库须为空库）；旧版未加密备份须加 --legacy-unencrypted
  audit-verify                  校验审计日志哈希链与检查点，列出每一处断裂
  create-admin <username> [--role sys_admin|sec_admin|audit_admin] [--password P]
                                创建三员管理员账号（默认系统管理员；首次登录须修改密码）。
                                仅用于初次部署时建立三员：此后的账号变更须经另一管理员审批`;

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

/** The store the server keeps uploaded files in (see app.ts). */
const fileStore = () => diskFileStore(path.join(configFromEnv().dataDir, 'files'));

/** The demo campaign's state: active by default; `draft` lets a walkthrough start by activating it. */
function demoCampaign(): 'active' | 'draft' | 'none' {
  const v = process.env.TIEGUI_DEMO_CAMPAIGN;
  return v === 'draft' || v === 'none' ? v : 'active';
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const db = createDb(config.databaseUrl, { synchronous: config.sqliteSynchronous });
  try {
    await migrateToLatest(db);
    const audit = await openAuditLog(db, { dataDir: config.dataDir });
    try {
      return await fn(db);
    } finally {
      await audit.close();
    }
  } finally {
    await db.destroy();
  }
}

async function start(): Promise<void> {
  const config = configFromEnv();
  const db = createDb(config.databaseUrl, { synchronous: config.sqliteSynchronous });
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`已执行数据库迁移：${applied.join(', ')}`);
  const audit = await openAuditLog(db, { dataDir: config.dataDir, clock: config.clock });
  const demo = !(await isSeeded(db));
  if (demo) {
    const { mines } = await seedDemo(db, {
      campaign: demoCampaign(),
      store: fileStore(),
      clock: config.clock,
    });
    console.log(`首次启动：已写入演示数据（${mines}座示例矿山）`);
  }
  const app = await buildApp(config, db);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  const stopJobs = startJobs({ db, clock: config.clock });
  const where = config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl;
  console.log(
    `\n铁规 Tiegui 已启动：http://localhost:${port}/   （接口文档 http://localhost:${port}/api/docs）`,
  );
  console.log(`数据库：${where}`);
  if (await hasDemoAccounts(db)) {
    console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
  }
  const stop = async () => {
    stopJobs();
    await app.close();
    await audit.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function hasDemoAccounts(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('username', '=', 'dx-county').executeTakeFirst()) !==
    undefined
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      'remove-demo': { type: 'boolean' },
      scale: { type: 'string' },
      hazards: { type: 'string' },
      seed: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      'legacy-unencrypted': { type: 'boolean' },
    },
  });
  switch (command) {
    case 'start':
      await start();
      return -1;
    case 'migrate':
      await withDb(async () => console.log('数据库已是最新'));
      return 0;
    case 'seed':
      return withDb(async (db) => {
        if (values['remove-demo']) {
          try {
            const removed = await removeDemoRecords(db, systemClock);
            const total = Object.values(removed).reduce((a, b) => a + b, 0);
            console.log(`已删除演示数据：共${total}条记录（审计日志保留并记录本次删除）`);
            return 0;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            console.error(err.message);
            return 1;
          }
        }
        if (values.demo) {
          if (await isSeeded(db)) {
            console.error('数据库已有数据，未写入演示数据');
            return 1;
          }
          console.log(
            `已写入演示数据：${(await seedDemo(db, { campaign: demoCampaign(), store: fileStore(), clock: systemClock })).mines}座示例矿山`,
          );
          return 0;
        }
        if (values.scale !== 'province' && values.hazards === undefined) {
          console.error(USAGE);
          return 2;
        }
        const seed = Number(values.seed ?? 1);
        if (values.scale === 'province') {
          const t0 = performance.now();
          const result = await seedScale(db, { seed });
          const rss = process.memoryUsage().rss;
          console.log(
            `已生成全省规模数据：${result.mines}座矿山，${result.orgs}个单位，用时${((performance.now() - t0) / 1000).toFixed(1)}秒，内存${(rss / 1048576).toFixed(0)}MB`,
          );
        }
        if (values.hazards !== undefined) {
          const t0 = performance.now();
          const result = await seedHazardsScale(db, { seed, count: Number(values.hazards) });
          console.log(
            `已生成隐患数据：${result.hazards}条（重大${result.major}条，未销号${result.open}条，挂牌督办${result.supervisions}条），用时${((performance.now() - t0) / 1000).toFixed(1)}秒`,
          );
        }
        return 0;
      });
    case 'backup': {
      const file = positionals[0] && userPath(positionals[0]);
      if (!file) return usage();
      return withDb(async (db) => {
        const key = loadBackupKey(configFromEnv().dataDir, { create: true });
        const r = await backupDatabase(db, file, { key, store: fileStore() });
        console.log(
          `已备份到 ${file}：${Object.entries(r.tables)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}；附件 ${r.blobs} 个`,
        );
        return 0;
      });
    }
    case 'restore': {
      const file = positionals[0] && userPath(positionals[0]);
      if (!file) return usage();
      return withDb(async (db) => {
        const r = await restoreDatabase(db, file, {
          key: loadBackupKey(configFromEnv().dataDir, { create: false }),
          store: fileStore(),
          legacyUnencrypted: values['legacy-unencrypted'] === true,
        });
        console.log(
          `已从 ${file} 恢复：${Object.entries(r.tables)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}；附件 ${r.blobs} 个`,
        );
        return 0;
      });
    }
    case 'audit-verify':
      return withDb(async (db) => {
        const r = await verifyAuditChain(db);
        const against = r.checkpoints ? `，核对检查点${r.checkpoints}个` : '';
        if (r.ok) {
          console.log(`审计日志完整：共校验${r.checked}条${against}`);
          return 0;
        }
        const count = r.breaks.length + r.omitted;
        console.error(`审计日志被篡改：共校验${r.checked}条${against}，发现${count}处断裂：`);
        for (const b of r.breaks) console.error(`  [${AUDIT_BREAK_KINDS[b.kind]}] ${b.message}`);
        if (r.omitted) console.error(`  另有${r.omitted}处未列出`);
        return 1;
      });
    case 'create-admin': {
      const username = positionals[0];
      if (!username) return usage();
      // The very first administrators: nobody can approve a request before the three exist.
      const role = ADMIN_ROLES.find((r) => r === (values.role ?? 'sys_admin'));
      if (!role) {
        console.error(`--role 须为 ${ADMIN_ROLES.join('、')} 之一`);
        return 2;
      }
      const password = values.password ?? `Tg-${randomBytes(9).toString('base64url')}1a`;
      const problem = passwordProblem(password, { username });
      if (problem) {
        console.error(problem);
        return 2;
      }
      return withDb(async (db) => {
        const org = await db
          .selectFrom('orgs')
          .select(['id'])
          .where('kind', '=', 'province')
          .orderBy('path')
          .limit(1)
          .executeTakeFirst();
        if (!org) {
          console.error('数据库中还没有省级单位，请先初始化组织机构（seed --demo 或恢复备份）');
          return 1;
        }
        if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) {
          console.error(`用户名 ${username} 已存在`);
          return 1;
        }
        const passwordHash = await hashPassword(password);
        const now = new Date();
        await db.transaction().execute(async (trx) => {
          const id = await insertUser(
            trx,
            {
              username,
              displayName: ROLES[role],
              orgId: org.id,
              roles: [role],
              passwordHash,
              mustChangePassword: true,
            },
            now,
          );
          await appendAudit(
            trx,
            SYSTEM,
            { action: 'system.admin_created', entityType: 'user', entityId: id, changes: { role } },
            now,
          );
        });
        console.log(`已创建${ROLES[role]} ${username}，初始密码：${password}\n首次登录须修改密码。`);
        return 0;
      });
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
