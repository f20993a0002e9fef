import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

test('a page that fails shows 页面出错 with 重试 and 返回首页 inside the app, never the English default', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-mine');
  // An answer the page cannot show (as a broken or stale record would give): the page throws.
  await page.route(/\/api\/obligations\/[^/?]+$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"id":"broken"}' }),
  );
  await page.goto('/duties/broken');
  const card = page.locator('.ant-result').filter({ hasText: '页面出错' });
  await card.waitFor();
  expect(await page.content()).not.toContain('Unexpected Application Error');
  expect(await card.getByRole('button', { name: '重试' }).isVisible()).toBe(true);
  // Inside the app's frame: the menu is still there.
  expect(await page.getByRole('menuitem', { name: /矿山基础信息/ }).isVisible()).toBe(true);

  await card.getByRole('link', { name: '返回首页' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('menuitem', { name: /矿山基础信息/ }).waitFor();
  expect(await page.locator('.ant-result').filter({ hasText: '页面出错' }).count()).toBe(0);
});

test('a page whose code cannot be fetched shows the same card; 重试 loads it once it can be', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');
  await page.route(/\/assets\/orgs-page-[^/]+\.js$/, (route) => route.abort());
  await page.getByRole('menuitem', { name: /组织机构/ }).click();
  const card = page.locator('.ant-result').filter({ hasText: '页面出错' });
  await card.waitFor();
  expect(await textOf(card)).toContain('重试');

  await page.unroute(/\/assets\/orgs-page-[^/]+\.js$/);
  await card.getByRole('button', { name: '重试' }).click();
  await page.locator('.ant-card-head-title').filter({ hasText: '组织机构' }).waitFor();
  await page.getByTestId('joint-issuers').locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  expect(await textOf(page.getByTestId('joint-issuers'))).toContain('国家矿山安全监察局山西局');
});
