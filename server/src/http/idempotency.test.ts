import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAJOR } from '../modules/hazards/hazard.fixtures';
import { createTestContext, type TestContext } from '../testing';
import { documentedRoutes } from '../testing/openapi';

/** `Idempotency-Key`: a double click or a retried request creates one record. */
let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-08-01T02:00:00.000Z');
  for (const u of ['dx-mine', 'dx-county']) cookies[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const post = (url: string, user: string, payload: object, key?: string) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookies[user] ?? '', ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
const hazardCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('hazards')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const notice = (docNumber: string) => ({
  docNumber,
  title: '关于做好专项活动自查工作的通知',
  issuedOn: '2024-08-01',
  body: '请各矿山企业按要求开展自查。',
  recipients: { kinds: ['mine'] },
});

describe('Idempotency-Key', () => {
  it('the API document offers it on every signed-in POST with a JSON body, and on no other', async () => {
    const posts = (await documentedRoutes(ctx.app)).filter(
      (r) => r.method === 'POST' && !r.public && r.body?.contentType !== 'multipart/form-data',
    );
    const forms = posts.filter((r) => r.body !== null);
    expect(forms.length).toBeGreaterThan(20);
    expect(forms.filter((r) => !r.headers.includes('idempotency-key')).map((r) => r.path)).toEqual([]);
    const bodiless = posts.filter((r) => r.body === null);
    expect(bodiless.map((r) => r.path)).toContain('/api/audit/verify');
    expect(bodiless.filter((r) => r.headers.includes('idempotency-key')).map((r) => r.path)).toEqual([]);
  });

  it('a POST without a body (校验完整性) is answered afresh each time, whatever key it carries', async () => {
    const auditor = await ctx.login('sx-audit');
    const verified = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', 'audit.verified')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await verified();
    for (let i = 0; i < 2; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/audit/verify',
        headers: { cookie: auditor, 'idempotency-key': 'verify-5e1c0d42' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await verified()).toBe(before + 2);
  });

  it('the same key twice: one hazard, the first answer again (status, body, id)', async () => {
    const before = await hazardCount();
    const body = { ...MAJOR, description: '主斜井提升绞车保护装置失效仍在使用', photos: [], files: [] };
    const first = await post('/api/hazards', 'dx-mine', body, 'form-7f3a9c01');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('/api/hazards', 'dx-mine', body, 'form-7f3a9c01');
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.json().id).toBe(first.json().id);
    expect(await hazardCount()).toBe(before + 1);
  });

  it('a double click (both at once, one key): one hazard, the second waits for the first answer', async () => {
    const before = await hazardCount();
    const body = { ...MAJOR, description: '井下中央变电所高压开关防爆失效', photos: [], files: [] };
    const [a, b] = await Promise.all([
      post('/api/hazards', 'dx-mine', body, 'form-d0ub1e01'),
      post('/api/hazards', 'dx-mine', body, 'form-d0ub1e01'),
    ]);
    expect([a?.statusCode, b?.statusCode]).toEqual([201, 201]);
    expect(a?.json().id).toBe(b?.json().id);
    expect(await hazardCount()).toBe(before + 1);
  });

  it('the same key with another body: 409 in Chinese, nothing created', async () => {
    const before = await hazardCount();
    const body = { ...MAJOR, description: '采区变电所未设置防火门', photos: [], files: [] };
    expect((await post('/api/hazards', 'dx-mine', body, 'form-5b21e7d4')).statusCode).toBe(201);
    const changed = await post('/api/hazards', 'dx-mine', { ...body, location: '二采区' }, 'form-5b21e7d4');
    expect(changed.statusCode).toBe(409);
    expect(changed.json().message).toBe('这次提交的内容与先前同一次提交不同，请刷新页面后重新提交');
    expect(await hazardCount()).toBe(before + 1);
  });

  it('a key is one user’s on one path: another user or another route does the work', async () => {
    const first = await post('/api/notices', 'dx-county', notice('代应急发〔2024〕301号'), 'form-notice-1');
    expect(first.statusCode, first.body).toBe(201);
    const replay = await post('/api/notices', 'dx-county', notice('代应急发〔2024〕301号'), 'form-notice-1');
    expect(replay.json().id).toBe(first.json().id);
    const elsewhere = await post(
      '/api/hazards',
      'dx-mine',
      { ...MAJOR, description: '井下爆破作业未执行一炮三检', photos: [], files: [] },
      'form-notice-1',
    );
    expect(elsewhere.statusCode).toBe(201);
  });

  it('a refusal is not kept: the corrected request with the same key is done', async () => {
    const body = { ...MAJOR, description: '瓦斯抽采系统未按设计运行', photos: [], files: [] };
    const refused = await post(
      '/api/hazards',
      'dx-mine',
      { ...body, foundOn: '2030-01-01' },
      'form-c0ffee01',
    );
    expect(refused.statusCode).toBe(400);
    expect((await post('/api/hazards', 'dx-mine', body, 'form-c0ffee01')).statusCode).toBe(201);
  });

  it('after 24 hours the key is free again; a malformed key is refused in Chinese', async () => {
    const body = { ...notice('代应急发〔2024〕302号') };
    const first = await post('/api/notices', 'dx-county', body, 'form-notice-2');
    ctx.clock.advanceMinutes(24 * 60 + 1);
    cookies['dx-county'] = await ctx.login('dx-county');
    const later = await post('/api/notices', 'dx-county', body, 'form-notice-2');
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.json().id);
    const bad = await post('/api/notices', 'dx-county', notice('代应急发〔2024〕303号'), 'x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('提交标识格式不正确，请刷新页面后重新提交');
  });
});
