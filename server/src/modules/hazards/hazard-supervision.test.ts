import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { fileRefs, GENERAL, MAJOR, SAMPLE_EVIDENCE } from './hazard.fixtures';

/** 挂牌督办 (supervision, progress reports, overdue reminders, removal) and the monthly investigation. */
let ctx: TestContext;
const c: Record<string, string> = {};
const USERS = ['dx-mine', 'dx-county', 'yp-mine', 'xz-city', 'grp-a'];

async function at(iso: string) {
  ctx.clock.set(iso);
  for (const u of USERS) c[u] = await ctx.login(u);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2024-08-01T02:00:00.000Z');
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST', url: string, user?: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user ? { cookie: c[user]! } : {}, ...(payload ? { payload } : {}) });
const act = async (id: string, action: keyof typeof SAMPLE_EVIDENCE, user: string) =>
  call(
    'POST',
    `/api/hazards/${id}/actions/${action}`,
    user,
    SAMPLE_EVIDENCE[action](await fileRefs(ctx, user)),
  );
const notificationsOf = async (user: string) =>
  (await call('GET', '/api/notifications', user)).json().items as { kind: string; link: string }[];
const supervision = { deadline: '2024-08-20', reportCadence: 'weekly' };

describe('POST /api/hazards/:id/supervision', () => {
  let id: string;
  beforeAll(async () => {
    id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
  });

  it('401 without a session', async () => {
    expect((await call('POST', `/api/hazards/${id}/supervision`, undefined, supervision)).statusCode).toBe(
      401,
    );
  });

  it('400 without a deadline or with an unknown cadence', async () => {
    expect(
      (await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', { reportCadence: 'weekly' })).json()
        .fields[0].field,
    ).toBe('deadline');
    expect(
      (
        await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', {
          ...supervision,
          reportCadence: 'hourly',
        })
      ).json().fields[0].field,
    ).toBe('reportCadence');
  });

  it('403 for a mine and a group; 404 out of scope; 409 for a general hazard', async () => {
    expect((await call('POST', `/api/hazards/${id}/supervision`, 'dx-mine', supervision)).statusCode).toBe(
      403,
    );
    expect((await call('POST', `/api/hazards/${id}/supervision`, 'grp-a', supervision)).statusCode).toBe(403);
    const yp = (await call('POST', '/api/hazards', 'yp-mine', MAJOR)).json().id;
    expect((await call('POST', `/api/hazards/${yp}/supervision`, 'dx-county', supervision)).statusCode).toBe(
      404,
    );
    const general = (await call('POST', '/api/hazards', 'dx-mine', GENERAL)).json().id;
    expect(
      (await call('POST', `/api/hazards/${general}/supervision`, 'dx-county', supervision)).statusCode,
    ).toBe(409);
  });

  it('lists at the supervising org level; the mine is told; progress reports reach the supervisingOrgs; the same org lists once', async () => {
    const res = await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', supervision);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      supervised: true,
      supervisions: [{ level: 'county', orgName: '代县应急管理局' }],
    });
    expect((await call('POST', `/api/hazards/${id}/supervision`, 'dx-county', supervision)).statusCode).toBe(
      409,
    );
    expect(
      (
        await call('POST', `/api/hazards/${id}/supervision`, 'xz-city', {
          ...supervision,
          reportCadence: 'monthly',
        })
      ).statusCode,
    ).toBe(200);
    expect((await notificationsOf('dx-mine')).some((n) => n.kind === 'hazard.supervised')).toBe(true);
    await act(id, 'plan', 'dx-mine');
    await act(id, 'reportProgress', 'dx-mine');
    for (const u of ['dx-county', 'xz-city'])
      expect(
        (await notificationsOf(u)).some((n) => n.kind === 'hazard.progress' && n.link === `/hazards/${id}`),
        u,
      ).toBe(true);
    const detail = (await call('GET', `/api/hazards/${id}`, 'dx-county')).json();
    expect(detail.supervisions[0].lastReportAt).toBe('2024-08-01T02:00:00.000Z');
    expect(
      (await call('GET', '/api/hazards?supervised=true&limit=200', 'dx-county'))
        .json()
        .items.map((h: { id: string }) => h.id),
    ).toContain(id);
  });

  it('late reports and overdue hazards notify the supervising org once a day', async () => {
    await at('2024-08-09T02:00:00.000Z');
    const check = (await call('POST', '/api/hazards/supervision/check-overdue', 'dx-county')).json();
    expect(check.overdue).toContainEqual(
      expect.objectContaining({ hazardId: id, reportOverdue: true, deadlineOverdue: false }),
    );
    expect(check.notified).toBeGreaterThan(0);
    expect((await notificationsOf('dx-county')).some((n) => n.kind === 'hazard.supervision_overdue')).toBe(
      true,
    );
    expect((await call('POST', '/api/hazards/supervision/check-overdue', 'dx-county')).json().notified).toBe(
      0,
    );
    // The city's monthly cadence is not late yet.
    expect(
      (await call('POST', '/api/hazards/supervision/check-overdue', 'xz-city')).json().overdue,
    ).toHaveLength(0);
    await at('2024-08-21T02:00:00.000Z');
    const late = (await call('POST', '/api/hazards/supervision/check-overdue', 'dx-county')).json();
    expect(late.overdue).toContainEqual(expect.objectContaining({ hazardId: id, deadlineOverdue: true }));
    expect((await call('POST', '/api/hazards/supervision/check-overdue', 'dx-mine')).statusCode).toBe(403);
  });

  it('only the supervising org removes its supervision, and only after closure', async () => {
    expect((await call('POST', `/api/hazards/${id}/supervision/remove`, 'dx-county', {})).statusCode).toBe(
      409,
    );
    await act(id, 'declareRectified', 'dx-mine');
    await act(id, 'evaluate', 'dx-mine');
    await act(id, 'close', 'dx-county');
    expect((await call('POST', `/api/hazards/${id}/supervision/remove`, 'dx-mine', {})).statusCode).toBe(403);
    const removed = await call('POST', `/api/hazards/${id}/supervision/remove`, 'dx-county', {
      note: '已销号',
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const county = removed
      .json()
      .supervisions.find((s: { orgName: string }) => s.orgName === '代县应急管理局');
    expect(county.removedAt).not.toBeNull();
    expect(removed.json().supervised).toBe(true); // the city's supervision stands until the city removes it
    expect((await call('POST', `/api/hazards/${id}/supervision/remove`, 'dx-county', {})).statusCode).toBe(
      403,
    );
  });
});

