import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { fieldError, login, textOf, useJourney } from './harness';

const journey = useJourney();

const MONTH = '2024-12';
const MINE = '代县示例东山煤矿';
const FOUND = '月度排查发现：3105掘进工作面探放水钻孔数量不足（验收）';
const SCOPE = '全矿井采掘、通风、瓦斯、防治水、机电运输各系统（验收）';

/**
 * Types a date (or a month) into an antd picker, which turns its panel there, and picks that cell:
 * Enter would also submit the form around the picker. The panel may still move as it turns (on a
 * loaded CI machine a click once picked the cell a week above), so a wrong pick is typed again.
 */
async function typeDate(page: Page, id: string, value: string) {
  const input = page.locator(`#${id}`);
  const cell = page.locator(`.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="${value}"]`);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await input.click();
    await input.fill(value);
    await cell.click();
    if ((await input.inputValue()) === value) break;
  }
  expect(await input.inputValue()).toBe(value);
}

const coverage = (page: Page) => page.getByTestId('investigation-coverage');
const rows = (page: Page) =>
  page.getByTestId('investigation-table').locator('.ant-table-tbody tr.ant-table-row');

/** The 月度排查 page of the month, reached from the hazard register's toolbar. */
async function openInvestigations(page: Page) {
  await page.getByRole('menuitem', { name: /隐患治理/ }).click();
  await page.waitForURL((url) => url.pathname === '/hazards');
  await page.getByRole('button', { name: /月度排查/ }).click();
  await page.waitForURL((url) => url.pathname === '/hazards/investigations');
  await coverage(page).waitFor();
}

test('a mine records its monthly major-hazard investigation; the duty is submitted and the county sees it', {
  timeout: 240_000,
}, async () => {
  // The county: 代县's mine has not recorded December yet.
  const county = await journey.newPage();
  await login(county, 'dx-county');
  await openInvestigations(county);
  await typeDate(county, 'filterMonth', MONTH);
  await county.waitForURL((url) => url.searchParams.get('month') === MONTH);
  await coverage(county)
    .filter({ hasText: `${MONTH}：范围内` })
    .waitFor();
  const before = await textOf(coverage(county));
  expect(await textOf(county.getByTestId('investigation-not-recorded'))).toContain(MINE);
  const recordedBefore = Number(/已记录 (\d+) 座/.exec(before)?.[1]);

  // The mine registered what the investigation found (the register's own journey covers that form).
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  const registered = await mine.evaluate(async (description) => {
    const res = await fetch('/api/hazards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        level: 'major',
        categoryCode: 'C09',
        itemCode: 'C09-3',
        description,
        location: '井下3105掘进工作面',
        foundOn: '2024-12-10',
        foundBy: '周矿长',
        source: 'monthly_investigation',
      }),
    });
    return res.status;
  }, FOUND);
  expect(registered).toBe(201);

  // The mine opens the form from the page and records December.
  await openInvestigations(mine);
  await mine.getByRole('button', { name: /记录月度排查/ }).click();
  await mine.waitForURL((url) => url.pathname === '/hazards/investigations/new');
  await mine.getByText('记录主要负责人月度重大事故隐患排查').waitFor();
  await typeDate(mine, 'month', MONTH);
  await mine.locator('#leader').fill('周矿长');
  await mine.locator('#participants').fill('总工程师、安全副矿长、各专业技术人员');
  await mine.locator('#scope').fill(SCOPE);
  // The month's hazards load after the month is picked; the select takes clicks once it has them.
  const hazards = mine.locator('.ant-form-item').filter({ has: mine.locator('#hazardIds') });
  await hazards.locator('.ant-select:not(.ant-select-loading)').waitFor();
  await hazards.locator('.ant-select-selector').click();
  await mine.locator('.ant-select-item-option').filter({ hasText: FOUND }).click();
  await mine.keyboard.press('Escape');

  // A date outside the month: the server's answer lands at the date field.
  await typeDate(mine, 'investigatedOn', '2025-01-05');
  await mine.getByRole('button', { name: /记\s*录/ }).click();
  await fieldError(mine, 'investigatedOn').first().waitFor();
  expect(await textOf(fieldError(mine, 'investigatedOn'))).toContain(`须在${MONTH}月内`);
  expect(new URL(mine.url()).pathname).toBe('/hazards/investigations/new');

  await typeDate(mine, 'investigatedOn', '2024-12-20');
  await mine.getByRole('button', { name: /记\s*录/ }).click();
  await mine.waitForURL((url) => url.pathname === '/hazards/investigations');
  await coverage(mine)
    .filter({ hasText: `${MONTH} 的月度排查已记录` })
    .waitFor();
  const row = rows(mine).filter({ hasText: MONTH });
  await row.waitFor();
  const rowText = await textOf(row);
  expect(rowText).toContain('2024-12-20');
  expect(rowText).toContain('重大 1 项');
  expect(rowText).toContain('已报送待审核');

  // 我的任务: December's duty of task 10 is submitted.
  await mine.getByRole('menuitem', { name: /我的任务/ }).click();
  await mine.waitForURL((url) => url.pathname === '/duties');
  const duty = mine
    .locator('.ant-table-tbody tr.ant-table-row')
    .filter({ hasText: '主要负责人每月组织1次全系统重大事故隐患排查' })
    .filter({ hasText: '2024年12月' });
  await duty.waitFor();
  expect(await textOf(duty)).toContain('已报送待审核');

  // The county: the mine has left the not-recorded list, and its record opens to what it found.
  await county.reload();
  await coverage(county)
    .filter({ hasText: `已记录 ${recordedBefore + 1} 座` })
    .waitFor();
  const missing = county.getByTestId('investigation-not-recorded');
  if (await missing.count()) expect(await textOf(missing)).not.toContain(MINE);
  // The mine filter narrows the list to the one mine.
  const minePicker = county.locator('.ant-select').filter({ has: county.locator('#filterMineId') });
  await minePicker.locator('.ant-select-selector').click();
  await county.locator('#filterMineId').fill('代县示例');
  await county
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${MINE}$`) })
    .click();
  await county.waitForURL((url) => url.searchParams.has('mineId'));
  await coverage(county).filter({ hasText: '范围内 1 座矿山，已记录 1 座' }).waitFor();
  await expect.poll(() => rows(county).count()).toBe(1);
  const record = rows(county).first();
  expect(await textOf(record)).toContain(MINE);
  await record.locator('.ant-table-row-expand-icon').click();
  const details = county.getByTestId('investigation-table').locator('.ant-table-expanded-row');
  await details.filter({ hasText: SCOPE }).waitFor();
  expect(await textOf(details)).toContain(FOUND);

  // 原平's mine does not see 代县's record.
  const other = await journey.newPage();
  await login(other, 'yp-mine');
  await other.goto(`/hazards/investigations?month=${MONTH}`);
  await coverage(other).filter({ hasText: '尚未记录' }).waitFor();
  await other.getByTestId('investigation-table').getByText('没有排查记录').waitFor();
});
