import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { answerOf, confirm, fieldError, login, textOf, typeDate, useJourney } from './harness';

// The demo campaign starts as a draft, so the journey begins with the province launching it.
const journey = useJourney({ env: { TIEGUI_DEMO_CAMPAIGN: 'draft' } });

const DUTY = '主要负责人履职情况自查自纠整改报告';
const DUTY_KEY = 't3-principal-selfcheck';
const MINE = '代县示例东山煤矿';
const RETURN_COMMENT = '带班下井记录的整改时限过长，请压缩到10月底前';

async function openDuty(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: /我的任务/ }).click();
  await page.waitForURL((url) => url.pathname === '/duties');
  await page.getByRole('link', { name: DUTY }).first().click();
  await page.waitForURL((url) => /^\/duties\/[^/]+$/.test(url.pathname));
  await page.getByTestId('duty-title').filter({ hasText: DUTY }).waitFor();
  return new URL(page.url()).pathname;
}

async function stateOf(page: Page) {
  return textOf(page.getByTestId('duty-state'));
}

/** The mine-level row of the duty's board table: [应报, 待报送, 已报送待审核, 已通过, 已退回, 逾期未报, 逾期报送]. */
async function mineCounts(page: Page, campaignPath: string): Promise<number[]> {
  await page.goto(`${campaignPath}?tab=board`);
  const row = page.getByTestId(`board-duty-${DUTY_KEY}`).locator('tr[data-row-key="mine"]');
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  return cells.slice(1).map((c) => Number(c.trim()));
}

