import path from 'node:path';
import { withDatabaseOwner } from '@tiegui/server/testing';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

test('the auditor verifies the log, and sees every break once someone has edited the database', async () => {
  const page = await journey.newPage();
  await login(page, 'sx-audit');
  await page.goto('/audit');
  // The page's chunk, the list and its rows can take longer than the default on a busy machine.
  await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
  const verify = page.getByRole('button', { name: /校验完整性/ });
  const result = page.getByTestId('audit-verify-result');
  await verify.click();
  await result.waitFor({ timeout: 30_000 });
  expect(await textOf(result)).toMatch(/^校验通过：共校验 \d+ 条记录.*哈希链完整，未发现篡改。$/);
  await result.locator('.ant-alert-close-icon').click();
  await result.waitFor({ state: 'detached' });

  // Two rows edited by someone who holds the database file (and lifts its guards to do it).
  await withDatabaseOwner(path.join(journey.server.dataDir, 'tiegui.sqlite'), async (db) => {
    await db.updateTable('audit_events').set({ entity_id: '伪造' }).where('seq', '=', 3).execute();
    await db.updateTable('audit_events').set({ actor_username: 'nobody' }).where('seq', '=', 7).execute();
  });
  await verify.click();
  await result.waitFor({ timeout: 30_000 });
  expect(await textOf(result.locator('.ant-alert-message'))).toMatch(
    /^校验未通过：共校验 \d+ 条记录.*发现 2 处问题。$/,
  );
  const rows = result.getByTestId('audit-verify-breaks').locator('tbody tr.ant-table-row');
  expect(await rows.allInnerTexts()).toEqual([
    expect.stringMatching(/^3\s+记录被修改\s+第3号记录的内容与其哈希不符（记录被修改）$/),
    expect.stringMatching(/^7\s+记录被修改\s+第7号记录的内容与其哈希不符（记录被修改）$/),
  ]);
});

test('the auditor reads a change as a person would: the record by its name with a link, each field by its label', async () => {
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  const status = await mine.evaluate(async () => {
    const list = (await (await fetch('/api/mines')).json()) as { items: { id: string }[] };
    const res = await fetch(`/api/mines/${list.items[0]?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ principalPhone: '13700002222' }),
    });
    return res.status;
  });
  expect(status).toBe(200);

  const page = await journey.newPage();
  await login(page, 'sx-audit');
  await page.goto('/audit');
  const row = page.locator('.ant-table-row', { hasText: '矿长电话' }).first();
  await row.waitFor({ timeout: 30_000 });
  const link = row.getByRole('link', { name: '代县示例东山煤矿' });
  expect(await link.getAttribute('href')).toMatch(/^\/mines\/\w+$/);
  expect(await textOf(row)).toMatch(/矿山：代县示例东山煤矿.*矿长电话：\S+ → 13700002222/s);
  // No record key, id or JSON is what the auditor reads.
  expect(await textOf(row)).not.toMatch(/principalPhone|[{}"]/);
});
