import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { DRILLS } from './excel.fixtures';
import { MAX_SHEET_ROWS, MAX_UNPACKED_BYTES } from './limits';
import { readImport } from './read';
import { bombXml, handmadeXlsx, sheetXml } from './zip.fixtures';

const HEADER = ['演练名称', '演练类型', '演练日期'];
const drills = (n: number) =>
  Array.from({ length: n }, (_, i) => [`演练${i + 1}`, '实战演练', '2024-08-05'] as const);

/** The 400 an upload gets, naming the file, or a failure if it gets none. */
async function refusal(content: Buffer, fileName = '大.xlsx'): Promise<string> {
  const error = await readImport(DRILLS, { fileName, content }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  if (!(error instanceof AppError)) return '';
  expect(error.fields).toEqual([{ field: 'file', message: error.message }]);
  return error.message;
}

describe('readImport: limits on what one upload may cost', () => {
  it('stops at the first row past the limit, blank rows counted', async () => {
    const xml = sheetXml([HEADER, ...drills(MAX_SHEET_ROWS)]);
    expect(await refusal(handmadeXlsx(xml))).toBe(
      '“大.xlsx”超过20000行（空行也计算在内），一次最多导入5000行，请删除多余的行或分成几个文件',
    );
  });

  it('under the row limit, says how many rows there are and how many one import takes', async () => {
    const xml = sheetXml([HEADER, ...drills(MAX_SHEET_ROWS - 1)]);
    expect(await refusal(handmadeXlsx(xml))).toBe('“大.xlsx”有19999行，一次最多导入5000行，请分成几个文件');
  });

  it('counts cells as Excel lays them out: a row reaching column XFD is 16384 cells', async () => {
    const far = Array.from({ length: 40 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"/></row>`);
    const xml = Buffer.from(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${far.join('')}</sheetData></worksheet>`,
    );
    expect(await refusal(handmadeXlsx(xml))).toBe(
      '“大.xlsx”超过500000个单元格，表格过大，请删除无关的列和空行，或分成几个文件',
    );
  });

  it('refuses a bomb by its declared size, and a zip that lies about it by counting', async () => {
    const bomb = bombXml(MAX_UNPACKED_BYTES + 1024 * 1024);
    const message = '“大.xlsx”表格过大（解压后超过64MB），请删除无关的工作表和图片，或分批导入';
    expect(await refusal(handmadeXlsx(bomb))).toBe(message);
    expect(await refusal(handmadeXlsx(bomb, { claim: 1000 }))).toBe(message);
    expect(await refusal(handmadeXlsx(bombXml(4 * 1024 * 1024)))).toBe(
      '“大.xlsx”的压缩比异常（超过200倍），不像是Excel保存的表格，请用Excel重新保存后上传',
    );
  });

  it('reads a zip with its sizes after each part, as streaming writers make it', async () => {
    const xml = sheetXml([HEADER, ['春季演练', '实战', '2024/8/5']]);
    const { rows } = await readImport(DRILLS, {
      fileName: '流式.xlsx',
      content: handmadeXlsx(xml, { descriptors: true }),
    });
    expect(rows.map((r) => [r.number, r.values, r.problems])).toEqual([
      [2, { title: '春季演练', kind: 'field', heldOn: '2024-08-05' }, []],
    ]);
  });
});
