import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

const menu = (page: Page) => page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');

/** Opens the mine list's region picker and picks a county of the city's own region. */
async function pickDaixian(page: Page) {
  await page.locator('.tg-filters .ant-cascader').click();
  // A city bureau is offered its own city alone, then its counties: nothing of another city.
  const first = menu(page).locator('.ant-cascader-menu').first();
  await first.getByText('忻州市').waitFor();
  expect(await textOf(first)).not.toContain('太原市');
  // Typing a name finds it with its path.
  await page.locator('.tg-filters .ant-cascader input').fill('代县');
  await menu(page).locator('.ant-cascader-menu-item').filter({ hasText: '代县' }).first().click();
  await page.waitForURL((url) => url.searchParams.get('regionCode') === '140923');
}

test('a city bureau filters its mines by a county picked by name; the list sends its code', async () => {
  const page = await journey.newPage();
  await login(page, 'xz-city');
  await page.goto('/mines');
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
  await pickDaixian(page);
  await expect
    .poll(async () => {
      const rows = await page.locator('.ant-table-tbody tr.ant-table-row').allTextContents();
      return rows.length > 0 && rows.every((r) => r.includes('140923 代县'));
    })
    .toBe(true);
  // The picker shows names, not the code.
  expect(await textOf(page.locator('.tg-filters .ant-cascader'))).toContain('代县');
}, 120_000);

test('on a 390 px phone the region picker fits the screen', async () => {
  const page = await journey.newPage(PHONE);
  await login(page, 'xz-city');
  await page.goto('/mines');
  await page.getByRole('button', { name: /筛选/ }).click();
  await pickDaixian(page);
  const box = await menu(page).boundingBox();
  if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}, 120_000);
