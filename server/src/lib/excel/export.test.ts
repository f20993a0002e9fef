import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { invalidField } from '../errors';
import { DRILLS, readXlsx } from './excel.fixtures';
import { type ExportSheet, exportXlsx, registerCells, writeXlsx } from './export';
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

const SPEC: ExportSheet<Drill> = {
  sheet: DRILLS.sheet,
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
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      ...DRILLS.columns.map((c) => c.header),
      '登记时间',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
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
    expect(sheet.getColumn(3).numFmt).toBe('@');
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
    expect(sheet.actualRowCount).toBe(20_001);
    expect(sheet.getRow(20_001).getCell(1).value).toBe('演练20000');
  });
});
