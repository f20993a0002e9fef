import type { Notice, NoticeRollup } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { expectedKinds } from './notice-rollup.service';

let ctx: TestContext;
const cookies: Record<string, string> = {};
const as = (username: string) => cookies[username]!;
let daixian: string;
let taiyuan: string;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['sx-officer', 'xz-city', 'dx-county', 'dx-mine', 'yp-mine', 'grp-a', 'xz-division'])
    cookies[u] = await ctx.login(u);
  daixian = await orgIdByName(ctx.db, '代县应急管理局');
  taiyuan = await orgIdByName(ctx.db, '太原市应急管理局');
});
afterAll(() => ctx.close());

const post = (url: string, cookie: string | null, payload?: object) =>
  ctx.app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string | null) =>
  ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

const notice = (over: Record<string, unknown> = {}) => ({
  docNumber: '晋应急发〔2024〕201号',
  title: '关于深入开展“学铁规、明责任、硬落实、保安全”专项活动的通知',
  issuedOn: '2024-08-01',
  body: '各市应急管理局：请及时转发至辖区各县（市、区）应急管理局、各矿山企业。',
  recipients: { kinds: ['city'] },
  ...over,
});
const forward = (over: Record<string, unknown> = {}) => ({
  docNumber: '忻应急发〔2024〕301号',
  title: '关于转发《关于深入开展专项活动的通知》的通知',
  issuedOn: '2024-08-02',
  body: '请各县（市、区）应急管理局迅速传达至辖区各矿山企业。',
  recipients: { kinds: ['county'] },
  replyDueAt: '2024-12-05T23:59:59+08:00',
  ...over,
});
const fields = (res: { json(): { fields?: { field: string }[] } }) =>
  (res.json().fields ?? []).map((f) => f.field).sort();
const deliveryOf = (noticeId: string, orgId: string) =>
  ctx.db
    .selectFrom('notice_deliveries')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
const notificationsOf = (username: string, kind: string) =>
  ctx.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.title', 'n.link', 'n.read_at'])
    .where('u.username', '=', username)
    .where('n.kind', '=', kind)
    .execute();

describe('expected kinds of a cascade', () => {
  it('runs down the local line from the highest level addressed, always to the mines', () => {
    expect(expectedKinds(new Set(['city']))).toEqual(['city', 'county', 'mine']);
    expect(expectedKinds(new Set(['county', 'group']))).toEqual(['county', 'group', 'mine']);
    expect(expectedKinds(new Set(['division']))).toEqual(['division', 'mine']);
  });
});

