import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { multipart, type TestContext } from './index';

/**
 * Records the demo lacks, made through the API as their users make them, so every kind the scope
 * matrix knows has records whose visibility differs between accounts: a draft campaign (its issuer
 * only), monthly investigations of two mines, import receipts of two users, an inactive mine.
 */
export async function addScopeFixtures(ctx: TestContext): Promise<void> {
  const as = async (username: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const cookie = await ctx.login(username);
    const res = await ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${username} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };

  // A draft needs a plan without an unfinished campaign: the next version of the demo's plan.
  const [plan] = (await as('sx-officer', 'GET', '/api/plans')).json().items;
  const content = (await as('sx-officer', 'GET', `/api/plans/${plan.id}`)).json();
  const next = (
    await as('sx-officer', 'POST', '/api/plans', { ...content, version: content.version + 1 })
  ).json();
  await as('sx-officer', 'POST', '/api/campaigns', { planId: next.id, title: '示例专项活动（草稿）' });

  for (const username of ['dx-mine', 'yp-mine'])
    await as(username, 'POST', '/api/hazards/investigations', {
      month: '2024-07',
      investigatedOn: '2024-07-20',
      leader: '示例矿长',
      scope: '全矿井',
      participants: '矿长、总工程师、安全科',
    });

  for (const [username, records] of [
    ['dx-county', 'mines'],
    ['dx-mine', 'hazards'],
  ] as const) {
    const template = new ExcelJS.Workbook();
    await template.xlsx.read(
      Readable.from([(await as(username, 'GET', `/api/${records}/import-template`)).rawPayload]),
    );
    template.worksheets[0]?.addRow(['不完整的一行']);
    const file = Buffer.from(await template.xlsx.writeBuffer());
    const cookie = await ctx.login(username);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/${records}/import`,
      ...multipart('台账.xlsx', file),
      headers: { ...multipart('台账.xlsx', file).headers, cookie },
    });
    if (!res.json().receiptId)
      throw new Error(`${username} import of ${records} kept no receipt: ${res.body}`);
  }

  const mines = (await as('dx-county', 'GET', '/api/mines?sort=-name')).json().items;
  const last = mines.find((m: { id: string; name: string }) => !m.name.includes('东山'));
  await as('dx-county', 'POST', `/api/mines/${last.id}/deactivate`);
}
