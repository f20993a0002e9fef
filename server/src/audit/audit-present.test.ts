import { auditChangeLines, recordKindLabel } from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgIdByName, type TestContext } from '../testing';

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
