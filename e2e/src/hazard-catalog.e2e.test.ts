import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { fieldError, login, textOf, useJourney } from './harness';

const journey = useJourney();

const STANDARD = '金属非金属矿山重大事故隐患判定标准';
const CATEGORY = 'U13';
const SITUATION = '自然发火征兆未及时处理，仍在发火区域组织作业（验收补全）';
const SOURCE = '矿安〔2022〕88号 一、地下矿山(十三)（验收核对）';

/** The 判定标准 page, reached from the hazard register's toolbar. */
async function openCatalogs(page: Page) {
  await page.getByRole('menuitem', { name: /隐患治理/ }).click();
  await page.waitForURL((url) => url.pathname === '/hazards');
  await page.getByRole('button', { name: /判定标准/ }).click();
  await page.waitForURL((url) => url.pathname === '/hazards/catalogs');
}

/** Picks a standard in the page's selector once the list of standards has loaded. */
async function pickStandard(page: Page, title: string) {
  const select = page
    .locator('.ant-select:not(.ant-select-disabled)')
    .filter({ has: page.locator('#catalogKey') });
  await select.locator('.ant-select-selector').click();
  await page.locator('.ant-select-item-option').filter({ hasText: title }).click();
  await page.getByTestId('catalog-facts').filter({ hasText: title }).waitFor();
}

const facts = (page: Page) => page.getByTestId('catalog-facts');
const categoryRow = (page: Page, code: string) =>
  page
    .getByTestId('catalog-categories')
    .locator('tr.ant-table-row')
    .filter({ hasText: new RegExp(`^${code}`) });

test('a province officer completes a category of a standard as its next version; a city reads it', {
  timeout: 180_000,
}, async () => {
  // The city reads the standards but edits nothing.
  const city = await journey.newPage();
  await login(city, 'xz-city');
  await openCatalogs(city);
  await pickStandard(city, STANDARD);
  await categoryRow(city, CATEGORY).waitFor();
  expect(await city.getByRole('button', { name: /编辑/ }).count()).toBe(0);

  // The province sees U13 incomplete, with no situation listed.
  const province = await journey.newPage();
  await login(province, 'sx-officer');
  await openCatalogs(province);
  await pickStandard(province, STANDARD);
  await facts(province).filter({ hasText: '第 1 版' }).waitFor();
  const openBefore = Number(/(\d+) 类待补全/.exec(await textOf(facts(province)))?.[1]);
  expect(openBefore).toBeGreaterThan(0);
  const row = categoryRow(province, CATEGORY);
  expect(await textOf(row)).toContain('待补全');

  // It adds the situation with its source and marks the category complete.
  await row.getByRole('button', { name: `编辑 ${CATEGORY}` }).click();
  const editor = province.getByTestId('catalog-editor');
  await editor.getByText(`编辑类别 ${CATEGORY}`).waitFor();
  await editor.getByRole('button', { name: /添加情形/ }).click();
  const item = editor.getByTestId('catalog-item-row').last();
  await item.getByLabel('情形', { exact: true }).fill(SITUATION);
  await item.getByLabel('来源', { exact: true }).fill(SOURCE);
  expect(await item.getByLabel('编码', { exact: true }).inputValue()).toBe(`${CATEGORY}-1`);
  await editor.getByLabel('本类别的具体情形已核对原文补全').check();

  // A version that is not higher than the stored one: the server's answer lands at the field.
  await province.locator('#version').fill('1');
  await editor.getByRole('button', { name: /保存为新版本/ }).click();
  await fieldError(province, 'version').first().waitFor();
  expect(await textOf(fieldError(province, 'version'))).toContain('版本号须大于现有版本1');

  await province.locator('#version').fill('2');
  await editor.getByRole('button', { name: /保存为新版本/ }).click();
  await editor.waitFor({ state: 'detached' });
  await facts(province).filter({ hasText: '第 2 版' }).waitFor();
  expect(
    await textOf(province.locator('.ant-select').filter({ has: province.locator('#catalogVersion') })),
  ).toContain('第 2 版');
  expect(await textOf(facts(province))).toContain(openBefore > 1 ? `${openBefore - 1} 类待补全` : '已补全');
  const saved = categoryRow(province, CATEGORY);
  expect(await textOf(saved)).toContain('已补全');
  await saved.locator('.ant-table-row-expand-icon').click();
  await province.getByText(SITUATION).waitFor();
  expect(await textOf(province.getByTestId('catalog-categories'))).toContain(SOURCE);

  // The earlier version stays readable as it was.
  const versions = province.locator('.ant-select').filter({ has: province.locator('#catalogVersion') });
  await versions.locator('.ant-select-selector').click();
  await province.locator('.ant-select-item-option').filter({ hasText: '第 1 版' }).click();
  await facts(province).filter({ hasText: '第 1 版' }).waitFor();
  expect(await textOf(categoryRow(province, CATEGORY))).toContain('待补全');
  expect(await province.getByRole('button', { name: `编辑 ${CATEGORY}` }).count()).toBe(0);

  // The city now reads version 2, still without editing.
  await city.reload();
  await pickStandard(city, STANDARD);
  await facts(city).filter({ hasText: '第 2 版' }).waitFor();
  // Which categories were to be completed, and from which web pages, is the maintainers' business.
  expect(await textOf(categoryRow(city, CATEGORY))).not.toMatch(/补全/);
  expect(await textOf(city.getByTestId('catalog-facts'))).not.toMatch(/完整性|补全|未经核实|https?:/);
  expect(await textOf(city.getByTestId('catalog-categories'))).not.toMatch(/完整性|https?:/);
  expect(await city.getByRole('button', { name: /编辑/ }).count()).toBe(0);
});
