import {
  apiFunctionName,
  auditChangeLines,
  auditValueWords,
  LABELLED_VALUE_KEYS,
  recordKindLabel,
} from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../testing';
import { documentedRoutes } from '../testing/openapi';

let ctx: TestContext;
let auditor: string;
let mineId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await ctx.login('sx-audit');
  mineId = await orgIdByName(ctx.db, '代县示例东山煤矿');
  const res = await ctx.app.inject({
    method: 'PATCH',
    url: `/api/mines/${mineId}`,
    headers: { cookie: await ctx.login('dx-mine') },
    payload: { principalPhone: '13700001111' },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe('the audit log as a person reads it', () => {
  it('names the record, and a changed field by its label with what it was and is', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit/events?action=mine.updated&entityId=${mineId}`,
      headers: { cookie: auditor },
    });
    const [event] = res.json().items;
    expect(event).toMatchObject({ entityType: 'mine', entityId: mineId, entityName: '代县示例东山煤矿' });
    expect(recordKindLabel(event.entityType)).toBe('矿山');
    const [line] = auditChangeLines(event.changes);
    expect(line).toMatch(/^矿长电话：.+ → 13700001111$/);
  });

  it('has a Chinese name for every key the demo’s events record', async () => {
    const rows = await ctx.db.selectFrom('audit_events').select(['action', 'changes']).execute();
    const unnamed = rows.flatMap((r) =>
      auditChangeLines(r.changes === null ? null : JSON.parse(r.changes))
        .filter((line) => line.startsWith('其他：'))
        .map((line) => `${r.action} ${line}`),
    );
    expect(unnamed).toEqual([]);
  });

  it('shows every recorded value of an enumerated kind by its label, and every route by its page', async () => {
    // Refusals record a route with its query, a method, a status and an error code.
    const mine = await ctx.login('dx-mine');
    for (const url of [
      '/api/users?limit=50',
      '/api/audit/events?limit=50',
      `/api/hazards/01NOSUCHHAZARD?x=1`,
    ])
      await ctx.app.inject({ method: 'GET', url, headers: { cookie: mine } });
    const rows = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'changes'])
      .execute();
    const raw: string[] = [];
    const walk = (action: string, entityType: string | null, key: string, value: unknown, method: string) => {
      if (Array.isArray(value)) for (const v of value) walk(action, entityType, key, v, method);
      else if (typeof value === 'object' && value !== null) {
        const own = Object.entries(value);
        const inner = String(own.find(([k]) => k === 'method')?.[1] ?? method);
        for (const [k, v] of own) walk(action, entityType, k, v, inner);
      } else if (typeof value === 'string' && LABELLED_VALUE_KEYS.includes(key)) {
        const words = auditValueWords(key, value, { entityType, method });
        if (words === value) raw.push(`${action} ${key}=${value}`);
      } else if (typeof value === 'string' && ['url', 'route', 'lastUrl'].includes(key)) {
        const words = auditValueWords(key, value, { entityType, method });
        if (words.startsWith('接口') || words.includes('?')) raw.push(`${action} ${key}=${value} → ${words}`);
      }
    };
    for (const r of rows)
      walk(r.action, r.entity_type, '', r.changes === null ? null : JSON.parse(r.changes), '');
    expect(raw).toEqual([]);
    const denied = rows
      .filter((r) => r.action === 'access.denied')
      .map((r) => auditChangeLines(JSON.parse(r.changes ?? '{}')).join('；'));
    expect(denied).toContain('请求方法：查看；页面或功能：用户管理；拒绝原因：无权限');
  });

  it('exports values in words beside the raw changes, and names the records the changes name', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit/events.csv?action=hazard.registered',
      headers: { cookie: auditor },
    });
    const rows = res.body.replace('\uFEFF', '').split('\r\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    const words = rows.map((row) => row.split('","')[9] ?? '');
    expect(words.every((w) => /隐患等级：(重大|一般)事故隐患/.test(w))).toBe(true);
    // A mine by its name, not its id.
    expect(words.some((w) => /(^|；)矿山：[^；0-9A-Z]+(；|$)/.test(w))).toBe(true);
    expect(words.join('')).not.toMatch(/矿山：[0-9A-Z]{26}/);
    expect(words.join('')).not.toMatch(/major|general|self_check|inspection|"mineId"/);
    // 变更原文 keeps the changes as recorded.
    expect(res.body).toMatch(/""level"":""(major|general)""/);
  });

  it('names every route of the API document by its page or function', async () => {
    const unnamed = (await documentedRoutes(ctx.app))
      .map((r) => `${r.method} ${r.path}`)
      .filter((route) => {
        const [method = '', path = ''] = route.split(' ');
        return apiFunctionName(method, path).startsWith('接口');
      });
    expect(unnamed).toEqual([]);
    expect(apiFunctionName('GET', '/api/notices?box=inbox&limit=50')).toBe('通知公文（收文）');
    expect(apiFunctionName('GET', '/api/notices?box=sent')).toBe('通知公文（发文）');
    expect(apiFunctionName('GET', '/api/hazards/count?level=major')).toBe('隐患治理');
    expect(apiFunctionName('GET', '/api/hazards/01J3XWJWZJDYEHJ7TAGVXMB1VA')).toBe('查看隐患');
    expect(apiFunctionName('GET', '/api/nothing/here?secret=1')).toBe('接口 /api/nothing/here');
  });

  it('exports Beijing time with its offset, the record kind and name in Chinese, and the changes in words', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit/events.csv?action=mine.updated&entityId=${mineId}`,
      headers: { cookie: auditor },
    });
    const [header, row] = res.body.replace('\uFEFF', '').split('\r\n');
    expect(header).toContain('"时间（北京时间）"');
    expect(row).toMatch(/^"\d+","\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+08:00"/);
    expect(row).toContain('"矿山","代县示例东山煤矿"');
    expect(row).toMatch(/"矿长电话：[^"]* → 13700001111"/);
  });
});
