import { ZMineImportResult, ZMineListQuery } from '@tiegui/domain';
import { registerRoutes } from '../../http/register-routes';
import { exportMines, importMines, mineImportTemplate } from './mine.excel';
import type { MineDeps } from './mine.service';

export const ZMineExportQuery = ZMineListQuery.omit({ cursor: true, limit: true });

/** The mine register (矿山台账): template, import with its receipt, export. */
export const mineExcelRoutes = (deps: MineDeps) =>
  registerRoutes(deps.db, {
    records: 'mines',
    title: '矿山台账',
    files: { template: 'mine-import-template', export: 'mines' },
    importPermission: 'mine.import',
    exportPermission: 'mine.read',
    exportQuery: ZMineExportQuery,
    importResult: ZMineImportResult,
    template: (actor) => mineImportTemplate(deps, actor),
    importFile: (actor, file) => importMines(deps, actor, file),
    exportRows: (actor, query) => exportMines(deps, actor, query),
  });
