import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../../testing';
import { MAJOR } from '../hazards/hazard.fixtures';

/** The monthly investigation's reads (list with found hazards, coverage) and the web's abilities. */
let ctx: TestContext;
const c: Record<string, string> = {};
let dxMine: string;
let ypMine: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-09-25T02:00:00.000Z');
  for (const u of ['dx-mine', 'dx-county', 'yp-mine', 'xz-city', 'sx-officer']) c[u] = await ctx.login(u);
  dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
  ypMine = await orgIdByName(ctx.db, '原平市示例东山煤矿');
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST', url: string, user?: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: user ? { cookie: c[user]! } : {}, ...(payload ? { payload } : {}) });

const RECORD = {
  month: '2024-09',
  investigatedOn: '2024-09-20',
  leader: '周矿长',
  scope: '全矿井各系统、各环节',
  participants: '总工程师、各科室负责人',
};

describe('GET /api/hazards/investigations', () => {
  it('401 without a session', async () => {
    expect((await call('GET', '/api/hazards/investigations')).statusCode).toBe(401);
  });

  it('400 for a month that is not YYYY-MM', async () => {
    const res = await call('GET', '/api/hazards/investigations?month=2024-13', 'dx-county');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('month');
  });

  it('404 for a mine filter out of scope', async () => {
    expect((await call('GET', `/api/hazards/investigations?mineId=${ypMine}`, 'dx-county')).statusCode).toBe(
      404,
    );
  });

  it('tells the web who records: a mine may, a regulator may not', async () => {
    expect((await call('GET', '/api/hazards/investigations', 'dx-mine')).json().canRecord).toBe(true);
    expect((await call('GET', '/api/hazards/investigations', 'dx-county')).json().canRecord).toBe(false);
  });

  it('lists a record with the hazards it found, for the mine and its regulators only', async () => {
    const found = (
      await call('POST', '/api/hazards', 'dx-mine', {
        ...MAJOR,
        source: 'monthly_investigation',
        foundOn: '2024-09-18',
      })
    ).json().id;
    const res = await call('POST', '/api/hazards/investigations', 'dx-mine', {
      ...RECORD,
      hazardIds: [found],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().hazards).toEqual([
      { id: found, level: 'major', description: MAJOR.description, state: 'registered' },
    ]);
    const county = (
      await call('GET', `/api/hazards/investigations?month=2024-09&mineId=${dxMine}`, 'dx-county')
    ).json().items;
    expect(county).toHaveLength(1);
    expect(county[0]).toMatchObject({ mineName: '代县示例东山煤矿', majorHazardsFound: 1 });
    expect(county[0].hazards[0].id).toBe(found);
    expect((await call('GET', '/api/hazards/investigations?month=2024-09', 'yp-mine')).json().items).toEqual(
      [],
    );
  });

  it('a second record of the same month answers 409 at the month field', async () => {
    const res = await call('POST', '/api/hazards/investigations', 'dx-mine', {
      ...RECORD,
      investigatedOn: '2024-09-21',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().fields).toEqual([{ field: 'month', message: '2024-09的月度排查已记录' }]);
  });
});

describe('GET /api/hazards/investigations/coverage', () => {
  it('401 without a session', async () => {
    expect((await call('GET', '/api/hazards/investigations/coverage?month=2024-09')).statusCode).toBe(401);
  });

  it('400 without a month', async () => {
    const res = await call('GET', '/api/hazards/investigations/coverage', 'dx-county');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('month');
  });

  it('404 for a mine filter out of scope', async () => {
    const res = await call(
      'GET',
      `/api/hazards/investigations/coverage?month=2024-09&mineId=${ypMine}`,
      'dx-county',
    );
    expect(res.statusCode).toBe(404);
  });

  it('names the mines in scope that have not recorded the month', async () => {
    const county = (
      await call('GET', '/api/hazards/investigations/coverage?month=2024-09', 'dx-county')
    ).json();
    expect(county.recorded).toBe(1);
    expect(county.mines).toBe(county.recorded + county.notRecorded.length);
    expect(county.notRecorded.map((m: { mineId: string }) => m.mineId)).not.toContain(dxMine);
    const august = (
      await call('GET', '/api/hazards/investigations/coverage?month=2024-08', 'dx-county')
    ).json();
    expect(august.recorded).toBe(0);
    expect(august.notRecorded.map((m: { mineId: string }) => m.mineId)).toContain(dxMine);
    const city = (await call('GET', '/api/hazards/investigations/coverage?month=2024-09', 'xz-city')).json();
    expect(city.mines).toBeGreaterThan(county.mines);
    expect(city.notRecorded.map((m: { mineId: string }) => m.mineId)).toContain(ypMine);
    const own = (await call('GET', '/api/hazards/investigations/coverage?month=2024-09', 'yp-mine')).json();
    expect(own).toEqual({
      month: '2024-09',
      mines: 1,
      recorded: 0,
      notRecorded: [{ mineId: ypMine, mineName: '原平市示例东山煤矿', regionCode: expect.any(String) }],
    });
  });
});

describe('GET /api/hazards/catalogs', () => {
  it('tells the web who uploads versions: a province officer, not a city or a mine', async () => {
    const canUpload = async (user: string) =>
      (await call('GET', '/api/hazards/catalogs', user)).json().canUpload as boolean;
    expect(await canUpload('sx-officer')).toBe(true);
    expect(await canUpload('xz-city')).toBe(false);
    expect(await canUpload('dx-mine')).toBe(false);
  });

  it('shows the maintenance notes to the province maintainers only: no note, confidence or web address for the others', async () => {
    for (const key of ['nonmetal-major-hazard', 'coal-major-hazard']) {
      const standard = async (user: string) =>
        (await call('GET', `/api/hazards/catalogs/${key}`, user)).json();
      const whole = JSON.stringify(await standard('sx-officer'));
      expect(whole).toMatch(/https?:\/\//);
      for (const user of ['xz-city', 'dx-county', 'dx-mine']) {
        const read = await standard(user);
        expect(JSON.stringify(read), user).not.toMatch(/https?:\/\/|"note":|"confidence":/);
        expect(read.source, user).not.toBe('');
        for (const c of read.categories) expect(c.source, `${user} ${c.code}`).toMatch(/\S/);
      }
    }
  });
});