describe('POST /api/hazards/investigations (主要负责人月度排查, task 10)', () => {
  const base = {
    month: '2024-08',
    leader: '周矿长',
    scope: '全矿井各系统、各环节',
    participants: '总工程师、各科室负责人',
  };

  it('401, then 400 for a date outside the month and for another mine’s hazard', async () => {
    await at('2024-08-25T02:00:00.000Z');
    expect(
      (
        await call('POST', '/api/hazards/investigations', undefined, {
          ...base,
          investigatedOn: '2024-08-20',
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await call('POST', '/api/hazards/investigations', 'dx-mine', {
          ...base,
          investigatedOn: '2024-07-20',
        })
      ).json().fields[0].field,
    ).toBe('investigatedOn');
    const other = (await call('POST', '/api/hazards', 'yp-mine', MAJOR)).json().id;
    const res = await call('POST', '/api/hazards/investigations', 'dx-mine', {
      ...base,
      investigatedOn: '2024-08-20',
      hazardIds: [other],
    });
    expect(res.json().fields[0].field).toBe('hazardIds');
  });

  it('403 for a regulator', async () => {
    expect(
      (
        await call('POST', '/api/hazards/investigations', 'dx-county', {
          ...base,
          investigatedOn: '2024-08-20',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('records the month with its hazards and fulfils the campaign obligation of that month', async () => {
    const found = (
      await call('POST', '/api/hazards', 'dx-mine', {
        ...MAJOR,
        source: 'monthly_investigation',
        foundOn: '2024-08-20',
      })
    ).json().id;
    const res = await call('POST', '/api/hazards/investigations', 'dx-mine', {
      ...base,
      investigatedOn: '2024-08-20',
      hazardIds: [found],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      month: '2024-08',
      majorHazardsFound: 1,
      hazardIds: [found],
      obligationState: 'submitted',
    });
    const duty = (await call('GET', `/api/duties/${res.json().obligationId}`, 'dx-mine')).json();
    expect(duty).toMatchObject({
      dutyKey: 't10-monthly-investigation',
      periodKey: '2024-08',
      state: 'submitted',
      late: false,
    });
    expect(duty.submissions[0].values).toMatchObject({ majorHazardsFound: 1, investigatedOn: '2024-08-20' });
    expect(
      (
        await call('POST', '/api/hazards/investigations', 'dx-mine', {
          ...base,
          investigatedOn: '2024-08-21',
        })
      ).statusCode,
    ).toBe(409);
    const listed = (await call('GET', '/api/hazards/investigations?month=2024-08', 'dx-county')).json().items;
    expect(listed.map((i: { id: string }) => i.id)).toContain(res.json().id);
    expect((await call('GET', '/api/hazards/investigations', 'yp-mine')).json().items).toHaveLength(0);
  });

  it('a month with no hazards found and no obligation is still recorded', async () => {
    const res = await call('POST', '/api/hazards/investigations', 'yp-mine', {
      ...base,
      month: '2024-07',
      investigatedOn: '2024-07-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ majorHazardsFound: 0, obligationId: null });
  });
});
