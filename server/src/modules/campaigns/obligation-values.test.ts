import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';

/** Impossible values are refused at the door: no date the calendar lacks, no result outside its list. */
let ctx: TestContext;
let mine: string;
let selfcheckId: string;
let reviewId: string;

const call = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

const selfcheck = (dueOn: string) => ({
  oneTeam: 'yes',
  chairman: 'director',
  summary: '逐条自查主要负责人履职情况。',
  rectifications: [{ problem: '记录不全', measure: '补全记录', dueOn, owner: '周矿长' }],
});

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-20T02:00:00.000Z');
  mine = await ctx.login('dx-mine');
  const duties = (await call('GET', '/api/duties', mine)).json().items as {
    id: string;
    dutyKey: string;
    state: string;
  }[];
  selfcheckId = duties.find((d) => d.dutyKey === 't3-principal-selfcheck')!.id;
  reviewId = duties.find((d) => d.dutyKey === 't1-mine-monthly-review' && d.state !== 'accepted')!.id;
});
afterAll(() => ctx.close());

describe('POST /api/duties/:id/submit with an impossible date', () => {
  it('401 without a session', async () => {
    expect(
      (await call('POST', `/api/duties/${selfcheckId}/submit`, null, { values: selfcheck('2024-02-30') }))
        .statusCode,
    ).toBe(401);
  });

  it('400 naming the field for 2024-02-30 and 2023-02-29; nothing is stored', async () => {
    for (const dueOn of ['2024-02-30', '2023-02-29']) {
      const res = await call('POST', `/api/duties/${selfcheckId}/submit`, mine, { values: selfcheck(dueOn) });
      expect(res.statusCode, dueOn).toBe(400);
      expect(res.json().fields).toEqual([
        { field: 'rectifications.0.dueOn', message: '问题及整改第1行 完成时限：日期无效' },
      ]);
    }
    const detail = (await call('GET', `/api/duties/${selfcheckId}`, mine)).json();
    expect(detail.submissions).toEqual([]);
  });

  it('accepts 29 February of a leap year', async () => {
    const res = await call('PUT', `/api/duties/${selfcheckId}/draft`, mine, {
      values: selfcheck('2024-02-29'),
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('a checklist result outside its list', () => {
  it('400 naming the item for __proto__ and constructor, in a draft and a submission', async () => {
    for (const result of ['__proto__', 'constructor']) {
      const values = { checks: { one_team: { result } }, summary: '本月检视情况' };
      const draft = await call('PUT', `/api/duties/${reviewId}/draft`, mine, { values });
      expect(draft.statusCode, result).toBe(400);
      expect(draft.json().fields).toEqual([
        { field: 'checks.one_team.result', message: expect.stringContaining('检视结果不正确') },
      ]);
      const submit = await call('POST', `/api/duties/${reviewId}/submit`, mine, { values });
      expect(submit.statusCode).toBe(400);
      expect(submit.json().fields.map((f: { field: string }) => f.field)).toContain('checks.one_team.result');
    }
    const detail = await call('GET', `/api/duties/${reviewId}`, mine);
    expect(detail.statusCode).toBe(200);
    expect(JSON.stringify(detail.json().submissions)).not.toMatch(/__proto__|constructor/);
  });
});

describe('an attachment reference with a 1 MB file name', () => {
  it('400 naming the field by its label, in a draft and a submission; nothing is stored', async () => {
    const values = {
      ...selfcheck('2024-09-30'),
      attachments: [{ id: '01J0000000000000000000000A', name: 'x'.repeat(1 << 20) }],
    };
    for (const [method, url] of [
      ['PUT', `/api/duties/${selfcheckId}/draft`],
      ['POST', `/api/duties/${selfcheckId}/submit`],
    ] as const) {
      const res = await call(method, url, mine, { values });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().fields).toEqual([
        { field: 'attachments', message: expect.stringMatching(/：附件名称不能超过200个字$/) },
      ]);
    }
    const detail = (await call('GET', `/api/duties/${selfcheckId}`, mine)).json();
    expect(JSON.stringify(detail).length).toBeLessThan(1 << 20);
  });
});

describe('POST /api/notices with an impossible date', () => {
  it('400 naming 成文日期', async () => {
    const officer = await ctx.login('sx-officer');
    const res = await call('POST', '/api/notices', officer, {
      docNumber: '晋应急发〔2024〕9号',
      title: '通知',
      issuedOn: '2023-02-29',
      body: '正文',
      recipients: { kinds: ['city'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'issuedOn', message: '成文日期：日期无效' }]);
  });
});