describe('POST /api/notices (发文)', () => {
  it('401 without a session', async () => {
    expect((await post('/api/notices', null, notice())).statusCode).toBe(401);
  });

  it('400 naming each missing field, in Chinese', async () => {
    const res = await post('/api/notices', as('sx-officer'), {});
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body', 'docNumber', 'issuedOn', 'recipients', 'title']);
    expect(res.json().message).toContain('文号');
  });

  it('400 when no recipient is chosen, or a kind is unknown', async () => {
    const none = await post('/api/notices', as('sx-officer'), notice({ recipients: {} }));
    expect(none.json().fields).toEqual([{ field: 'recipients', message: '接收单位：请选择接收单位' }]);
    const bad = await post('/api/notices', as('sx-officer'), notice({ recipients: { kinds: ['everyone'] } }));
    expect(fields(bad)).toEqual(['recipients.kinds.0']);
  });

  it('400 for a malformed date or deadline and for unknown fields', async () => {
    const res = await post(
      '/api/notices',
      as('sx-officer'),
      notice({ issuedOn: '2024/8/1', replyDueAt: '12月5日' }),
    );
    expect(fields(res)).toEqual(['issuedOn', 'replyDueAt']);
    expect((await post('/api/notices', as('sx-officer'), notice({ secret: 1 }))).statusCode).toBe(400);
  });

  it('400 when a recipient is outside the issuer’s jurisdiction, or a kind reaches nobody there', async () => {
    const outside = await post('/api/notices', as('xz-city'), notice({ recipients: { orgIds: [taiyuan] } }));
    expect(outside.statusCode).toBe(400);
    expect(fields(outside)).toEqual(['recipients.orgIds']);
    const nobody = await post('/api/notices', as('dx-county'), notice({ recipients: { kinds: ['city'] } }));
    expect(fields(nobody)).toEqual(['recipients']);
  });

  it('400 for an unknown campaign, a co-issuer of another level, or a file the issuer may not use', async () => {
    const campaign = await post('/api/notices', as('sx-officer'), notice({ campaignId: 'nope' }));
    expect(fields(campaign)).toEqual(['campaignId']);
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const co = await post('/api/notices', as('sx-officer'), notice({ coIssuerOrgId: xinzhou }));
    expect(fields(co)).toEqual(['coIssuerOrgId']);
    const file = await post(
      '/api/notices',
      as('sx-officer'),
      notice({ attachments: [{ id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', name: 'x.pdf' }] }),
    );
    expect(fields(file)).toEqual(['attachments.0.id']);
  });

  it('403 for mine staff (no notice.issue)', async () => {
    expect((await post('/api/notices', as('dx-mine'), notice())).statusCode).toBe(403);
  });
});

/** The cascade built step by step below: province → 忻州 → 代县 → 代县's mines. */
let root: Notice;
let cityForward: Notice;
let countyRelay: Notice;

describe('the cascade: issue, sign, forward, relay', () => {
  it('issues to all city bureaus jointly: one delivery and one notification each, audited', async () => {
    const bureau = await orgIdByName(ctx.db, '国家矿山安全监察局山西局');
    const campaign = await ctx.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const res = await post(
      '/api/notices',
      as('sx-officer'),
      notice({ coIssuerOrgId: bureau, campaignId: campaign.id }),
    );
    expect(res.statusCode).toBe(201);
    root = res.json();
    expect(root).toMatchObject({
      issuerName: '山西省应急管理厅',
      coIssuerName: '国家矿山安全监察局山西局',
      rootNoticeId: root.id,
      parentNoticeId: null,
      recipientCounts: [{ kind: 'city', count: 11 }],
      stats: { recipients: 11, read: 0, signed: 0, forwarded: 0 },
      delivery: null,
      abilities: { canSign: false, canForward: false, canUrge: true },
    });
    expect(root.campaignTitle).toContain('学铁规');
    const note = (await notificationsOf('xz-city', 'notice.delivered')).find(
      (n) => n.link === `/notices/${root.id}`,
    );
    expect(note?.title).toContain('专项活动');
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username'])
      .where('entity_id', '=', root.id)
      .execute();
    expect(audit).toEqual([{ action: 'notice.issued', actor_username: 'sx-officer' }]);
  });

  it('sign: 401, 404 for an org it never reached, 403 for the issuer', async () => {
    expect((await post(`/api/notices/${root.id}/sign`, null)).statusCode).toBe(401);
    expect((await post(`/api/notices/${root.id}/sign`, as('yp-mine'))).statusCode).toBe(404);
    expect((await post(`/api/notices/${root.id}/sign`, as('sx-officer'))).statusCode).toBe(403);
  });

  it('a recipient opening it marks it read; 签收 records who and when, once (409 the second time)', async () => {
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const opened = await get(`/api/notices/${root.id}`, as('xz-city'));
    expect(opened.json()).toMatchObject({
      delivery: { signedAt: null },
      abilities: { canSign: true, canForward: true },
    });
    expect(opened.json().delivery.readAt).not.toBeNull();
    expect((await notificationsOf('xz-city', 'notice.delivered')).every((n) => n.read_at !== null)).toBe(
      true,
    );

    ctx.clock.advanceMinutes(5);
    const signed = await post(`/api/notices/${root.id}/sign`, as('xz-city'));
    expect(signed.statusCode).toBe(200);
    expect(signed.json().delivery).toMatchObject({
      signedByName: '赵市局',
      signedAt: ctx.clock.now().toISOString(),
    });
    expect(signed.json().abilities.canSign).toBe(false);
    expect((await deliveryOf(root.id, xinzhou))?.signed_at).toBe(ctx.clock.now().toISOString());
    const again = await post(`/api/notices/${root.id}/sign`, as('xz-city'));
    expect(again.statusCode).toBe(409);
  });

  it('forward: 400 naming the field, 404 for an org that never got it, 403 for a recipient without notice.issue', async () => {
    const res = await post(`/api/notices/${root.id}/forward`, as('xz-city'), forward({ docNumber: '' }));
    expect(fields(res)).toEqual(['docNumber']);
    expect(
      (await post(`/api/notices/${root.id}/forward`, as('xz-city'), forward({ campaignId: 'x' }))).statusCode,
    ).toBe(400);
    expect((await post(`/api/notices/${root.id}/forward`, as('dx-county'), forward())).statusCode).toBe(404);
    expect((await post(`/api/notices/${root.id}/forward`, as('dx-mine'), forward())).statusCode).toBe(403);
  });

  it('忻州 forwards to its counties with its own deadline; the forward keeps the link to the original', async () => {
    const res = await post(`/api/notices/${root.id}/forward`, as('xz-city'), forward());
    expect(res.statusCode).toBe(201);
    cityForward = res.json();
    expect(cityForward).toMatchObject({
      issuerName: '忻州市应急管理局',
      parentNoticeId: root.id,
      rootNoticeId: root.id,
      campaignId: root.campaignId,
      replyDueAt: '2024-12-05T15:59:59.000Z',
      recipientCounts: [{ kind: 'county', count: 14 }],
      chain: [{ id: root.id, docNumber: root.docNumber, issuerName: '山西省应急管理厅' }],
    });
    const original = await get(`/api/notices/${root.id}`, as('xz-city'));
    expect(original.json().delivery.forwardedNoticeId).toBe(cityForward.id);
    expect(original.json().abilities.canForward).toBe(false);
    expect((await post(`/api/notices/${root.id}/forward`, as('xz-city'), forward())).statusCode).toBe(409);
  });

  it('代县 relays to its mines without signing first: the forward signs it off too', async () => {
    const res = await post(
      `/api/notices/${cityForward.id}/forward`,
      as('dx-county'),
      forward({ docNumber: '代应急发〔2024〕12号', recipients: { kinds: ['mine'] } }),
    );
    expect(res.statusCode).toBe(201);
    countyRelay = res.json();
    expect(countyRelay.rootNoticeId).toBe(root.id);
    expect(countyRelay.chain.map((c) => c.id)).toEqual([root.id, cityForward.id]);
    const mines = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', '=', daixian)
      .where('kind', '=', 'mine')
      .execute();
    expect(countyRelay.recipientCounts).toEqual([{ kind: 'mine', count: mines.length }]);
    const mine = await deliveryOf(cityForward.id, daixian);
    expect(mine).toMatchObject({ forwarded_notice_id: countyRelay.id });
    expect(mine?.signed_at).not.toBeNull();
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_username', '=', 'dx-county')
      .where('action', 'like', 'notice.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['notice.signed', 'notice.forwarded']);
  });

  it('a mine reads the relay and every document above it; a mine it never reached reads none of them', async () => {
    const relay = await get(`/api/notices/${countyRelay.id}`, as('dx-mine'));
    expect(relay.json()).toMatchObject({ abilities: { canSign: true, canForward: false, canUrge: false } });
    expect((await get(`/api/notices/${root.id}`, as('dx-mine'))).statusCode).toBe(200);
    for (const id of [root.id, cityForward.id, countyRelay.id]) {
      expect((await get(`/api/notices/${id}`, as('yp-mine'))).statusCode).toBe(404);
      expect((await get(`/api/notices/${id}/rollup`, as('yp-mine'))).statusCode).toBe(404);
    }
  });
});

describe('GET /api/notices/:id/rollup', () => {
  const rollupAs = async (username: string, id = root.id) => {
    const res = await get(`/api/notices/${id}/rollup`, as(username));
    expect(res.statusCode).toBe(200);
    return res.json() as NoticeRollup;
  };

  it('401 without a session, 404 out of scope', async () => {
    expect((await get(`/api/notices/${root.id}/rollup`, null)).statusCode).toBe(401);
    expect((await get(`/api/notices/${root.id}/rollup`, as('grp-a'))).statusCode).toBe(404);
  });

  it('the province sees every level: counts, the tree, and the orgs not reached or not signed', async () => {
    const r = await rollupAs('sx-officer', countyRelay.id);
    expect(r.rootNoticeId).toBe(root.id);
    expect(r.notices.map((n) => n.parentNoticeId)).toEqual([null, root.id, cityForward.id]);
    const allMines = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'mine')
      .where('active', '=', 1)
      .execute();
    const dxMines = r.deliveries.filter((d) => d.noticeId === countyRelay.id).length;
    expect(r.counts).toEqual([
      { kind: 'city', expected: 11, delivered: 11, read: 1, signed: 1, forwarded: 1 },
      { kind: 'county', expected: 14, delivered: 14, read: 1, signed: 1, forwarded: 1 },
      { kind: 'mine', expected: allMines.length, delivered: dxMines, read: 1, signed: 0, forwarded: 0 },
    ]);
    const missing = new Map(r.missing.map((m) => [m.orgName, m.state]));
    expect(missing.get('太原市应急管理局')).toBe('unsigned');
    expect(missing.get('原平市应急管理局')).toBe('unsigned');
    expect(missing.get('原平市示例东山煤矿')).toBe('unreached');
    expect(missing.get('代县示例东山煤矿')).toBe('unsigned');
    expect(missing.has('忻州市应急管理局')).toBe(false);
    expect(missing.has('代县应急管理局')).toBe(false);
  });

  it('a county sees only its own subtree; the city above shows only as the path, without its state', async () => {
    const r = await rollupAs('dx-county', cityForward.id);
    expect(r.counts.map((c) => c.kind)).toEqual(['county', 'mine']);
    expect(r.counts[0]).toMatchObject({ expected: 1, delivered: 1, signed: 1, forwarded: 1 });
    const city = r.deliveries.find((d) => d.orgName === '忻州市应急管理局');
    expect(city).toMatchObject({ inScope: false, signedAt: null, forwardedNoticeId: cityForward.id });
    expect(r.deliveries.some((d) => d.orgName.startsWith('原平'))).toBe(false);
    expect(r.missing.every((m) => m.orgName.startsWith('代县'))).toBe(true);
  });
});

describe('POST /api/notices/:id/urge (催办)', () => {
  it('401, 403 without notice.issue, 404 out of scope', async () => {
    expect((await post(`/api/notices/${root.id}/urge`, null)).statusCode).toBe(401);
    expect((await post(`/api/notices/${root.id}/urge`, as('dx-mine'))).statusCode).toBe(403);
    expect((await post(`/api/notices/${root.id}/urge`, as('grp-a'))).statusCode).toBe(404);
  });

  it('asks the unsigned to sign and the org above each unreached one to pass it on; audited', async () => {
    const dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
    ctx.clock.advanceMinutes(10);
    const res = await post(`/api/notices/${root.id}/urge`, as('sx-officer'));
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.toSign).toBeGreaterThan(10);
    expect(result.toRelay).toBeGreaterThan(0);
    // An unsigned county above unreached mines is asked both to sign and to pass it on.
    expect(result.orgs).toBeGreaterThanOrEqual(result.toSign);
    expect(result.orgs).toBeLessThanOrEqual(result.toSign + result.toRelay);

    const mineNote = await notificationsOf('dx-mine', 'notice.urged');
    expect(mineNote).toEqual([
      expect.objectContaining({
        title: expect.stringContaining('请签收'),
        link: `/notices/${countyRelay.id}`,
      }),
    ]);
    // 忻州 forwarded to counties only; the mines it supervises itself were never reached.
    const cityNote = await notificationsOf('xz-city', 'notice.urged');
    expect(cityNote).toEqual([
      expect.objectContaining({ title: expect.stringContaining('传达到位'), link: `/notices/${root.id}` }),
    ]);
    expect((await deliveryOf(countyRelay.id, dxMine))?.last_urged_at).toBe(ctx.clock.now().toISOString());
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_id', '=', root.id)
      .where('action', '=', 'notice.urged')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('after the mine signs, it is no longer missing and the mine level counts it', async () => {
    expect((await post(`/api/notices/${countyRelay.id}/sign`, as('dx-mine'))).statusCode).toBe(200);
    const r = (await get(`/api/notices/${root.id}/rollup`, as('sx-officer'))).json() as NoticeRollup;
    expect(r.counts.find((c) => c.kind === 'mine')?.signed).toBe(1);
    expect(r.missing.some((m) => m.orgName === '代县示例东山煤矿')).toBe(false);
  });
});

describe('GET /api/notices (收文, 发文) and recipient options', () => {
  it('400 for an unknown box', async () => {
    expect(fields(await get('/api/notices?box=trash', as('xz-city')))).toEqual(['box']);
  });

  it('收文 lists the deliveries to my org, unsigned first; 发文 what my org issued, with progress', async () => {
    const inbox = (await get('/api/notices?box=inbox', as('xz-city'))).json();
    const states = inbox.items.map((n: Notice) => n.delivery?.signedAt === null);
    expect(states).toEqual([...states].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    expect(inbox.items.find((n: Notice) => n.id === root.id)?.delivery.forwardedNoticeId).toBe(
      cityForward.id,
    );
    expect(inbox.unsigned).toBe(states.filter(Boolean).length);
    const sent = (await get('/api/notices?box=sent', as('xz-city'))).json();
    expect(sent.items.find((n: Notice) => n.id === cityForward.id)?.stats).toMatchObject({
      recipients: 14,
      signed: 1,
      forwarded: 1,
    });
  });

  it('a city may address its counties, the groups owning its mines and the mines it supervises itself', async () => {
    expect((await get('/api/notices/recipient-options', as('dx-mine'))).statusCode).toBe(403);
    const res = (await get('/api/notices/recipient-options', as('xz-city'))).json();
    const kinds = Object.fromEntries(
      res.kinds.map((k: { kind: string; count: number }) => [k.kind, k.count]),
    );
    expect(kinds).toMatchObject({ county: 14, group: 2, directMine: 4 });
    expect(kinds.city).toBeUndefined();
    expect(res.orgs.some((o: { name: string }) => o.name === '太原市应急管理局')).toBe(false);
  });
});

describe('data scope', () => {
  it('a notice delivered only to 代县 is not readable by another county’s mine, the city or the division', async () => {
    const res = await post(
      '/api/notices',
      as('sx-officer'),
      notice({ docNumber: '晋应急函〔2024〕7号', recipients: { orgIds: [daixian] } }),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await get(`/api/notices/${id}`, as('dx-county'))).statusCode).toBe(200);
    for (const u of ['yp-mine', 'xz-city', 'xz-division', 'grp-a'])
      expect((await get(`/api/notices/${id}`, as(u))).statusCode, u).toBe(404);
  });
});

describe('demo data', () => {
  it('carries 126号 and 忻州’s 118号 as one cascade, with the walkthrough accounts’ orgs left to sign', async () => {
    const sent = (await get('/api/notices?box=sent', as('sx-officer'))).json();
    const n126 = sent.items.find((n: Notice) => n.docNumber === '矿安晋〔2024〕126号');
    expect(n126).toBeDefined();
    const r = (await get(`/api/notices/${n126.id}/rollup`, as('sx-officer'))).json() as NoticeRollup;
    expect(r.notices.map((n) => n.docNumber)).toContain('忻应急发〔2024〕118号');
    expect(r.counts.find((c) => c.kind === 'county')).toMatchObject({
      expected: 14,
      delivered: 14,
      signed: 11,
    });
    const missing = new Map(r.missing.map((m) => [m.orgName, m.state]));
    expect(missing.get('代县应急管理局')).toBe('unsigned');
    expect(missing.get('代县示例东山煤矿')).toBe('unsigned');
    expect(missing.has('忻州市应急管理局')).toBe(false);
    const inbox = (await get('/api/notices?box=inbox', as('dx-county'))).json();
    const n118 = inbox.items.find((n: Notice) => n.docNumber === '忻应急发〔2024〕118号');
    // 代县 sees its own subtree only: not the groups 忻州 addressed, though one owns a 代县 mine.
    const county = (await get(`/api/notices/${n118.id}/rollup`, as('dx-county'))).json() as NoticeRollup;
    expect(county.counts.map((c) => c.kind)).toEqual(['county', 'mine']);
    // 忻州 sees the groups it addressed itself.
    const city = (await get(`/api/notices/${n118.id}/rollup`, as('xz-city'))).json() as NoticeRollup;
    expect(city.counts.find((c) => c.kind === 'group')).toMatchObject({ expected: 2, delivered: 2 });
  });
});
