import type { HazardFilter, HazardImportResult, HazardListQuery } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import { mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { ExcelFile } from '../mines/mine.excel';
import { insertImportReceipt } from '../mines/mine.repository';
import { cellText, plainValue } from '../mines/mine-excel.columns';
import { isRegulator } from './hazard.present';
import { allHazards, type HazardDeps, insertCheckedHazard, prepareHazard } from './hazard.service';
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  importValues,
  LEDGER_COLUMNS,
  parseHazardRow,
} from './hazard-excel.columns';

const SHEET = '隐患台账';
const ERROR_TITLE = '错误原因';
const MAX_IMPORT_ROWS = 5000;
/** A sheet beyond this is no ledger anyone reads; narrow the filter instead. */
const MAX_EXPORT_ROWS = 50_000;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const chinaDate = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

function styleHeader(row: ExcelJS.Row, red: (i: number) => boolean) {
  row.height = 22;
  row.eachCell((cell, i) => {
    cell.font = { bold: true, color: { argb: red(i) ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

function ledgerSheet(workbook: ExcelJS.Workbook, withLedger: boolean) {
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...IMPORT_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width, style: { numFmt: '@' } })),
    ...(withLedger ? LEDGER_COLUMNS.map((c) => ({ header: c.title, width: c.width })) : []),
  ];
  styleHeader(sheet.getRow(1), (i) => IMPORT_COLUMNS[i - 1]?.required === true);
  return sheet;
}

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

function assertMayImport(actor: Actor) {
  if (actor.orgKind !== 'mine' && !isRegulator(actor))
    throw forbidden('只有矿山企业和监管部门可以导入隐患台账');
}

/** The import template: the ledger's importable columns and a sheet of instructions. */
export async function hazardImportTemplate(_deps: HazardDeps, actor: Actor): Promise<ExcelFile> {
  assertMayImport(actor);
  const workbook = new ExcelJS.Workbook();
  ledgerSheet(workbook, false);
  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [
    { header: '列名', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 80 },
  ];
  styleHeader(guide.getRow(1), () => false);
  for (const c of IMPORT_COLUMNS) guide.addRow([c.title, c.required ? '必填' : '选填', c.note]);
  guide.addRow([]);
  guide.addRow([
    `从第2行起每行填写一项隐患，一次最多${MAX_IMPORT_ROWS}行；导入后隐患为“已登记”状态，整改方案等在系统中逐项办理。`,
  ]);
  guide.addRow(['同一矿山、同一排查时间、内容相同的隐患视为重复，不会重复登记。']);
  return { fileName: '隐患台账导入模板.xlsx', content: await toBuffer(workbook) };
}

async function readSheet({ fileName, content }: ExcelFile) {
  if (!/\.xlsx$/i.test(fileName) || !content.subarray(0, 4).equals(XLSX_MAGIC))
    throw invalidField('file', `“${fileName}”不是.xlsx格式的Excel文件，请下载导入模板填写后上传`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidField('file', `“${fileName}”无法读取，文件可能已损坏，请用Excel重新保存后上传`);
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw invalidField('file', `“${fileName}”是空的`);
  const columns = new Map<number, ImportColumn>();
  sheet.getRow(1).eachCell((cell, i) => {
    const column = IMPORT_COLUMNS.find((c) => c.title === cellText(cell.value).replace(/^\*+|\*+$/g, ''));
    if (column && ![...columns.values()].includes(column)) columns.set(i, column);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && ![...columns.values()].includes(c));
  if (missing.length)
    throw invalidField(
      'file',
      `“${fileName}”第1行缺少列：${missing.map((c) => c.title).join('、')}。请使用导入模板`,
    );
  return { sheet, columns };
}

async function receiptOf(sheet: ExcelJS.Worksheet, errors: HazardImportResult['errors']) {
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.getRow(1);
  const width = header.cellCount;
  const titles = Array.from({ length: width }, (_, i) => cellText(header.getCell(i + 1).value));
  titles.forEach((t, i) => {
    out.getColumn(i + 1).width = IMPORT_COLUMNS.find((c) => c.title === t)?.width ?? 14;
  });
  out.getColumn(width + 1).width = 60;
  out.addRow([...titles, ERROR_TITLE]);
  styleHeader(out.getRow(1), (i) => i === width + 1);
  for (const e of errors) {
    const source = sheet.getRow(e.row);
    const row = out.addRow([...titles.map((_, i) => plainValue(source.getCell(i + 1).value)), e.message]);
    row.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
  }
  return toBuffer(workbook);
}

/** Registers each valid row as a single registration would; keeps a receipt of the rows that failed. */
export async function importHazards(
  deps: HazardDeps,
  actor: Actor,
  upload: ExcelFile,
): Promise<HazardImportResult> {
  assertMayImport(actor);
  const { db, clock } = deps;
  const { sheet, columns } = await readSheet(upload);
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && [...columns.keys()].some((i) => cellText(row.getCell(i).value) !== '')) rows.push(row);
  });
  if (rows.length === 0) throw invalidField('file', `“${upload.fileName}”中没有隐患数据，请从第2行起填写`);
  if (rows.length > MAX_IMPORT_ROWS)
    throw invalidField('file', `“${upload.fileName}”有${rows.length}行，一次最多导入${MAX_IMPORT_ROWS}行`);
  const mines = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.name', 'm.uscc'])
    .where(mineScope(actor))
    .execute();
  const errors: HazardImportResult['errors'] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const { input, mine, problems } = parseHazardRow(row, columns);
    let mineId: string | undefined;
    if (actor.orgKind === 'mine') {
      mineId = actor.orgId;
      const own = mines[0];
      if (mine && own && mine !== own.name && mine.toUpperCase() !== own.uscc)
        problems.push('矿山：只能导入本矿的隐患');
    } else if (!mine) {
      problems.push('矿山：不能为空，请填写矿山名称或统一社会信用代码');
    } else {
      const matches = mines.filter((m) => m.name === mine || m.uscc === mine.toUpperCase());
      if (matches.length === 1) mineId = matches[0]!.id;
      else
        problems.push(
          matches.length
            ? `矿山：“${mine}”有重名，请填写统一社会信用代码`
            : `矿山：“${mine}”不在本单位监管范围内`,
        );
    }
    if (input && mineId && problems.length === 0) {
      const key = `${mineId}|${input.foundOn}|${input.description}`;
      const first = seen.get(key);
      const dup = await db
        .selectFrom('hazards')
        .select('id')
        .where('mine_id', '=', mineId)
        .where('found_on', '=', input.foundOn)
        .where('description', '=', input.description)
        .executeTakeFirst();
      if (first !== undefined) problems.push(`与第${first}行重复`);
      else if (dup) problems.push('与已登记的隐患重复（同一矿山、排查时间和隐患内容）');
      else {
        seen.set(key, row.number);
        try {
          const now = clock.now();
          const full = { ...input, mineId };
          const prepared = await prepareHazard(db, actor, full, now);
          await db
            .transaction()
            .execute((trx) => insertCheckedHazard(trx, actor, full, prepared, now, 'import'));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push(...(error.fields?.map((f) => f.message) ?? [error.message]));
        }
      }
    }
    if (problems.length) errors.push({ row: row.number, message: problems.join('；') });
  }
  const receiptId = errors.length ? newId() : null;
  const receipt = receiptId ? await receiptOf(sheet, errors) : null;
  const counts = { total: rows.length, imported: rows.length - errors.length, failed: errors.length };
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    if (receiptId && receipt)
      await insertImportReceipt(trx, {
        id: receiptId,
        user_id: actor.userId,
        created_at: now.toISOString(),
        file_name: `${upload.fileName.replace(/\.xlsx$/i, '').slice(0, 150)}-错误回执.xlsx`,
        content: receipt,
      });
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'hazard.imported',
        entityType: 'hazard',
        changes: { fileName: upload.fileName, ...counts, receiptId },
      },
      now,
    );
  });
  return { ...counts, receiptId, errors };
}

/** The filtered, scoped ledger as a sheet whose first columns import back. */
export async function exportHazards(
  deps: HazardDeps,
  actor: Actor,
  query: HazardFilter & { sort: HazardListQuery['sort'] },
): Promise<ExcelFile> {
  const { sort, ...filter } = query;
  const workbook = new ExcelJS.Workbook();
  const sheet = ledgerSheet(workbook, true);
  const nowIso = deps.clock.now().toISOString();
  let count = 0;
  for await (const r of allHazards(deps, actor, filter, sort)) {
    if (++count > MAX_EXPORT_ROWS)
      throw invalidField(
        'filter',
        `符合条件的隐患超过${MAX_EXPORT_ROWS}条，请缩小筛选范围（如按地区或时间）后导出`,
      );
    sheet.addRow([...importValues(r), ...LEDGER_COLUMNS.map((c) => c.value(r, nowIso))]);
  }
  const now = deps.clock.now();
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    { action: 'hazard.exported', entityType: 'hazard', changes: { filter: query, count } },
    now,
  );
  return { fileName: `隐患台账-${chinaDate(now)}.xlsx`, content: await toBuffer(workbook) };
}
