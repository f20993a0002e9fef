import fs from 'node:fs';
import { USCC_ALPHABET, usccCheckChar } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

const SHEET = '矿山基础信息';

function uscc(serial: string, valid = true): string {
  const first17 = `91140923MA0E3${serial}`;
  const check = usccCheckChar(first17);
  return first17 + (valid ? check : USCC_ALPHABET[(USCC_ALPHABET.indexOf(check) + 1) % USCC_ALPHABET.length]);
}

const ROWS = [
  { 名称: '代县示例导入一号煤矿', 统一社会信用代码: uscc('0001'), 矿长姓名: '贾导入' },
  { 名称: '代县示例导入错码煤矿', 统一社会信用代码: uscc('0002', false), 矿长姓名: '钱错码' },
  { 名称: '代县示例导入三号煤矿', 统一社会信用代码: uscc('0003'), 矿长姓名: '孔导入' },
];
const BAD_ROW = 3; // sheet row of ROWS[1] (row 1 is the header)

async function saved(download: Download): Promise<ExcelJS.Worksheet> {
  const file = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(file) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw new Error(`${download.suggestedFilename()} has no sheet`);
  return sheet;
}

function headerIndex(sheet: ExcelJS.Worksheet): Map<string, number> {
  const index = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => index.set(String(cell.value).trim(), col));
  return index;
}

async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

test('a county imports mines from the template: bad rows come back in a receipt with the reason', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');
  await page.goto('/mines');
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  const before = await textOf(page.getByTestId('mine-total'));

  await page.getByRole('button', { name: /导\s*入/ }).click();
  const modal = page.getByRole('dialog', { name: '导入矿山基础信息' });
  await modal.waitFor();

  // Fill the server's own template, by its column titles.
  const template = await downloadBy(page, () => modal.getByRole('button', { name: /下载模板/ }).click());
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheet = await saved(template);
  const columns = headerIndex(sheet);
  for (const title of [
    '名称',
    '统一社会信用代码',
    '矿山类别',
    '矿山类型',
    '生产状态',
    '矿长姓名',
    '矿长电话',
    '监管部门',
    '行政区划代码',
  ]) {
    expect(columns.has(title), `template column ${title}`).toBe(true);
  }
  ROWS.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    const cells: Record<string, string | number> = {
      ...values,
      矿山类别: '煤矿',
      矿山类型: '井工（地下）矿山',
      生产状态: '生产',
      瓦斯等级: '低瓦斯',
      '设计生产能力(万吨/年)': 90,
      矿长电话: `1390000000${i}`,
      监管部门: '代县应急管理局',
      行政区划代码: '140923',
    };
    for (const [title, value] of Object.entries(cells)) {
      const col = columns.get(title);
      if (col) row.getCell(col).value = value;
    }
    row.commit();
  });
  const buffer = Buffer.from(await sheet.workbook.xlsx.writeBuffer());

  await modal.locator('input[type=file]').setInputFiles({
    name: '代县矿山导入.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });

  // The counts and the failed row with its reason.
  const result = modal.getByTestId('import-result');
  await result.waitFor({ timeout: 30_000 });
  expect(await textOf(result.locator('.ant-alert'))).toContain('共 3 行，成功导入 2 行，失败 1 行');
  const errorRows = result.locator('.ant-table-tbody tr.ant-table-row');
  expect(await errorRows.count()).toBe(1);
  const errorText = await textOf(errorRows);
  expect(errorText).toContain(String(BAD_ROW));
  expect(errorText).toContain('统一社会信用代码');
  expect(errorText).toContain('校验位');

  // The receipt names that row and the reason.
  const receipt = await saved(
    await downloadBy(page, () => modal.getByRole('link', { name: /下载错误回执/ }).click()),
  );
  const receiptColumns = headerIndex(receipt);
  const reasonCol = receiptColumns.get('错误原因');
  const nameCol = receiptColumns.get('名称');
  const usccCol = receiptColumns.get('统一社会信用代码');
  expect(reasonCol && nameCol && usccCol).toBeTruthy();
  const dataRows = receipt.getRows(2, receipt.rowCount - 1) ?? [];
  const failed = dataRows.filter((r) => r.getCell(nameCol!).text !== '');
  expect(failed).toHaveLength(1);
  expect(failed[0]!.getCell(nameCol!).text).toBe(ROWS[1]!.名称);
  expect(failed[0]!.getCell(usccCol!).text).toBe(ROWS[1]!.统一社会信用代码);
  expect(failed[0]!.getCell(reasonCol!).text).toMatch(/统一社会信用代码.*校验位/);

  // The good rows are in the list, the bad one is not.
  await modal.getByRole('button', { name: /关\s*闭/ }).click();
  const list = page.locator('.ant-table-tbody tr.ant-table-row');
  await list.filter({ hasText: ROWS[0]!.名称 }).waitFor();
  await list.filter({ hasText: ROWS[2]!.名称 }).waitFor();
  expect(await list.filter({ hasText: ROWS[1]!.名称 }).count()).toBe(0);
  const count = (text: string) => Number(/共 (\d+) 座/.exec(text)?.[1]);
  await expect
    .poll(async () => count(await textOf(page.getByTestId('mine-total'))), { timeout: 10_000 })
    .toBe(count(before) + 2);
});
