import { type MineImportResult, type MineListQuery, regionName, ZMineCreate } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf, recordAudit } from '../../audit/audit.service';
import { beijingFileDay, beijingTime } from '../../lib/beijing';
import { forbidden } from '../../lib/errors';
import {
  type ExcelFile,
  exportXlsx,
  importRows,
  importTemplate,
  recordOf,
  registerExport,
} from '../../lib/excel';
import { type MineRow, sortValueOf } from './mine.repository';
import { allMines, createMine, type MineDeps, mineFormOptions, presentMine } from './mine.service';
import { type FormOptions, mineRegister, NO_CHOICES } from './mine-excel.columns';
import { mineExportOrigin } from './mine-excel.origin';

const LEDGER_TITLE = '矿山台账';

export type MineExportQuery = Omit<MineListQuery, 'cursor' | 'limit'>;

/** The form options, refused to anyone who may not register mines (divisions, groups, mines). */
async function importOptions(deps: MineDeps, actor: Actor): Promise<FormOptions> {
  const options = await mineFormOptions(deps, actor);
  if (options.supervisors.length === 0)
    throw forbidden('只有属地监管部门（省、市、县应急管理部门）可以导入矿山');
  return options;
}

/** The import template: the columns, dropdowns of the allowed answers and a sheet of instructions. */
export async function mineImportTemplate(deps: MineDeps, actor: Actor): Promise<ExcelFile> {
  return importTemplate(mineRegister(await importOptions(deps, actor)));
}

/** Registers each valid row as a single create would; keeps a receipt of the rows that failed. */
export async function importMines(
  deps: MineDeps,
  actor: Actor,
  upload: ExcelFile,
): Promise<MineImportResult> {
  const register = mineRegister(await importOptions(deps, actor));
  const firstRowOf = new Map<string, number>();
  return importRows(deps, {
    register,
    upload,
    userId: actor.userId,
    async save(row) {
      const mine = recordOf(ZMineCreate, row, register.columns);
      const uscc = String(row.values.uscc ?? '').toUpperCase();
      const first = uscc ? firstRowOf.get(uscc) : undefined;
      if (first !== undefined) row.problems.push(`统一社会信用代码：与第${first}行重复`);
      else if (uscc) firstRowOf.set(uscc, row.number);
      if (mine && row.problems.length === 0) await createMine(deps, actor, mine);
    },
    audit: (trx, outcome, now) =>
      appendAudit(
        trx,
        auditActorOf(actor),
        { action: 'mine.imported', entityType: 'mine', changes: { fileName: upload.fileName, ...outcome } },
        now,
      ),
  });
}

/** The filtered, scoped registry as a sheet that imports back with the same columns. */
export async function exportMines(deps: MineDeps, actor: Actor, query: MineExportQuery): Promise<ExcelFile> {
  const { sort, ...filter } = query;
  const rows: MineRow[] = [];
  for await (const row of allMines(deps, actor, filter)) rows.push(row);
  const sign = sort.startsWith('-') ? -1 : 1;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => sign * (compare(sortValueOf(a, sort), sortValueOf(b, sort)) || compare(a.id, b.id)));

  const { sheet, columns } = mineRegister(NO_CHOICES);
  // The region code is followed by the region's name; an import reads the code.
  const ledger = registerExport(columns, [{ code: 'regionCode', header: '行政区划名称', width: 14 }]);
  const at = deps.clock.now();
  const { content, count } = await exportXlsx(
    {
      sheet,
      title: LEDGER_TITLE,
      origin: await mineExportOrigin(deps.db, actor, filter, at),
      columns: [...ledger.columns, { header: '启用状态', width: 10 }, { header: '更新时间', width: 20 }],
      row: (row: MineRow) => {
        const mine = presentMine(row, actor);
        // A lookup column shows the name of the bureau, division or group, as the template asks for it.
        const named = {
          ...mine,
          supervisorOrgId: mine.supervisorName,
          divisionOrgId: mine.divisionName,
          groupOrgId: mine.groupName,
        };
        return [
          ...ledger.cells(named, { regionCode: regionName(mine.regionCode) }),
          mine.active ? '启用' : '停用',
          beijingTime(mine.updatedAt),
        ];
      },
    },
    rows,
  );
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    { action: 'mine.exported', entityType: 'mine', changes: { filter: query, count } },
    deps.clock.now(),
  );
  return { fileName: `${sheet}-${beijingFileDay(at)}.xlsx`, content };
}
