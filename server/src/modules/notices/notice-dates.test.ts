import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { MAJOR } from '../hazards/hazard.fixtures';

/** Dates in order, in the server: a reply is not due before the notice is dated; a 督办期限 not past. */
let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2024-08-03T02:00:00.000Z');
  for (const u of ['sx-officer', 'xz-city', 'dx-mine', 'dx-county']) cookies[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const post = (url: string, user: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: { cookie: cookies[user] ?? '' }, payload });
const notice = (over: object = {}) => ({
  docNumber: '晋应急发〔2024〕221号',
  title: '关于开展汛期安全检查的通知',
  issuedOn: '2024-08-01',
  body: '各市应急管理局：请于8月底前完成汛期安全检查。',
  recipients: { kinds: ['city'] },
  ...over,
});
const beforeIssue = { field: 'replyDueAt', message: '回复期限：不能早于成文日期' };

describe('回复期限 not before 成文日期', () => {
  it('issuing: 400 naming 回复期限 for a reply due the day before the notice is dated', async () => {
    const res = await post('/api/notices', 'sx-officer', notice({ replyDueAt: '2024-07-31T23:59:59+08:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([beforeIssue]);
  });

  it('forwarding: 400 the same way; due on the day it is dated is taken', async () => {
    const issued = await post('/api/notices', 'sx-officer', notice());
    expect(issued.statusCode, issued.body).toBe(201);
    const forward = notice({
      docNumber: '忻应急发〔2024〕321号',
      title: '关于转发汛期安全检查通知的通知',
      issuedOn: '2024-08-02',
      recipients: { kinds: ['county'] },
    });
    const url = `/api/notices/${issued.json().id}/forward`;
    // 08-01 23:00 in Beijing is still the day before the forward is dated.
    const early = await post(url, 'xz-city', { ...forward, replyDueAt: '2024-08-01T15:00:00Z' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields).toEqual([beforeIssue]);
    const sameDay = await post(url, 'xz-city', { ...forward, replyDueAt: '2024-08-02T23:59:59+08:00' });
    expect(sameDay.statusCode, sameDay.body).toBe(201);
  });
});

describe('督办期限 not in the past', () => {
  it('400 naming 督办期限 for yesterday; today is taken', async () => {
    const hazard = await post('/api/hazards', 'dx-mine', { ...MAJOR, photos: [], files: [] });
    expect(hazard.statusCode, hazard.body).toBe(201);
    const url = `/api/hazards/${hazard.json().id}/supervision`;
    const past = await post(url, 'dx-county', { deadline: '2024-08-02', reportCadence: 'weekly' });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields).toEqual([{ field: 'deadline', message: '督办期限：不能早于今天' }]);
    const today = await post(url, 'dx-county', { deadline: '2024-08-03', reportCadence: 'weekly' });
    expect(today.statusCode, today.body).toBe(200);
  });
});
