import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, signIn, type TestContext } from '../../testing';

/** 联合发文: a notice names as co-issuer only an org configured as a joint issuer of the issuer's org. */
let ctx: TestContext;
let as: Record<string, string>;
let bureau: string;

beforeAll(async () => {
  ctx = await createTestContext();
  as = await signIn(ctx, ['sx-officer', 'dx-county', 'grp-a', 'yp-mine', 'dx-mine', 'xz-city']);
  bureau = await orgIdByName(ctx.db, '国家矿山安全监察局山西局');
});
afterAll(() => ctx.close());

const issue = (cookie: string | null, over: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/notices',
    headers: cookie ? { cookie } : {},
    payload: {
      docNumber: '代应急发〔2024〕9号',
      title: '关于开展隐患排查的通知',
      issuedOn: '2024-08-01',
      body: '各矿山企业：请按要求开展排查。',
      recipients: { kinds: ['mine'] },
      ...over,
    },
  });

const refusedCoIssuer = (res: {
  statusCode: number;
  json(): { message: string; fields?: { field: string }[] };
}) => {
  expect(res.statusCode).toBe(400);
  expect(res.json().fields?.map((f) => f.field)).toEqual(['coIssuerOrgId']);
  expect(res.json().message).toContain('联合发文单位');
};

describe('POST /api/notices with a co-issuer', () => {
  it('401 without a session', async () => {
    expect((await issue(null, { coIssuerOrgId: bureau })).statusCode).toBe(401);
  });

  it('400 when 代县 names 原平市应急管理局, a county it is not paired with', async () => {
    const yuanping = await orgIdByName(ctx.db, '原平市应急管理局');
    refusedCoIssuer(await issue(as['dx-county']!, { coIssuerOrgId: yuanping }));
  });

  it('400 when a group names another group', async () => {
    const otherGroup = await orgIdByName(ctx.db, '示例矿业集团有限公司');
    refusedCoIssuer(await issue(as['grp-a']!, { coIssuerOrgId: otherGroup }));
  });

  it('400 for its own org, an org that does not exist and one outside its reach, alike', async () => {
    const daixian = await orgIdByName(ctx.db, '代县应急管理局');
    const taiyuan = await orgIdByName(ctx.db, '太原市应急管理局');
    for (const coIssuerOrgId of [daixian, 'NOPE', taiyuan, bureau])
      refusedCoIssuer(await issue(as['dx-county']!, { coIssuerOrgId }));
  });

  it('the refused co-issuer never sees the notice: nothing was stored', async () => {
    const yuanping = await orgIdByName(ctx.db, '原平市应急管理局');
    const stored = await ctx.db
      .selectFrom('notices')
      .select('id')
      .where('co_issuer_org_id', 'in', [yuanping])
      .execute();
    expect(stored).toEqual([]);
  });

  it('issues jointly as the configured pair, in either direction', async () => {
    const department = await orgIdByName(ctx.db, '山西省应急管理厅');
    const res = await issue(as['sx-officer']!, {
      coIssuerOrgId: bureau,
      docNumber: '晋应急发〔2024〕300号',
      recipients: { kinds: ['city'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      issuerName: '山西省应急管理厅',
      coIssuerName: '国家矿山安全监察局山西局',
    });
    const options = await ctx.app.inject({
      method: 'GET',
      url: '/api/notices/recipient-options',
      headers: { cookie: as['sx-officer']! },
    });
    expect(options.json().coIssuers).toEqual([{ id: bureau, name: '国家矿山安全监察局山西局' }]);
    const county = await ctx.app.inject({
      method: 'GET',
      url: '/api/notices/recipient-options',
      headers: { cookie: as['dx-county']! },
    });
    expect(county.json().coIssuers).toEqual([]);
    expect(department).not.toBe(bureau);
  });
});
