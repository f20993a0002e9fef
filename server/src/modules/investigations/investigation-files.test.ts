import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo';
import { createTestContext, multipart, orgIdByName, type TestContext } from '../../testing';
import { hashPassword } from '../auth/password';
import { insertUser } from '../users/user.service';

/** A monthly investigation's attachments are read where its mine is seen, hazards or none. */
let ctx: TestContext;
const c: Record<string, string> = {};
/** A 代县 mine without any hazard (the demo's hazards are at 东山), and its safety officer. */
let mine: string;

beforeAll(async () => {
  // No campaign: the record submits no duty, so only the investigation itself can grant the read.
  ctx = await createTestContext({ campaign: 'none' });
  ctx.clock.set('2024-09-25T02:00:00.000Z');
  mine = await orgIdByName(ctx.db, '代县示例北坡煤矿');
  await insertUser(
    ctx.db,
    {
      username: 'bp-mine',
      displayName: '北坡安全员',
      orgId: mine,
      roles: ['mine_safety_officer'],
      passwordHash: await hashPassword(DEMO_PASSWORD),
      mustChangePassword: false,
    },
    ctx.clock.now(),
  );
  for (const u of ['bp-mine', 'dx-mine', 'dx-county', 'xz-city', 'yp-mine']) c[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

describe('investigation attachments', () => {
  it('the mine’s regulators download them although the mine has no hazard; others get 404', async () => {
    const body = multipart('排查记录.pdf', Buffer.from('%PDF-1.4\n% 排查\n'), 'file', 'application/pdf');
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...body.headers, cookie: c['bp-mine']! },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json<{ id: string; name: string }>();
    const recorded = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards/investigations',
      headers: { cookie: c['bp-mine']! },
      payload: {
        month: '2024-09',
        investigatedOn: '2024-09-20',
        leader: '周矿长',
        scope: '全矿井各系统、各环节',
        participants: '总工程师、各科室负责人',
        files: [{ id: file.id, name: file.name }],
      },
    });
    expect(recorded.statusCode).toBe(201);
    const hazards = await ctx.db.selectFrom('hazards').select('id').where('mine_id', '=', mine).execute();
    expect(hazards).toHaveLength(0);
    const read = (user: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie: c[user]! } });
    expect((await read('bp-mine')).statusCode).toBe(200);
    expect((await read('dx-county')).statusCode).toBe(200);
    expect((await read('xz-city')).statusCode).toBe(200);
    expect((await read('yp-mine')).statusCode).toBe(404);
    expect((await read('dx-mine')).statusCode).toBe(404);
  });
});
