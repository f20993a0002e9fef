import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorOf } from '../../db/migrate';
import { createTestContext, orgIdByName, signIn, type TestContext } from '../../testing';

/** 联合发文单位: pairs a system administrator keeps; regulators read them; notices and campaigns obey them. */
let ctx: TestContext;
let as: Record<string, string>;
let bureau: string;
let department: string;

beforeAll(async () => {
  ctx = await createTestContext();
  as = await signIn(ctx, ['sx-admin', 'sx-officer', 'dx-county', 'dx-mine', 'grp-a', 'xz-city']);
  bureau = await orgIdByName(ctx.db, '国家矿山安全监察局山西局');
  department = await orgIdByName(ctx.db, '山西省应急管理厅');
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

describe('GET /api/joint-issuers', () => {
  it('401 without a session', async () => {
    expect((await call('GET', '/api/joint-issuers', null)).statusCode).toBe(401);
  });

  it('403 for a mine and a group', async () => {
    expect((await call('GET', '/api/joint-issuers', as['dx-mine']!)).statusCode).toBe(403);
    expect((await call('GET', '/api/joint-issuers', as['grp-a']!)).statusCode).toBe(403);
  });

  it('shows the default pair to regulators and the system administrator', async () => {
    for (const user of ['sx-admin', 'sx-officer', 'dx-county']) {
      const res = await call('GET', '/api/joint-issuers', as[user]!);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        expect.objectContaining({
          issuerName: expect.stringMatching(/山西局|应急管理厅/),
          coIssuerName: expect.stringMatching(/山西局|应急管理厅/),
          isDefault: true,
        }),
      ]);
    }
  });
});

describe('migration 0012', () => {
  it('gives a database that already holds 山西局 and 省应急厅 their pair', async () => {
    const down = await migratorOf(ctx.db).migrateTo('0010_workflow_events');
    expect(down.error).toBeUndefined();
    expect(await migrateToLatest(ctx.db)).toContain('0012_joint_issuers_login_throttles');
    const pairs = await ctx.db.selectFrom('joint_issuers').select(['org_id', 'partner_org_id']).execute();
    expect(pairs).toEqual([
      { org_id: [bureau, department].sort()[0], partner_org_id: [bureau, department].sort()[1] },
    ]);
  });
});

describe('POST and DELETE /api/joint-issuers', () => {
  it('401 without a session; 403 for anyone but the system administrator', async () => {
    const body = { issuerOrgId: bureau, coIssuerOrgId: department };
    expect((await call('POST', '/api/joint-issuers', null, body)).statusCode).toBe(401);
    expect((await call('POST', '/api/joint-issuers', as['sx-officer']!, body)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/joint-issuers/x', as['sx-officer']!)).statusCode).toBe(403);
  });

  it('400 naming the field: a missing org, a mine, itself, another level', async () => {
    const missing = await call('POST', '/api/joint-issuers', as['sx-admin']!, { issuerOrgId: bureau });
    expect(missing.json().fields.map((f: { field: string }) => f.field)).toEqual(['coIssuerOrgId']);
    expect(missing.json().message).toContain('联合发文单位');
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const mine = await orgIdByName(ctx.db, '代县示例东山煤矿');
    for (const [issuerOrgId, coIssuerOrgId, field] of [
      [bureau, bureau, 'coIssuerOrgId'],
      [bureau, xinzhou, 'coIssuerOrgId'],
      [mine, bureau, 'issuerOrgId'],
      ['NOPE', bureau, 'issuerOrgId'],
    ] as const) {
      const res = await call('POST', '/api/joint-issuers', as['sx-admin']!, { issuerOrgId, coIssuerOrgId });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].field).toBe(field);
    }
  });

  it('409 for a pair already there, in either direction', async () => {
    const res = await call('POST', '/api/joint-issuers', as['sx-admin']!, {
      issuerOrgId: department,
      coIssuerOrgId: bureau,
    });
    expect(res.statusCode).toBe(409);
  });

  it('404 for a pair that is not there', async () => {
    expect((await call('DELETE', '/api/joint-issuers/NOPE', as['sx-admin']!)).statusCode).toBe(404);
  });

  it('a new pair lets two counties issue jointly; deleting it ends that, audited both ways', async () => {
    const daixian = await orgIdByName(ctx.db, '代县应急管理局');
    const yuanping = await orgIdByName(ctx.db, '原平市应急管理局');
    const created = await call('POST', '/api/joint-issuers', as['sx-admin']!, {
      issuerOrgId: yuanping,
      coIssuerOrgId: daixian,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ isDefault: false });
    const notice = {
      docNumber: '代应急发〔2024〕10号',
      title: '关于联合开展检查的通知',
      issuedOn: '2024-08-01',
      body: '各矿山企业：请配合检查。',
      recipients: { kinds: ['mine'] },
      coIssuerOrgId: yuanping,
    };
    const joint = await call('POST', '/api/notices', as['dx-county']!, notice);
    expect(joint.statusCode).toBe(201);
    expect(joint.json().coIssuerName).toBe('原平市应急管理局');

    const deleted = await call('DELETE', `/api/joint-issuers/${created.json().id}`, as['sx-admin']!);
    expect(deleted.statusCode).toBe(200);
    const again = await call('POST', '/api/notices', as['dx-county']!, {
      ...notice,
      docNumber: '代应急发〔2024〕11号',
    });
    expect(again.statusCode).toBe(400);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', created.json().id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['joint_issuer.created', 'joint_issuer.deleted']);
  });

  it('a campaign names as co-issuer only a paired org: without the pair 山西局 is refused', async () => {
    const [pair] = (await call('GET', '/api/joint-issuers', as['sx-admin']!)).json().items;
    expect((await call('DELETE', `/api/joint-issuers/${pair.id}`, as['sx-admin']!)).statusCode).toBe(200);
    const plan = await ctx.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
    const campaign = await call('POST', '/api/campaigns', as['sx-officer']!, {
      planId: plan.id,
      title: '第二轮专项活动',
      coIssuerOrgId: bureau,
    });
    expect(campaign.statusCode).toBe(400);
    expect(campaign.json().fields[0].field).toBe('coIssuerOrgId');
    const notice = await call('POST', '/api/notices', as['sx-officer']!, {
      docNumber: '晋应急发〔2024〕301号',
      title: '通知',
      issuedOn: '2024-08-01',
      body: '正文',
      recipients: { kinds: ['city'] },
      coIssuerOrgId: bureau,
    });
    expect(notice.statusCode).toBe(400);
  });
});
