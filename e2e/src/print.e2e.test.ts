import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

/** The first record id a list route answers this user with. */
const firstId = (page: Page, path: string) =>
  page.evaluate(async (url) => {
    const body = (await (await fetch(url)).json()) as { items: { id: string }[] };
    return body.items[0]?.id ?? '';
  }, path);

/** On paper: the record and who printed it, no menu, header or buttons; an A4 PDF of it. */
async function expectPrintable(
  page: Page,
  title: RegExp,
  onPaper: { shown?: string[]; hidden?: string[] } = {},
) {
  await page.getByRole('button', { name: /打印/ }).waitFor({ timeout: 30_000 });
  expect(await page.locator('.tg-print-header').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'print' });
  const header = page.locator('.tg-print-header');
  expect(await header.isVisible()).toBe(true);
  expect(await textOf(header.locator('.tg-print-title'))).toMatch(title);
  expect(await textOf(header)).toMatch(
    /打印单位：代县应急管理局.*打印人：.+打印时间：\d{4}-\d\d-\d\d \d\d:\d\d/s,
  );
  for (const hidden of ['.tg-header', '.ant-layout-sider'])
    expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
  expect(await page.getByRole('button', { name: /打印/ }).isVisible()).toBe(false);
  for (const id of onPaper.shown ?? []) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
  for (const id of onPaper.hidden ?? []) expect(await page.getByTestId(id).isVisible(), id).toBe(false);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
}

test('a county prints a hazard with its history, and a notice, as A4 records with who printed them', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');
  await page.goto(`/hazards/${await firstId(page, '/api/hazards?limit=1')}`);
  // The history prints with the record; the actions do not.
  await expectPrintable(page, /隐患登记及治理记录$/, {
    shown: ['hazard-history'],
    hidden: ['hazard-actions'],
  });

  await page.goto(`/notices/${await firstId(page, '/api/notices?box=inbox')}`);
  await expectPrintable(page, /专项活动|通知/);
});
