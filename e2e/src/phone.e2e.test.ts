import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const WIDE = { viewport: { width: 1440, height: 900 } };

test('on a 390×844 phone the menu folds into a toggle and the mine list is usable', async () => {
  const page = await journey.newPage(PHONE);
  await login(page, 'dx-county');

  const toggle = page.getByRole('button', { name: '打开菜单' });
  await toggle.waitFor();
  expect(await toggle.isVisible()).toBe(true);
  // The wide-screen side menu is not there; the drawer opens from the toggle.
  expect(await page.locator('.ant-layout-sider').count()).toBe(0);
  await toggle.click();
  const drawer = page.locator('.ant-drawer-content');
  await drawer.getByRole('menuitem', { name: /矿山基础信息/ }).click();
  await page.waitForURL((url) => url.pathname === '/mines');
  await drawer.waitFor({ state: 'hidden' });

  // Each mine is a card, not a row of a sideways table.
  const rows = page.locator('.tg-row-card');
  await rows.first().waitFor();
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await page.locator('.ant-table').count()).toBe(0);
  await expect.poll(() => textOf(page.getByTestId('mine-total')), { timeout: 15_000 }).toMatch(/共 \d+ 座/);
  // The page itself does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // A mine opens from its card.
  await rows.first().getByRole('link').first().click();
  await page.waitForURL((url) => /^\/mines\/[^/]+$/.test(url.pathname));
});

test('on a phone the hazard list is cards with state and 整改时限, its filters behind one 筛选 button', async () => {
  const page = await journey.newPage(PHONE);
  await login(page, 'dx-county');
  await page.goto('/hazards');
  const cards = page.locator('.tg-row-card');
  await cards.first().waitFor();
  // No filter field shows until 筛选 opens them.
  expect(await page.locator('.tg-filters').count()).toBe(0);
  const first = textOf(cards.first());
  expect(await first).toMatch(/整改时限/);
  expect(await cards.first().locator('.tg-row-card-state .ant-tag').count()).toBeGreaterThan(0);

  await page.getByRole('button', { name: /筛\s*选/ }).click();
  const drawer = page.locator('.ant-drawer-content').filter({ hasText: '筛选' });
  await drawer.locator('.tg-filters').waitFor();
  await drawer
    .locator('.ant-form-item')
    .filter({ has: page.locator('#state') })
    .locator('.ant-select-selector')
    .click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: '已销号' })
    .click();
  await page.waitForURL((url) => url.searchParams.get('state') === 'closed');
  await drawer.locator('.ant-drawer-close').click();
  await drawer.waitFor({ state: 'hidden' });
  await expect
    .poll(async () => (await cards.allTextContents()).every((t) => t.includes('已销号')))
    .toBe(true);
  expect(await cards.count()).toBeGreaterThan(0);
});

/** Whether a header cell of the table is wholly inside the table's visible box. */
async function headerOnScreen(page: Page, testId: string | null, title: string): Promise<boolean> {
  const table = testId ? page.getByTestId(testId) : page.locator('.ant-table').first();
  const header = table
    .locator('th.ant-table-cell')
    .filter({ hasText: new RegExp(`^${title}$`) })
    .first();
  await header.waitFor();
  const [cell, box] = await Promise.all([
    header.boundingBox(),
    table.locator('.ant-table-container').first().boundingBox(),
  ]);
  return !!cell && !!box && cell.x >= box.x - 1 && cell.x + cell.width <= box.x + box.width + 1;
}

test('at 1440 px the columns that decide an action stay on screen in the hazard, notice and mine lists', async () => {
  const page = await journey.newPage(WIDE);
  await login(page, 'dx-county');
  await page.goto('/hazards');
  await page.getByTestId('hazard-table').locator('tr.ant-table-row').first().waitFor();
  expect(await headerOnScreen(page, 'hazard-table', '状态')).toBe(true);
  expect(await headerOnScreen(page, 'hazard-table', '整改时限')).toBe(true);

  await page.goto('/notices');
  await page.locator('.ant-table tr.ant-table-row').first().waitFor();
  for (const title of ['成文日期', '回复期限', '状态'])
    expect(await headerOnScreen(page, null, title)).toBe(true);

  await page.goto('/mines');
  await page.locator('.ant-table tr.ant-table-row').first().waitFor();
  expect(await headerOnScreen(page, null, '状态')).toBe(true);
});

/** The login page's background and where its card sits. */
function loginLayout(page: Page) {
  return page.evaluate(() => {
    const frame = document.querySelector('.tg-center')?.getBoundingClientRect();
    const card = document.querySelector('.tg-center .ant-card')?.getBoundingClientRect();
    return {
      background: frame ? { width: frame.width, height: frame.height } : null,
      left: card ? card.left : -1,
      right: card ? window.innerWidth - card.right : -2,
      top: card ? card.top : -1,
      bottom: card ? window.innerHeight - card.bottom : -2,
      screen: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

test('the login page fills the screen with its background and centres its card, wide and on a phone', async () => {
  for (const screen of [WIDE, PHONE]) {
    const page = await journey.newPage(screen);
    await page.goto('/login');
    await page.locator('#username').waitFor();
    const layout = await loginLayout(page);
    expect(layout.background).toEqual(layout.screen);
    expect(Math.abs(layout.left - layout.right)).toBeLessThanOrEqual(1);
    expect(Math.abs(layout.top - layout.bottom)).toBeLessThanOrEqual(1);
  }
});
