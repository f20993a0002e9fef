import {
  type HazardFilter,
  type HazardImportResult,
  type HazardListQuery,
  ZHazardCreate,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import { beijingFileDay } from '../../lib/beijing';
import { forbidden, invalidField } from '../../lib/errors';
import { type ExcelFile, exportXlsx, importRows, importTemplate, recordOf } from '../../lib/excel';
import { standardVersion } from '../hazard-catalog/hazard-catalog.service';
import { isRegulator } from './hazard.present';
import type { HazardRow } from './hazard.repository';
import { allHazards, type HazardDeps, insertCheckedHazard, prepareHazard } from './hazard.service';
import { exportColumns, type HazardNames, hazardRegister, ledgerRow } from './hazard-excel.columns';
import { hazardExportOrigin, hazardLedgerTitle } from './hazard-excel.origin';
import { findSameHazard, minesForImport } from './hazard-mine.repository';

/** A sheet beyond this is no ledger anyone reads; narrow the filter instead. */
const MAX_EXPORT_ROWS = 50_000;

function assertMayImport(actor: Actor) {
  if (actor.orgKind !== 'mine' && !isRegulator(actor))
    throw forbidden('只有矿山企业和监管部门可以导入隐患台账');
}

/** The import template: the ledger's importable columns, their dropdowns and a sheet of instructions. */
export async function hazardImportTemplate(_deps: HazardDeps, actor: Actor): Promise<ExcelFile> {
  assertMayImport(actor);
  return importTemplate(hazardRegister);
}

/** Registers each valid row as a single registration would; keeps a receipt of the rows that failed. */
export async function importHazards(
  deps: HazardDeps,
  actor: Actor,
  upload: ExcelFile,
): Promise<HazardImportResult> {
  assertMayImport(actor);
  const { db, clock } = deps;
  const mines = await minesForImport(db, actor);
  const seen = new Map<string, number>();
  return importRows(deps, {
    register: hazardRegister,
    upload,
    userId: actor.userId,
    async save(row) {
      const { mine: named, ...fields } = row.values;
      const mine = named === undefined ? '' : String(named);
      const input = recordOf(ZHazardCreate, row, hazardRegister.columns, fields);
      const problems = row.problems;
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
      if (!input || !mineId || problems.length > 0) return;
      const key = `${mineId}|${input.foundOn}|${input.description}`;
      const first = seen.get(key);
      const dup = await findSameHazard(db, mineId, input.foundOn, input.description);
      if (first !== undefined) problems.push(`与第${first}行重复`);
      else if (dup) problems.push('与已登记的隐患重复（同一矿山、排查时间和隐患内容）');
      else {
        seen.set(key, row.number);
        const now = clock.now();
        const full = { ...input, mineId };
        const prepared = await prepareHazard(db, actor, full, now);
        await db
          .transaction()
          .execute((trx) => insertCheckedHazard(trx, actor, full, prepared, now, 'import'));
      }
    },
    audit: (trx, outcome, now) =>
      appendAudit(
        trx,
        auditActorOf(actor),
        {
          action: 'hazard.imported',
          entityType: 'hazard',
          changes: { fileName: upload.fileName, ...outcome },
        },
        now,
      ),
  });
}

/** The rows of an export, refused once there are more than a ledger can be read as. */
async function* capped(rows: AsyncIterable<HazardRow>) {
  let count = 0;
  for await (const row of rows) {
    if (++count > MAX_EXPORT_ROWS)
      throw invalidField(
        'filter',
        `符合条件的隐患超过${MAX_EXPORT_ROWS}条，请缩小筛选范围（如按地区或时间）后导出`,
      );
    yield row;
  }
}

/** Each row with the names of its codes, read from the standard version it was registered under. */
async function* named(deps: HazardDeps, rows: AsyncIterable<HazardRow>) {
  for await (const row of rows) {
    const standard =
      row.catalog_key && row.catalog_version
        ? await standardVersion(deps.db, row.catalog_key, row.catalog_version)
        : null;
    const category = standard?.categories.find((c) => c.code === row.category_code) ?? null;
    const item = category?.items.find((i) => i.code === row.item_code) ?? null;
    const names: HazardNames = { categoryTitle: category?.title ?? null, itemText: item?.text ?? null };
    yield { row, names };
  }
}

/** The filtered, scoped ledger as a sheet whose register columns import back. */
export async function exportHazards(
  deps: HazardDeps,
  actor: Actor,
  query: HazardFilter & { sort: HazardListQuery['sort'] },
): Promise<ExcelFile> {
  const { sort, ...filter } = query;
  const at = deps.clock.now();
  const nowIso = at.toISOString();
  const { content, count } = await exportXlsx(
    {
      sheet: hazardRegister.sheet,
      title: hazardLedgerTitle(filter),
      origin: await hazardExportOrigin(deps.db, actor, filter, at),
      columns: exportColumns,
      row: ({ row, names }: { row: HazardRow; names: HazardNames }) => ledgerRow(row, names, nowIso),
    },
    named(deps, capped(allHazards(deps, actor, filter, sort))),
  );
  const now = deps.clock.now();
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    { action: 'hazard.exported', entityType: 'hazard', changes: { filter: query, count } },
    now,
  );
  return { fileName: `${hazardRegister.sheet}-${beijingFileDay(now)}.xlsx`, content };
}
