import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { confirm, fieldError, login, selectOption, textOf, typeDate, useJourney } from './harness';

const journey = useJourney();

const DESCRIPTION = '3号煤层掘进工作面前方未按规定探放水即组织掘进作业（验收）';
const HAZARD_PATH = /^\/hazards\/[0-9A-Z]{26}$/;
// A 1×1 PNG: the server checks uploads by content, so it must be a real one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const shanghaiDate = (offsetDays: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** The 动态清零 board's big number: open major hazards in the user's jurisdiction. */
async function openMajor(page: Page): Promise<number> {
  await page.goto('/hazards/dashboard');
  const value = page.getByTestId('dashboard-open-major').locator('.ant-statistic-content-value');
  await value.waitFor();
  return Number(await textOf(value));
}

/** Uploads a small PNG through the attachments input of the form field with this id. */
async function uploadPng(page: Page, id: string, name: string) {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  await item.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });
  await item.locator('a[href^="/api/files/"]').filter({ hasText: name }).waitFor();
}

const actions = (page: Page) => page.getByTestId('hazard-actions');
const dialog = (page: Page) => page.getByRole('dialog');

/** Opens the action's modal from its button (the server's `actions[]`). */
async function openAction(page: Page, label: string) {
  await actions(page).getByRole('button', { name: label, exact: true }).click();
  await dialog(page).getByText(label).first().waitFor();
}

async function submitAndExpectState(page: Page, state: string) {
  await dialog(page)
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await dialog(page).waitFor({ state: 'detached' });
  await page.getByTestId('hazard-state').filter({ hasText: state }).waitFor();
}

