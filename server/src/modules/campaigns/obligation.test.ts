import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipart, type TestContext } from '../../testing';

/** Submissions and review on the active demo campaign, from 代县示例东山煤矿 (dx-mine). */
let ctx: TestContext;
let mine: string;
let county: string;
let selfcheckId: string;

const complete = {
  oneTeam: 'yes',
  chairman: 'director',
  summary: '逐条自查主要负责人履职情况。',
  rectifications: [{ problem: '记录不全', measure: '补全记录', dueOn: '2024-09-28', owner: '周矿长' }],
};

const call = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-20T02:00:00.000Z');
  mine = await ctx.login('dx-mine');
  county = await ctx.login('dx-county');
  const duties = (await call('GET', '/api/duties', mine)).json().items;
  selfcheckId = duties.find((d: { dutyKey: string }) => d.dutyKey === 't3-principal-selfcheck').id;
});
afterAll(() => ctx.close());

describe('GET /api/duties', () => {
  it('401 without a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/duties' })).statusCode).toBe(401);
  });

  it('lists what my org owes: overdue first, then by deadline', async () => {
    const items = (await call('GET', '/api/duties', mine)).json().items as {
      overdue: boolean;
      dueAt: string;
      dutyKey: string;
    }[];
    const firstNotOverdue = items.findIndex((i) => !i.overdue);
    expect(items.slice(0, firstNotOverdue).every((i) => i.overdue)).toBe(true);
    expect(items.slice(firstNotOverdue).every((i) => !i.overdue)).toBe(true);
    const rest = items.slice(firstNotOverdue).map((i) => i.dueAt);
    expect(rest).toEqual([...rest].sort());
    // On 2024-09-20 the August review and investigation are overdue.
    expect(items[0]?.dueAt).toBe('2024-08-31T15:59:59.000Z');
  });

  it('400 for an unknown scope', async () => {
    const res = await call('GET', '/api/duties?scope=everything', mine);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('scope');
  });
});

describe('GET /api/duties/:id', () => {
  it('shows the form, the two recipients and what I may do', async () => {
    const res = await call('GET', `/api/duties/${selfcheckId}`, mine);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.form.key).toBe('principal_duty_selfcheck');
    expect(detail.recipients.map((r: { name: string }) => r.name).sort()).toEqual(
      ['代县应急管理局', '国家矿山安全监察局山西局忻州监察执法处'].sort(),
    );
    expect(detail.abilities).toEqual({ canEdit: true, canSubmit: true, canReview: false });
  });

  it('404 for another mine, even in the same county', async () => {
    const other = await ctx.login('yp-mine');
    expect((await call('GET', `/api/duties/${selfcheckId}`, other)).statusCode).toBe(404);
  });
});

