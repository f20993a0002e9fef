import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

test('on a 390×844 phone the menu folds into a toggle and the mine list is usable', async () => {
  const page = await journey.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
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

  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  expect(await rows.count()).toBeGreaterThan(0);
  await expect.poll(() => textOf(page.getByTestId('mine-total')), { timeout: 15_000 }).toMatch(/共 \d+ 座/);
  // The page itself does not scroll sideways; wide tables scroll inside their own box.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // A mine opens from its row.
  await rows.first().getByRole('link').first().click();
  await page.waitForURL((url) => /^\/mines\/[^/]+$/.test(url.pathname));
});
