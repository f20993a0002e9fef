import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

test('a mine lands on 今日工作: the hazard waiting for it, the notice to sign, and 逾期未报 opens the filtered list', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-mine');
  expect(new URL(page.url()).pathname).toBe('/');
  const hazards = page.getByTestId('today-hazards');
  await hazards.locator('a[href^="/hazards/"]').first().waitFor({ timeout: 30_000 });
  expect(await textOf(hazards)).toContain('待报告整改完成');
  expect(await textOf(page.getByTestId('today-notices'))).toContain('待签收');
  // A mine's org tree held only itself: no 组织机构 in its menu.
  expect(await page.getByRole('menuitem', { name: /组织机构/ }).count()).toBe(0);

  await page.getByTestId('home-overdue-duties').click();
  await page.waitForURL((url) => url.pathname === '/duties' && url.searchParams.get('overdue') === 'true');
  await expect.poll(() => page.getByRole('checkbox', { name: '只看逾期' }).isChecked()).toBe(true);
  await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
  expect(await textOf(page.locator('.ant-table-tbody'))).toContain('逾期');
}, 120_000);

test("a group sees its mines' duties; the 三员 land on their own pages", async () => {
  const group = await journey.newPage();
  await login(group, 'grp-a');
  const card = group.getByTestId('today-mine-duties');
  await card.waitFor({ timeout: 30_000 });
  await card.getByRole('link', { name: /待报送/ }).click();
  await group.waitForURL((url) => url.searchParams.get('tab') === 'mines');
  await group.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
  expect(await textOf(group.locator('.ant-table-tbody'))).toContain('示例');

  const admin = await journey.newPage();
  await login(admin, 'sx-admin');
  await admin.waitForURL((url) => url.pathname === '/users');
}, 120_000);

test('the province board ranks its cities and drills into a city’s counties', async () => {
  const page = await journey.newPage();
  await login(page, 'sx-officer');
  // The regions most behind come first; each opens the board at that region.
  const behind = page.getByTestId('today-behind');
  await behind.locator('a').first().waitFor({ timeout: 30_000 });
  await behind.locator('a').first().click();
  await page.waitForURL((url) => /^14\d\d00$/.test(url.searchParams.get('region') ?? ''));
  const regions = page.getByTestId('board-regions');
  await regions.getByRole('link', { name: '本辖区' }).click();
  await page.waitForURL((url) => url.searchParams.get('region') === null);
  await regions.getByRole('link', { name: '忻州市' }).click();
  await page.waitForURL((url) => url.searchParams.get('region') === '140900');
  await regions.getByText('代县').waitFor({ timeout: 30_000 });
  expect(await textOf(regions)).toContain('原平市');
}, 120_000);