describe('drafts and submission', () => {
  it('a draft may be incomplete but not malformed', async () => {
    const ok = await call('PUT', `/api/duties/${selfcheckId}/draft`, mine, { values: { oneTeam: 'yes' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().submissions[0]).toMatchObject({
      version: 1,
      state: 'draft',
      values: { oneTeam: 'yes' },
    });
    const bad = await call('PUT', `/api/duties/${selfcheckId}/draft`, mine, { values: { chairman: 'king' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('chairman');
  });

  it('the county does not see the mine’s unsent draft', async () => {
    const res = await call('GET', `/api/duties/${selfcheckId}`, county);
    expect(res.json().submissions).toEqual([]);
  });

  it('submitting without a required field names it', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/submit`, mine, {
      values: { ...complete, summary: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'summary', message: '履职自查情况：必填' }]);
  });

  it('403 when the county tries to fill the mine’s report', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/submit`, county, { values: complete });
    expect(res.statusCode).toBe(403);
  });

  it('submits on time: not late, the draft becomes version 1, both lines are notified', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/submit`, mine, { values: complete });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted', late: false });
    expect(
      res.json().submissions.map((s: { version: number; state: string }) => [s.version, s.state]),
    ).toEqual([[1, 'submitted']]);
    const note = (await call('GET', '/api/notifications', county)).json();
    expect(note.unread).toBeGreaterThan(0);
    expect(note.items[0].link).toBe(`/duties/${selfcheckId}`);
    const division = await ctx.login('xz-division');
    expect((await call('GET', '/api/notifications', division)).json().items[0].link).toBe(
      `/duties/${selfcheckId}`,
    );
  });

  it('409 when submitting again while it waits for review', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/submit`, mine, { values: complete });
    expect(res.statusCode).toBe(409);
  });
});

describe('review', () => {
  it('a mine cannot accept its own submission', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/accept`, mine, {});
    expect(res.statusCode).toBe(403);
  });

  it('the city sees the report but is not a recipient: 403', async () => {
    const other = await ctx.login('xz-city');
    // The city sees the mine (its subtree) but is not a recipient of this report.
    const res = await call('POST', `/api/duties/${selfcheckId}/accept`, other, {});
    expect(res.statusCode).toBe(403);
  });

  it('400 when returning without a reason', async () => {
    const res = await call('POST', `/api/duties/${selfcheckId}/return`, county, { comment: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('comment');
  });

  it('returns with a comment; the mine resubmits after the deadline as version 2, still not late', async () => {
    const returned = await call('POST', `/api/duties/${selfcheckId}/return`, county, {
      comment: '整改时限不明确',
    });
    expect(returned.json().state).toBe('returned');
    ctx.clock.set('2024-10-03T02:00:00.000Z');
    mine = await ctx.login('dx-mine');
    const again = await call('POST', `/api/duties/${selfcheckId}/submit`, mine, {
      values: { ...complete, summary: '已补充整改时限。' },
    });
    expect(again.json()).toMatchObject({ state: 'submitted', late: false });
    expect(
      again.json().submissions.map((s: { version: number; state: string }) => [s.version, s.state]),
    ).toEqual([
      [2, 'submitted'],
      [1, 'returned'],
    ]);
    expect(again.json().submissions[1].reviewComment).toBe('整改时限不明确');
  });

  it('either line may accept: the division accepts, then the county gets 409', async () => {
    const division = await ctx.login('xz-division');
    const accepted = await call('POST', `/api/duties/${selfcheckId}/accept`, division, { comment: '同意' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().state).toBe('accepted');
    county = await ctx.login('dx-county');
    const late = await call('POST', `/api/duties/${selfcheckId}/accept`, county, {});
    expect(late.statusCode).toBe(409);
  });

  it('a first submission after the deadline is late forever (the concealed-face report decides leniency)', async () => {
    const duties = (await call('GET', '/api/duties', mine)).json().items;
    const concealed = duties.find((d: { dutyKey: string }) => d.dutyKey === 't6-concealed-face-report');
    expect(concealed.overdue).toBe(true);
    const res = await call('POST', `/api/duties/${concealed.id}/submit`, mine, {
      values: { hasConcealedFace: 'no', statement: '无隐蔽工作面。' },
    });
    expect(res.json()).toMatchObject({ state: 'submitted', late: true, overdue: false });
    await call('POST', `/api/duties/${concealed.id}/return`, county, { comment: '请补充说明' });
    const again = await call('POST', `/api/duties/${concealed.id}/submit`, mine, {
      values: { hasConcealedFace: 'no', statement: '经全面排查，无隐蔽工作面。' },
    });
    expect(again.json().late).toBe(true);
  });
});

describe('duties kept as a record', () => {
  it('a briefing record with no recipient is done once submitted', async () => {
    const cookie = await ctx.login('dx-county');
    const duties = (await call('GET', '/api/duties', cookie)).json().items;
    const briefing = duties.find((d: { dutyKey: string }) => d.dutyKey === 't1-local-briefing');
    expect(briefing.recipients).toEqual([]);
    const res = await call('POST', `/api/duties/${briefing.id}/submit`, cookie, {
      values: { title: '代县“八条硬措施”专题宣讲', content: '全县矿山企业主要负责人参加。' },
    });
    expect(res.json()).toMatchObject({ state: 'accepted', abilities: { canEdit: false, canReview: false } });
    expect(res.json().submissions[0].state).toBe('accepted');
  });
});

describe('submission attachments', () => {
  it('the reviewers may download a submitted file; a draft’s file stays with the mine; others get 404', async () => {
    ctx.clock.set('2024-11-10T02:00:00.000Z');
    const owner = await ctx.login('dx-mine');
    const pdf = Buffer.from('%PDF-1.4\n% demo\n');
    const body = multipart('演练方案.pdf', pdf, 'file', 'application/pdf');
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...body.headers, cookie: owner },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json();
    const drills = (await call('GET', '/api/duties', owner))
      .json()
      .items.find((d: { dutyKey: string }) => d.dutyKey === 't9-mine-drills');
    const values = {
      drills: [{ name: '透水应急演练', disaster: '水害', heldOn: '2024-11-08', participants: 56 }],
      attachments: [{ id: file.id, name: file.name }],
    };
    await call('PUT', `/api/duties/${drills.id}/draft`, owner, { values });
    const borrowed = await call('PUT', `/api/duties/${drills.id}/draft`, await ctx.login('yp-mine'), {
      values,
    });
    expect(borrowed.statusCode).toBe(404);
    const fake = await call('PUT', `/api/duties/${drills.id}/draft`, owner, {
      values: { ...values, attachments: [{ id: 'not-a-file', name: 'x.pdf' }] },
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().fields[0].field).toBe('attachments.0');
    const reviewer = await ctx.login('dx-county');
    const get = (cookie: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie } });
    expect((await get(reviewer)).statusCode).toBe(404);
    expect((await call('POST', `/api/duties/${drills.id}/submit`, owner, { values })).statusCode).toBe(200);
    expect((await get(reviewer)).statusCode).toBe(200);
    expect((await get(await ctx.login('yp-mine'))).statusCode).toBe(404);
  });
});