test('a major hazard runs its loop from registration to 销号, and the board counts it', {
  timeout: 300_000,
}, async () => {
  const county = await journey.newPage();
  await login(county, 'dx-county');
  const before = await openMajor(county);

  // 登记: dx-mine registers a major hazard with a photo, production stopped in the whole mine.
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  await mine.getByRole('menuitem', { name: /隐患治理/ }).click();
  await mine.waitForURL((url) => url.pathname === '/hazards');
  await mine.getByRole('button', { name: /登记隐患/ }).click();
  await mine.waitForURL((url) => url.pathname === '/hazards/new');
  // The cascader stays disabled until the mine's standard has loaded; a click before that is lost.
  const category = mine.locator('.ant-form-item').filter({ has: mine.locator('#categoryCode') });
  await category.locator('.ant-select:not(.ant-select-disabled)').waitFor();
  // A click while the form is still settling (the mine's facts arriving) can leave the menu shut:
  // open it until it shows.
  const standardItem = mine
    .locator('.ant-cascader-menu-item')
    .filter({ hasText: '煤矿重大事故隐患判定标准' });
  await expect
    .poll(
      async () => {
        if (!(await standardItem.isVisible())) await category.locator('.ant-select-selector').click();
        return standardItem.isVisible();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
  await standardItem.click();
  await mine.locator('.ant-cascader-menu-item').filter({ hasText: '有严重水患' }).click();
  await mine.locator('.ant-cascader-menu').nth(2).locator('.ant-cascader-menu-item').first().click();
  await mine.locator('#description').fill(DESCRIPTION);
  await mine.locator('#location').fill('井下3105掘进工作面');
  await mine.getByLabel('全矿停产').check();
  await uploadPng(mine, 'photos', '现场照片.png');
  await mine.getByRole('button', { name: /登\s*记/ }).click();
  // A major hazard is registered only once its registration is confirmed.
  await confirm(mine, /确认登记/);
  await mine.waitForURL((url) => HAZARD_PATH.test(url.pathname));
  const hazardUrl = new URL(mine.url()).pathname;
  await mine.getByTestId('hazard-state').filter({ hasText: '已登记' }).waitFor();
  expect(await textOf(mine.getByTestId('hazard-facts'))).toContain('现场照片.png');

  expect(await openMajor(county)).toBe(before + 1);
  // By region: open now next to found in the window, each column saying which it counts.
  await county.getByRole('columnheader', { name: '未销号' }).waitFor();
  await county.getByRole('columnheader', { name: '近12个月发现' }).waitFor();

  // 五落实 without the funds: the server's answer lands at the field; then with them.
  await mine.goto(hazardUrl);
  await openAction(mine, '制定治理方案（五落实）');
  await mine.locator('#responsibleUnit').fill('地测防治水科');
  await mine.locator('#responsiblePerson').fill('周矿长');
  await mine.locator('#measures').fill('按设计施工探放水钻孔，疏放至安全水压后再掘进。');
  await typeDate(mine, 'timeLimit', shanghaiDate(30));
  await mine.locator('#contingencyPlan').fill('启动水害应急预案，撤出受威胁区域人员。');
  await mine.locator('#goal').fill('消除水害威胁。');
  await mine.locator('#methods').fill('探放水与加强管理相结合。');
  await mine.locator('#organisation').fill('矿长任组长，总工程师具体负责。');
  await mine.locator('#safetyMeasures').fill('施工区域设警戒，专人监护。');
  await dialog(mine)
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await fieldError(mine, 'fundsYuan').first().waitFor();
  expect(await textOf(fieldError(mine, 'fundsYuan'))).toContain('整改资金');
  await mine.locator('#fundsYuan').fill('185000');
  await submitAndExpectState(mine, '已制定治理方案');

  await openAction(mine, '报告整改进展');
  await mine.locator('#progress').fill('已施工探放水钻孔8个。');
  await uploadPng(mine, 'photos', '进展照片.png');
  await submitAndExpectState(mine, '整改中');

  await openAction(mine, '报告整改完成');
  await mine.locator('#summary').fill('探放水工程完成，水压降至安全值。');
  await uploadPng(mine, 'files', '验收记录.png');
  await submitAndExpectState(mine, '已整改待评估');

  await openAction(mine, '评估通过');
  await selectOption(mine, 'evaluatorKind', '具备资质的安全评价机构');
  await mine.locator('#evaluator').fill('山西某安全评价有限公司');
  await mine.locator('#conclusion').fill('整改到位，具备安全条件。');
  await uploadPng(mine, 'reportFiles', '评估报告.png');
  await submitAndExpectState(mine, '已评估');

  await openAction(mine, '申请恢复生产');
  await mine.locator('#application').fill('整改完成并经评估，申请恢复生产。');
  await uploadPng(mine, 'files', '恢复生产申请.png');
  await submitAndExpectState(mine, '已申请恢复生产');

  // The county consents to resuming.
  await county.goto(hazardUrl);
  await openAction(county, '同意恢复生产');
  await county.locator('#opinion').fill('经现场核查，同意恢复生产。');
  await submitAndExpectState(county, '已同意恢复生产');

  // The mine cannot close a major hazard: no button, and the server refuses the action itself.
  await mine.reload();
  await mine.getByTestId('hazard-state').filter({ hasText: '已同意恢复生产' }).waitFor();
  expect(await actions(mine).getByRole('button', { name: '核查销号' }).count()).toBe(0);
  const status = await mine.evaluate(async (path) => {
    const res = await fetch(`/api${path}/actions/close`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        verificationNote: '自行销号',
        rootCauseCategory: 'management',
        rootCause: '试图自行销号',
      }),
    });
    return res.status;
  }, hazardUrl);
  expect([403, 404]).toContain(status);

  // 销号 by the county with the root cause.
  await county.reload();
  await openAction(county, '核查销号');
  await county.locator('#verificationNote').fill('现场核查探放水钻孔和记录，符合要求。');
  await selectOption(county, 'rootCauseCategory', '安全管理制度缺失或执行不到位');
  await county.locator('#rootCause').fill('探放水管理制度执行不到位。');
  await submitAndExpectState(county, '已销号');
  const history = await textOf(county.getByTestId('hazard-history'));
  for (const label of [
    '制定治理方案',
    '报告整改进展',
    '报告整改完成',
    '评估通过',
    '申请恢复生产',
    '同意恢复生产',
    '核查销号',
  ])
    expect(history).toContain(label);

  expect(await openMajor(county)).toBe(before);

  // 原平's mine never sees it: not in its list, and its address answers not found.
  const other = await journey.newPage();
  await login(other, 'yp-mine');
  await other.goto('/hazards');
  // The count comes beside the page: a mine's few hazards all fit the first page.
  const totals = other.getByTestId('hazard-total').filter({ hasText: '共' });
  await totals.waitFor();
  const [, counted, shown] = /共 ([\d,]+) 条，已显示 (\d+) 条/.exec((await totals.textContent()) ?? '') ?? [];
  expect(Number(counted?.replace(/,/g, ''))).toBe(Number(shown));
  expect(await other.locator('.ant-table-tbody').textContent()).not.toContain(DESCRIPTION);
  await other.goto(hazardUrl);
  await other.getByText('隐患不存在或无权查看').waitFor();
});
