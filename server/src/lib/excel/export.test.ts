import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { invalidField } from '../errors';
import { DRILLS, readXlsx } from './excel.fixtures';
import { type ExportSheet, exportXlsx, registerCells, registerExport, writeXlsx } from './export';
import { LEDGER_HEADER_ROW, originLine } from './ledger';
import { readImport } from './read';
import { sheetColumns } from './workbook';

interface Drill {
  title: string;
  kind: string;
  heldOn: string;
  people: number | null;
  evaluated: boolean;
  unitName: string | null;
}

const AT = new Date('2026-12-06T13:30:00Z');
const SPEC: ExportSheet<Drill> = {
  sheet: DRILLS.sheet,
  title: '应急演练台账',
  origin: originLine({ filters: [['演练类型', '实战演练']], at: AT, org: '代县应急管理局' }),
  columns: [...sheetColumns(DRILLS.columns), { header: '登记时间', width: 20 }],
  row: (d) => [...registerCells(DRILLS.columns, { ...d, unit: d.unitName }), '2024-08-01 10:00:00'],
};

function* drills(n: number): Generator<Drill> {
  for (let i = 1; i <= n; i++) {
    yield {
      title: `演练${i}`,
      kind: i % 2 ? 'field' : 'tabletop',
      heldOn: '2024-08-05',
      people: i % 3 ? i : null,
      evaluated: i % 2 === 0,
      unitName: '代县应急管理局',
    };
  }
}

describe('exportXlsx', () => {
  it('writes records as the template has them, so the export imports back', async () => {
    const { content, count } = await exportXlsx(SPEC, drills(3));
    expect(count).toBe(3);
    const sheet = (await readXlsx(content)).getWorksheet('应急演练台账')!;
    expect((sheet.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      '序号',
      ...DRILLS.columns.map((c) => c.header),
      '登记时间',
    ]);
    expect((sheet.getRow(LEDGER_HEADER_ROW + 1).values as unknown[]).slice(1)).toEqual([
      1,
      '演练1',
      '实战演练',
      '2024-08-05',
      1,
      undefined,
      '否',
      '代县应急管理局',
      undefined,
      '2024-08-01 10:00:00',
    ]);
    expect(sheet.getColumn(4).numFmt).toBe('@');
    const back = await readImport(DRILLS, { fileName: '导出.xlsx', content });
    expect(back.rows.map((r) => r.problems)).toEqual([[], [], []]);
    expect(back.rows[1]!.values).toEqual({
      title: '演练2',
      kind: 'tabletop',
      heldOn: '2024-08-05',
      people: 2,
      evaluated: true,
      unit: 'org-dx',
    });
  });

  it('passes on an error of the records, such as a refusal of too many', async () => {
    async function* tooMany() {
      yield* drills(2);
      throw invalidField('filter', '符合条件的演练太多，请缩小筛选范围后导出');
    }
    await expect(exportXlsx(SPEC, tooMany())).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('a ledger fit to print', () => {
  it('heads the sheet with its title and what produced it, merged across the columns', async () => {
    const { content } = await exportXlsx(SPEC, drills(2));
    const sheet = (await readXlsx(content)).getWorksheet('应急演练台账')!;
    const columns = DRILLS.columns.length + 2;
    expect(sheet.getCell(1, 1).value).toBe('应急演练台账');
    expect(sheet.getCell(1, 1).font).toMatchObject({ bold: true, size: 16 });
    expect(sheet.getCell(2, 1).value).toBe(
      '筛选：演练类型 实战演练；导出时间 2026-12-06 21:30（北京时间）；导出单位 代县应急管理局',
    );
    expect(sheet.model.merges).toEqual(
      expect.arrayContaining([
        `A1:${sheet.getColumn(columns).letter}1`,
        `A2:${sheet.getColumn(columns).letter}2`,
      ]),
    );
    expect(sheet.getCell(LEDGER_HEADER_ROW, 1).value).toBe('序号');
    expect([4, 5].map((r) => sheet.getCell(r, 1).value)).toEqual([1, 2]);
  });

  it('prints on A4 landscape, one page wide, its heading on every page and page numbers below', async () => {
    const { content } = await exportXlsx(SPEC, drills(2));
    const sheet = (await readXlsx(content)).getWorksheet('应急演练台账')!;
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:3',
    });
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    expect(sheet.headerFooter.oddFooter).toContain('&N');
  });

  it('says 全部 when nothing was filtered', () => {
    expect(originLine({ filters: [], at: AT, org: '忻州市应急管理局' })).toBe(
      '筛选：全部；导出时间 2026-12-06 21:30（北京时间）；导出单位 忻州市应急管理局',
    );
  });

  it('writes a code’s name in its own column beside it, which an import passes over', async () => {
    const ledger = registerExport(DRILLS.columns, [{ code: 'code', header: '编号名称' }]);
    const spec: ExportSheet<Drill & { code: string }> = {
      ...SPEC,
      columns: ledger.columns,
      row: (d) => ledger.cells({ ...d, unit: d.unitName }, { code: `${d.code}号演练` }),
    };
    const rows = [...drills(2)].map((d, i) => ({ ...d, code: `00000${i + 1}` }));
    const { content } = await exportXlsx(spec, rows);
    const sheet = (await readXlsx(content)).getWorksheet('应急演练台账')!;
    const header = (sheet.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1);
    expect(header.slice(-2)).toEqual(['编号', '编号名称']);
    expect((sheet.getRow(LEDGER_HEADER_ROW + 2).values as unknown[]).slice(-2)).toEqual([
      '000002',
      '000002号演练',
    ]);
    const back = await readImport(DRILLS, { fileName: '导出.xlsx', content });
    expect(back.rows.map((r) => [r.number, r.problems, r.values.code])).toEqual([
      [4, [], '000001'],
      [5, [], '000002'],
    ]);
  });
});

describe('writeXlsx', () => {
  it('streams: the file’s bytes flow out while the records are still being read', async () => {
    let written = 0;
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        chunks.push(chunk);
        done();
      },
    });
    let writtenBeforeLast = -1;
    async function* slowly() {
      let i = 0;
      for (const drill of drills(20_000)) {
        if (++i === 20_000) writtenBeforeLast = written;
        yield drill;
      }
    }
    const count = await writeXlsx(out, SPEC, slowly());
    expect(count).toBe(20_000);
    // Not just the zip's first header: a good part of the sheet is out before its last row is read.
    expect(writtenBeforeLast).toBeGreaterThan(written / 10);
    expect(writtenBeforeLast).toBeLessThan(written);
    const sheet = (await readXlsx(Buffer.concat(chunks))).worksheets[0]!;
    expect(sheet.actualRowCount).toBe(LEDGER_HEADER_ROW + 20_000);
    expect(sheet.getRow(LEDGER_HEADER_ROW + 20_000).getCell(1).value).toBe(20_000);
    expect(sheet.getRow(LEDGER_HEADER_ROW + 20_000).getCell(2).value).toBe('演练20000');
  });
});