test('a campaign from launch to an accepted self-check report, with the board agreeing at every level', async () => {
  // 1. The province launches the draft campaign; the confirmation says how many duties it generated.
  const officer = await journey.newPage();
  await login(officer, 'sx-officer');
  await officer.getByRole('menuitem', { name: /专项活动/ }).click();
  await officer.waitForURL((url) => url.pathname === '/campaigns');
  await officer.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  expect(await textOf(officer.locator('.ant-table-tbody tr.ant-table-row').first())).toContain('草稿');
  await officer.locator('.ant-table-tbody a').first().click();
  await officer.waitForURL((url) => /^\/campaigns\/[^/]+$/.test(url.pathname));
  const campaignPath = new URL(officer.url()).pathname;
  const activated = answerOf(officer, 'POST', /\/activate$/);
  await officer.getByRole('button', { name: /启\s*动/ }).click();
  await confirm(officer, /启\s*动/);
  const { obligations } = (await (await activated).json()) as { obligations: number };
  expect(obligations).toBeGreaterThan(0);
  const success = officer.locator('.ant-modal-confirm-success');
  await success.waitFor();
  expect(await textOf(success)).toContain(`生成 ${obligations} 项任务`);
  await success.getByRole('button').click();
  await officer.locator('.ant-card-head').getByText('进行中').waitFor();

  // 2. The mine opens the duty: both recipients are named, and a missing field is refused at the field.
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  const dutyPath = await openDuty(mine);
  const recipients = await textOf(mine.getByTestId('duty-recipients'));
  expect(recipients).toContain('代县应急管理局');
  expect(recipients).toContain('忻州监察执法处');

  await mine.locator('#oneTeam').getByText('是', { exact: true }).click();
  await mine.locator('#chairman').getByText('未设董事长').click();
  await mine.getByRole('button', { name: /添加一行/ }).click();
  await mine.locator('#rectifications_0_problem').fill('带班下井记录不完整');
  await mine.locator('#rectifications_0_measure').fill('完善带班下井记录台账');
  await mine.locator('#rectifications_0_owner').fill('孙安全');
  const refused = answerOf(mine, 'POST', /\/submit$/);
  await mine.getByRole('button', { name: /报\s*送$/ }).click();
  const refusal = await refused;
  expect(refusal.status()).toBe(400);
  const fields = ((await refusal.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
  expect(fields).toEqual(expect.arrayContaining(['summary', 'rectifications.0.dueOn']));
  await fieldError(mine, 'summary').first().waitFor();
  expect(await textOf(fieldError(mine, 'summary'))).toContain('必填');
  expect(await textOf(fieldError(mine, 'rectifications_0_dueOn'))).toContain('必填');
  expect(await stateOf(mine)).toContain('待报送');

  // Completed, it goes out (after a confirmation naming the recipients).
  await mine.locator('#summary').fill('主要负责人按规定带班下井，每月组织重大事故隐患排查。');
  await expect.poll(() => fieldError(mine, 'summary').count()).toBe(0);
  await typeDate(mine, 'rectifications_0_dueOn', '2024-12-15');
  const submitted = answerOf(mine, 'POST', /\/submit$/);
  await mine.getByRole('button', { name: /报\s*送$/ }).click();
  await confirm(mine, /报\s*送/);
  expect((await submitted).status()).toBe(200);
  await expect.poll(() => stateOf(mine)).toContain('已报送待审核');
  await expect.poll(() => stateOf(mine)).toContain('逾期报送');

  // 3. The county hears of it through the bell, refuses a return without a reason, then returns it.
  const county = await journey.newPage();
  await login(county, 'dx-county');
  await county.getByRole('button', { name: /通知，[1-9]\d*条未读/ }).click();
  await county.getByTestId('notification-list').getByText(`${MINE}报送了`).first().click();
  await county.waitForURL((url) => url.pathname === dutyPath);
  const review = county.getByTestId('duty-review');
  await review.waitFor();
  expect(await textOf(review)).toContain('带班下井记录不完整');
  await county.getByRole('button', { name: /退\s*回/ }).click();
  await fieldError(county, 'comment').first().waitFor();
  expect(await textOf(fieldError(county, 'comment'))).toContain('退回时须说明原因');
  await county.locator('#comment').fill(RETURN_COMMENT);
  const returned = answerOf(county, 'POST', /\/return$/);
  await county.getByRole('button', { name: /退\s*回/ }).click();
  expect((await returned).status()).toBe(200);
  await expect.poll(() => stateOf(county)).toContain('已退回');

  // 4. The mine sees why, fixes the due date in the values it sent, and submits again.
  await mine.reload();
  await mine.getByTestId('duty-returned').waitFor();
  expect(await textOf(mine.getByTestId('duty-returned'))).toContain(RETURN_COMMENT);
  expect(await mine.locator('#summary').inputValue()).toContain('带班下井');
  await typeDate(mine, 'rectifications_0_dueOn', '2024-10-31');
  const resubmitted = answerOf(mine, 'POST', /\/submit$/);
  await mine.getByRole('button', { name: /报\s*送$/ }).click();
  await confirm(mine, /报\s*送/);
  const detail = (await (await resubmitted).json()) as {
    submissions: { version: number; values: { rectifications: { dueOn: string }[] } }[];
  };
  expect(detail.submissions[0]?.version).toBe(2);
  expect(detail.submissions[0]?.values.rectifications[0]?.dueOn).toBe('2024-10-31');
  await expect.poll(() => stateOf(mine)).toContain('已报送待审核');

  // 5. The county accepts it from its review list; the history keeps both versions and the comment.
  await county.getByRole('menuitem', { name: /我的任务/ }).click();
  await county.getByRole('tab', { name: /待审核/ }).click();
  await county.getByRole('row').filter({ hasText: MINE }).getByRole('link', { name: DUTY }).click();
  await county.waitForURL((url) => url.pathname === dutyPath);
  const accepted = answerOf(county, 'POST', /\/accept$/);
  await county.getByRole('button', { name: /审核通过/ }).click();
  expect((await accepted).status()).toBe(200);
  await expect.poll(() => stateOf(county)).toContain('已通过');
  const history = county.getByTestId('duty-history');
  expect(await textOf(history)).toContain('第2版');
  expect(await textOf(history)).toContain(RETURN_COMMENT);

  // 6. The board at city and province level: the same figures for this duty's mines, one accepted.
  const city = await journey.newPage();
  await login(city, 'xz-city');
  const atCity = await mineCounts(city, campaignPath);
  const atProvince = await mineCounts(officer, campaignPath);
  // 已报送待审核, 已通过, 已退回, 逾期报送 — the rest differ only by how many mines each level sees.
  const shared = (c: number[]) => [c[2], c[3], c[4], c[6]];
  expect(shared(atCity)).toEqual([0, 1, 0, 1]);
  expect(shared(atProvince)).toEqual(shared(atCity));
  expect(atProvince[0]).toBeGreaterThanOrEqual(atCity[0] ?? 0);

  // The figure opens the org behind it, which links to the duty.
  await city.getByTestId(`board-${DUTY_KEY}-mine-accepted`).click();
  const drawer = city.getByTestId('board-orgs');
  await drawer.getByRole('link', { name: MINE }).click();
  await city.waitForURL((url) => url.pathname === dutyPath);
  expect(await stateOf(city)).toContain('已通过');
}, 180_000);
