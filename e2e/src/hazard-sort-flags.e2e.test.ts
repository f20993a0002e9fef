import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, selectOption, textOf, useJourney } from './harness';

const journey = useJourney();

/** The 发现日期 of each row shown, top to bottom. */
function foundDates(page: Page): Promise<string[]> {
  return page
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent?.trim() ?? ''));
}

const ascending = (dates: string[]) => dates.every((d, i) => i === 0 || (dates[i - 1] ?? '') <= d);
const descending = (dates: string[]) => dates.every((d, i) => i === 0 || (dates[i - 1] ?? '') >= d);

/** The value of the Statistic in the 隐患情况 card with this test id, once loaded. */
async function statistic(page: Page, testId: string): Promise<string> {
  const value = page.getByTestId(testId).locator('.ant-statistic-content-value');
  await value.waitFor();
  return textOf(value);
}

/** Opens a mine's page from the 矿山基础信息 list, by the mine's name. */
async function openMine(page: Page, name: string) {
  await page.goto(`/mines?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.waitForURL((url) => /^\/mines\/(?!new)[^/]+$/.test(url.pathname));
  await page.getByTestId('mine-hazard-flags').waitFor();
}

test('the hazard list sorts by 发现日期 from old to new, kept in the URL across a reload', async () => {
  const page = await journey.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/hazards')) requests.push(r.url());
  });
  await login(page, 'dx-county');
  await page.goto('/hazards');
  await page.locator('.ant-table-tbody tr.ant-table-row').nth(1).waitFor();

  // The default order, newest first, says nothing in the URL.
  const before = await foundDates(page);
  expect(before.length).toBeGreaterThan(1);
  expect(descending(before)).toBe(true);
  expect(before[0]).not.toBe(before.at(-1));
  expect(new URL(page.url()).searchParams.has('sort')).toBe(false);

  const listed = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/hazards' && url.searchParams.get('sort') === 'foundOn';
  });
  await selectOption(page, 'sort', '发现日期从旧到新');
  await page.waitForURL((url) => url.searchParams.get('sort') === 'foundOn');
  expect((await listed).status()).toBe(200);
  await expect.poll(async () => ascending(await foundDates(page)), { timeout: 5_000 }).toBe(true);
  const after = await foundDates(page);
  expect((after[0] ?? '') <= (after[1] ?? '')).toBe(true);
  expect(after[0]).toBe([...before].sort()[0]);

  // The export takes the order; the count never does.
  const exported = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/hazards/export');
  await page.getByRole('button', { name: /台账导出/ }).click();
  expect(new URL((await exported).url()).searchParams.get('sort')).toBe('foundOn');

  // A reload reads the order back from the URL: the picker and the rows.
  await page.reload();
  const picker = page.locator('.ant-form-item').filter({ has: page.locator('#sort') });
  await picker.locator('.ant-select-selection-item').filter({ hasText: '发现日期从旧到新' }).waitFor();
  await page.locator('.ant-table-tbody tr.ant-table-row').nth(1).waitFor();
  expect(ascending(await foundDates(page))).toBe(true);

  const counts = requests.filter((u) => new URL(u).pathname === '/api/hazards/count');
  expect(counts.length).toBeGreaterThan(0);
  for (const url of counts) expect(new URL(url).searchParams.has('sort')).toBe(false);
});

test('a mine page shows its hazard flags, and the 提请关闭 warning after a recurrence', async () => {
  // 代县示例东山煤矿 (demo): one open major hazard, under supervision, past its time limit; no recurrence.
  const county = await journey.newPage();
  await login(county, 'dx-county');
  await openMine(county, '代县示例东山煤矿');
  expect(await statistic(county, 'mine-open-major')).toBe('1');
  expect(await statistic(county, 'mine-overdue-major')).toBe('1');
  expect(await county.getByTestId('mine-closure-proposal').count()).toBe(0);
  // The number leads to the same hazards in the register.
  await county.getByTestId('mine-open-major').click();
  await county.waitForURL((url) => url.pathname === '/hazards');
  const params = new URL(county.url()).searchParams;
  expect(params.get('level')).toBe('major');
  expect(params.get('open')).toBe('true');
  expect(params.get('mineId')).toBeTruthy();
  await county.getByTestId('hazard-total').filter({ hasText: '共 1 条' }).waitFor();

  // 原平市示例东山煤矿 (demo): a second major hazard within 3 months while producing.
  const city = await journey.newPage();
  await login(city, 'xz-city');
  await openMine(city, '原平市示例东山煤矿');
  const alert = city.getByTestId('mine-closure-proposal');
  await alert.waitFor();
  expect(await textOf(alert)).toContain('提请关闭');
  await alert.getByRole('link', { name: '2024-05-20 发现' }).waitFor();
  await alert.getByRole('link', { name: '2024-07-15 再次发现' }).click();
  await city.waitForURL((url) => /^\/hazards\/[0-9A-Z]{26}$/.test(url.pathname));
  await city.getByText('1203采煤工作面只有1个畅通的安全出口').first().waitFor();
});
