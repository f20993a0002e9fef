import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMine } from '../../seed/builders';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { fileRefs, GENERAL, MAJOR, SAMPLE_EVIDENCE } from './hazard.fixtures';

/** Registration, reading in scope, lists, the mine's 停产整顿, extension and recurrence. */
let ctx: TestContext;
const c: Record<string, string> = {};
let dxMine: string;
let ypMine: string;

/** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function at(iso: string) {
  ctx.clock.set(iso);
  for (const u of ['dx-mine', 'dx-county', 'yp-mine', 'grp-a', 'xz-city', 'sx-officer', 'sx-admin'])
    c[u] = await ctx.login(u);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2024-08-01T02:00:00.000Z');
  dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
  ypMine = await orgIdByName(ctx.db, '原平市示例东山煤矿');
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST', url: string, user?: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user ? { cookie: c[user]! } : {}, ...(payload ? { payload } : {}) });
const act = async (id: string, action: keyof typeof SAMPLE_EVIDENCE, user: string, extra: object = {}) =>
  call('POST', `/api/hazards/${id}/actions/${action}`, user, {
    ...SAMPLE_EVIDENCE[action](await fileRefs(ctx, user)),
    ...extra,
  });
const mineStatus = async (id: string) =>
  (await ctx.db.selectFrom('mines').select('status').where('org_id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('POST /api/hazards', () => {
  it('401 without a session', async () => {
    expect((await call('POST', '/api/hazards', undefined, MAJOR)).statusCode).toBe(401);
  });

  it('400 for a major hazard without a category, naming it', async () => {
    const res = await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, categoryCode: undefined });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('categoryCode');
  });

  it('400 for a category of the wrong standard or an unknown situation', async () => {
    const nonmetal = await call('POST', '/api/hazards', 'dx-mine', {
      ...MAJOR,
      categoryCode: 'U01',
      itemCode: null,
    });
    expect(nonmetal.json().fields[0].field).toBe('categoryCode');
    const item = await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, itemCode: 'C09-99' });
    expect(item.json().fields[0].field).toBe('itemCode');
  });

  it('400 for a date in the future, a missing description, a file that is not usable', async () => {
    expect(
      (await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, foundOn: '2030-01-01' })).json().fields[0]
        .field,
    ).toBe('foundOn');
    expect(
      (await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, description: undefined })).json().fields[0]
        .field,
    ).toBe('description');
    const foreign = await fileRefs(ctx, 'yp-mine');
    const res = await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, photos: foreign });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('photos.0.id');
  });

  it('400 for a stop of part of the mine that does not say which part', async () => {
    const res = await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, productionStop: 'area' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({
      field: 'stoppedArea',
      message: expect.stringContaining('停产区域'),
    });
  });

  it('400 when a regulator records a self-check, or gives no mine', async () => {
    expect(
      (await call('POST', '/api/hazards', 'dx-county', { ...MAJOR, mineId: dxMine })).json().fields[0].field,
    ).toBe('source');
    expect(
      (await call('POST', '/api/hazards', 'dx-county', { ...MAJOR, source: 'inspection' })).json().fields[0]
        .field,
    ).toBe('mineId');
  });

  it('403 for a group officer (reads only) and for the administrators', async () => {
    expect((await call('POST', '/api/hazards', 'grp-a', { ...MAJOR, mineId: dxMine })).statusCode).toBe(403);
    expect((await call('GET', '/api/hazards', 'sx-admin')).statusCode).toBe(403);
  });

  it('404 for a mine out of scope', async () => {
    expect((await call('POST', '/api/hazards', 'yp-mine', { ...MAJOR, mineId: dxMine })).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', '/api/hazards', 'dx-county', { ...MAJOR, mineId: ypMine, source: 'inspection' }))
        .statusCode,
    ).toBe(404);
  });

  it('registers a self-reported major hazard with its catalog entry and notifies the regulators', async () => {
    const res = await call('POST', '/api/hazards', 'dx-mine', {
      ...MAJOR,
      photos: await fileRefs(ctx, 'dx-mine'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({
      mineId: dxMine,
      state: 'registered',
      selfReported: true,
      categoryTitle: '有严重水患，未采取有效措施',
      itemText: '在需要探放水的区域进行采掘作业未按照国家规定进行探放水',
      catalogKey: 'coal-major-hazard',
      catalogVersion: 1,
      actions: ['plan'],
      overdue: false,
    });
    expect(h.events).toHaveLength(1);
    const notes = (await call('GET', '/api/notifications', 'dx-county')).json().items;
    expect(notes.some((n: { link: string }) => n.link === `/hazards/${h.id}`)).toBe(true);
  });

  it('an inspection finding registered by a regulator is not self-reported', async () => {
    const res = await call('POST', '/api/hazards', 'dx-county', {
      ...GENERAL,
      mineId: dxMine,
      source: 'inspection',
      foundBy: '刘县局',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ selfReported: false, foundByOrgName: '代县应急管理局' });
  });
});

describe('reading in scope', () => {
  it('yp-mine never sees a 代县 hazard: 404 on read and absent from lists', async () => {
    const id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
    expect((await call('GET', `/api/hazards/${id}`, 'yp-mine')).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/hazards/${id}/actions/plan`, 'yp-mine', SAMPLE_EVIDENCE.plan([]))).statusCode,
    ).toBe(404);
    const list = (await call('GET', '/api/hazards?limit=200', 'yp-mine')).json().items;
    expect(list.every((h: { mineId: string }) => h.mineId === ypMine)).toBe(true);
    for (const u of ['dx-county', 'xz-city', 'sx-officer', 'grp-a'])
      expect((await call('GET', `/api/hazards/${id}`, u)).statusCode, u).toBe(200);
  });
});

describe('GET /api/hazards', () => {
  it('400 for a bad filter', async () => {
    expect((await call('GET', '/api/hazards?level=huge', 'dx-county')).json().fields[0].field).toBe('level');
    expect((await call('GET', '/api/hazards?cursor=zzz', 'dx-county')).json().fields[0].field).toBe('cursor');
  });

  it('filters by level, state, source, text, dates and walks pages by keyset without overlap', async () => {
    for (let i = 1; i <= 5; i++)
      await call('POST', '/api/hazards', 'dx-mine', {
        ...GENERAL,
        description: `分页测试隐患第${i}项`,
        foundOn: `2024-07-0${i}`,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/hazards?q=${encodeURIComponent('分页测试')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call('GET', q, 'dx-county')).json();
      expect(page.total).toBeUndefined();
      seen.push(...page.items.map((h: { foundOn: string }) => h.foundOn));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2024-07-05', '2024-07-04', '2024-07-03', '2024-07-02', '2024-07-01']);
    const ranged = (
      await call(
        'GET',
        '/api/hazards?q=分页测试&foundFrom=2024-07-02&foundTo=2024-07-03&sort=foundOn',
        'dx-county',
      )
    ).json();
    expect(ranged.items.map((h: { foundOn: string }) => h.foundOn)).toEqual(['2024-07-02', '2024-07-03']);
    expect(
      (await call('GET', `/api/hazards/count?q=${encodeURIComponent('分页测试')}`, 'dx-county')).json(),
    ).toEqual({ total: 5, capped: false });
    expect(
      (
        await call(
          'GET',
          '/api/hazards/count?q=分页测试&foundFrom=2024-07-02&foundTo=2024-07-03',
          'dx-county',
        )
      ).json(),
    ).toEqual({ total: 2, capped: false });
    const majors = (
      await call('GET', '/api/hazards?level=major&state=registered&source=self_check&limit=200', 'dx-county')
    ).json();
    expect(majors.items.length).toBeGreaterThan(0);
    expect(
      majors.items.every(
        (h: { level: string; state: string }) => h.level === 'major' && h.state === 'registered',
      ),
    ).toBe(true);
  });

  it('overdue is computed from the time limit, never stored', async () => {
    const id = (
      await call('POST', '/api/hazards', 'dx-mine', { ...GENERAL, description: '逾期测试隐患' })
    ).json().id;
    await act(id, 'startRectification', 'dx-mine', { timeLimit: '2024-08-02' });
    expect(
      (await call('GET', `/api/hazards?q=逾期测试&overdue=true`, 'dx-county')).json().items,
    ).toHaveLength(0);
    await at('2024-08-02T16:00:00.000Z'); // 2024-08-03 00:00 in Shanghai
    const overdue = (await call('GET', `/api/hazards?q=逾期测试&overdue=true`, 'dx-county')).json().items;
    expect(overdue.map((h: { id: string }) => h.id)).toEqual([id]);
    expect(overdue[0].overdue).toBe(true);
    await at('2024-08-01T02:00:00.000Z');
  });
});

describe('the mine registry follows a whole-mine stop', () => {
  it('an ordered stop of part of the mine names the part (400 at area otherwise)', async () => {
    const id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
    const res = await act(id, 'orderStop', 'dx-county', { scope: 'area' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('area');
    const ordered = await act(id, 'orderStop', 'dx-county', { scope: 'area', area: '一采区' });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({ productionStop: 'area', stoppedArea: '一采区' });
    expect(await mineStatus(dxMine)).toBe('producing');
  });

  it('停产整顿 on registration, back to 生产 on the resume consent; closure only after it', async () => {
    expect(await mineStatus(dxMine)).toBe('producing');
    const id = (await call('POST', '/api/hazards', 'dx-mine', { ...MAJOR, productionStop: 'mine' })).json()
      .id;
    expect(await mineStatus(dxMine)).toBe('suspended_rectification');
    // The registry cannot lift the stop around the loop; other fields still save.
    const patch = (payload: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/mines/${dxMine}`,
        headers: { cookie: c['dx-county']! },
        payload,
      });
    const lifted = await patch({ status: 'producing' });
    expect(lifted.statusCode, lifted.body).toBe(400);
    expect(lifted.json().fields[0]).toMatchObject({
      field: 'status',
      message: expect.stringContaining('恢复生产'),
    });
    expect((await patch({ principalPhone: '13900000009' })).statusCode).toBe(200);
    expect(await mineStatus(dxMine)).toBe('suspended_rectification');
    await act(id, 'plan', 'dx-mine');
    await act(id, 'reportProgress', 'dx-mine');
    await act(id, 'declareRectified', 'dx-mine');
    await act(id, 'evaluate', 'dx-mine');
    const early = await act(id, 'close', 'dx-county');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('同意恢复生产');
    expect((await act(id, 'close', 'dx-mine')).statusCode).toBe(403);
    await act(id, 'applyResume', 'dx-mine');
    expect(await mineStatus(dxMine)).toBe('suspended_rectification');
    await act(id, 'approveResume', 'dx-county');
    expect(await mineStatus(dxMine)).toBe('producing');
    const closed = await act(id, 'close', 'dx-county', {
      finderReward: { recipient: '孙安全', amountYuan: 500.5 },
      penalty: { person: '王副矿长', measure: '诫勉谈话' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      state: 'closed',
      closedOn: '2024-08-01',
      daysToClose: 2,
      rootCauseCategory: 'management',
      closure: { finderReward: { amountFen: 50050 }, penalty: { person: '王副矿长' } },
    });
  });
});

describe('extension', () => {
  it('the mine asks for a later time limit; the regulator grants it; a second request waits for a decision', async () => {
    const id = (await call('POST', '/api/hazards', 'dx-mine', MAJOR)).json().id;
    await act(id, 'plan', 'dx-mine', { timeLimit: '2024-08-31', fundsYuan: 1000 });
    const early = await act(id, 'requestExtension', 'dx-mine', { newTimeLimit: '2024-08-15' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields[0].field).toBe('newTimeLimit');
    const asked = await act(id, 'requestExtension', 'dx-mine');
    expect(asked.json().extension).toMatchObject({ requestedUntil: '2024-09-30', reason: '设备到货延迟' });
    expect(asked.json().plan.fundsFen).toBe(100000);
    expect((await act(id, 'requestExtension', 'dx-mine')).statusCode).toBe(409);
    const granted = (await act(id, 'grantExtension', 'dx-county')).json();
    expect(granted.plan.timeLimit).toBe('2024-09-30');
    expect(granted.dueAt).toBe('2024-09-30T15:59:59.000Z');
    expect(granted.extension).toBeNull();
    expect(granted.events.at(-1).evidence).toMatchObject({
      previousTimeLimit: '2024-08-31',
      newTimeLimit: '2024-09-30',
    });
    expect((await act(id, 'refuseExtension', 'dx-county')).statusCode).toBe(409);
  });
});

describe('recurrence (3个月内2次以上发现重大事故隐患仍然生产)', () => {
  it('flags the mine for a closure proposal on the second major hazard found while producing', async () => {
    const county = await orgIdByName(ctx.db, '代县应急管理局');
    const mine = await ctx.db
      .transaction()
      .execute((trx) =>
        buildMine(trx, { supervisorOrgId: county, regionCode: '140923', name: '代县复发测试煤矿' }),
      );
    const register = (extra: object) =>
      call('POST', '/api/hazards', 'dx-county', { ...MAJOR, mineId: mine, source: 'inspection', ...extra });
    expect((await call('GET', `/api/hazards/mines/${mine}/flags`, 'dx-county')).json().closureProposal).toBe(
      false,
    );
    await register({ foundOn: '2024-05-10' });
    // Stopped production does not count, nor does a general hazard.
    await register({ foundOn: '2024-06-01', productionStop: 'area', stoppedArea: '二采区' });
    await register({ ...GENERAL, foundOn: '2024-06-02' });
    expect((await call('GET', `/api/hazards/mines/${mine}/flags`, 'dx-county')).json().closureProposal).toBe(
      false,
    );
    const second = (await register({ foundOn: '2024-07-30' })).json();
    expect(second.recurrenceOf).not.toBeNull();
    const flags = (await call('GET', `/api/hazards/mines/${mine}/flags`, 'dx-county')).json();
    expect(flags).toMatchObject({ closureProposal: true, openMajor: 3 });
    expect(flags.recurrences[0]).toMatchObject({ hazardId: second.id, previousFoundOn: '2024-05-10' });
    expect((await call('GET', `/api/hazards/mines/${mine}/flags`, 'yp-mine')).statusCode).toBe(404);
    const ids = (user: string) =>
      call('GET', '/api/hazards/recurrences', user).then((r) =>
        r.json().items.map((x: { mineId: string }) => x.mineId),
      );
    expect(await ids('xz-city')).toContain(mine);
    expect(await ids('yp-mine')).not.toContain(mine);
  });

  it('a mine not producing by its registry (长期停产) is not flagged', async () => {
    const county = await orgIdByName(ctx.db, '代县应急管理局');
    const mine = await ctx.db.transaction().execute((trx) =>
      buildMine(trx, {
        supervisorOrgId: county,
        regionCode: '140923',
        name: '代县长期停产测试煤矿',
        status: 'long_term_suspended',
      }),
    );
    for (const foundOn of ['2024-05-10', '2024-06-10']) {
      const res = await call('POST', '/api/hazards', 'dx-county', {
        ...MAJOR,
        mineId: mine,
        source: 'inspection',
        foundOn,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().recurrenceOf).toBeNull();
    }
    expect((await call('GET', `/api/hazards/mines/${mine}/flags`, 'dx-county')).json().closureProposal).toBe(
      false,
    );
  });
});
