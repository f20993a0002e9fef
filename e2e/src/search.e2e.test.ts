import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const MINE = '代县示例东山煤矿';

/** Types a mine's name into the search box, waits for its line, and opens the first result with Enter. */
async function findAndOpen(page: Page) {
  const box = page.getByRole('combobox', { name: '全局搜索' });
  await box.fill('东山');
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list.getByText(MINE).waitFor({ timeout: 30_000 });
  // A county searching a name two counties share sees only its own mine.
  expect(await textOf(list)).not.toContain('原平市示例东山煤矿');
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname.startsWith('/mines/'));
  await page.getByText('统一社会信用代码').first().waitFor({ timeout: 30_000 });
  expect(await textOf(page.locator('.tg-content'))).toContain(MINE);
}

test('a county finds its mine from the header and opens it with Enter', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');
  await findAndOpen(page);
}, 120_000);

test('on a 390 px phone the search opens from an icon and fits the screen', async () => {
  const page = await journey.newPage(PHONE);
  await login(page, 'dx-county');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await findAndOpen(page);
  expect(await page.getByRole('dialog').count()).toBe(0);
}, 120_000);
