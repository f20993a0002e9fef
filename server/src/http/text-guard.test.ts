import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/audit.service';
import { verifyAuditChain } from '../audit/audit.verifier';
import { GENERAL } from '../modules/hazards/hazard.fixtures';
import { createTestContext, type TestContext } from '../testing';

let ctx: TestContext;
let mine: string;
let county: string;
beforeAll(async () => {
  // Behind a configured proxy, so the forwarded client address is read (and stored) at all.
  ctx = await createTestContext({ config: { trustProxy: ['127.0.0.1'] } });
  mine = await ctx.login('dx-mine');
  county = await ctx.login('dx-county');
});
afterAll(() => ctx.close());

const auditRows = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The 400 a request with unstorable text gets: the field by its key, the message by its label. */
function expectRefused(res: { statusCode: number; json(): unknown }, field: string, label: string) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    code: 'VALIDATION',
    fields: [{ field, message: expect.stringMatching(new RegExp(`^${label}：含有无法保存的字符`)) }],
  });
}

describe('text that cannot be stored is refused at the edge', () => {
  it('a login with a lone surrogate: 400 naming 用户名, nothing audited, the chain stays intact', async () => {
    const before = await auditRows();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '\ud800', password: 'Wrong-pass1' },
    });
    expectRefused(res, 'username', '用户名');
    expect(await auditRows()).toBe(before);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, breaks: [] });
  });

  it('a hazard description with NUL: 400 naming 隐患内容, no hazard stored', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: mine },
      payload: { ...GENERAL, description: '电缆吊挂\u0000不规范' },
    });
    expectRefused(res, 'description', '隐患内容');
    const stored = await ctx.db
      .selectFrom('hazards')
      .select('id')
      .where('description', 'like', '电缆吊挂%不规范')
      .execute();
    expect(stored).toEqual([]);
  });

  it('a search with NUL in the query string: 400 naming 搜索词', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?q=a%00',
      headers: { cookie: county },
    });
    expectRefused(res, 'q', '搜索词');
  });

  it('a lone surrogate in a route parameter, an array item or an object key is refused too', async () => {
    const param = await ctx.app.inject({
      method: 'GET',
      url: `/api/hazards/${encodeURIComponent('a')}%00`,
      headers: { cookie: county },
    });
    expectRefused(param, 'id', '请求内容');
    const item = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: mine },
      payload: { ...GENERAL, photos: [{ id: 'x', name: '照片\udc00.jpg' }] },
    });
    expectRefused(item, 'photos.0.name', '名称');
    const key = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: mine },
      payload: { ...GENERAL, '\udbff': 1 },
    });
    expectRefused(key, '请求', '请求内容');
  });

  it('a body nested far deeper than the call stack is walked, and the field named by its first levels', async () => {
    const depth = 200_000;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":"dx-mine","password":"x","extra":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`,
    });
    expectRefused(res, ['extra', ...Array(19).fill('0')].join('.'), '请求内容');
  });

  it('the stored headers: a User-Agent or a forwarded client address with NUL', async () => {
    const cases = [
      ['user-agent', 'Mozilla\u0000', 'userAgent'],
      ['x-forwarded-for', '10.0.0.1\u0000', 'ip'],
    ] as const;
    for (const [header, value, field] of cases) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { [header]: value },
        payload: { username: 'dx-mine', password: 'Wrong-pass1' },
      });
      expectRefused(res, field, '请求内容');
    }
  });

  it('odd but valid text passes: emoji, CJK extension B, combining marks, line separators', async () => {
    const description = '电缆😀𠀀吊挂e\u0301不规范\u2028第二行';
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/hazards',
      headers: { cookie: mine },
      payload: { ...GENERAL, description },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().description).toBe(description);
  });

  it('odd but valid text round-trips through the audit log, and the chain verifies 完整', async () => {
    const username = '矿工😀\u2028𠀀e\u0301';
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'Wrong-pass1' },
    });
    expect(res.statusCode).toBe(401);
    const row = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ action: 'auth.login_failed', actor_username: username });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, breaks: [] });
  });
});

describe('text the server makes itself', () => {
  it('is hashed as the database stores it: a lone surrogate or NUL does not break the chain', async () => {
    await recordAudit(
      ctx.db,
      { userId: null, username: '\ud800导入\u0000', orgId: null, ip: null },
      { action: 'test.event', entityId: 'x\udfff' },
      new Date(),
    );
    const row = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_username', 'entity_id'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_username: '\ufffd导入\ufffd', entity_id: 'x\ufffd' });
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, breaks: [] });
  });
});
