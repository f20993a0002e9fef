import { ZHazardExportQuery, ZHazardImportResult } from '@tiegui/domain';
import { registerRoutes } from '../../http/register-routes';
import { exportHazards, hazardImportTemplate, importHazards } from './hazard.excel';
import type { HazardDeps } from './hazard.service';

/** The hazard register (隐患台账): template, import with its receipt, export of any filtered list. */
export const hazardExcelRoutes = (deps: HazardDeps) =>
  registerRoutes(deps.db, {
    records: 'hazards',
    title: '隐患台账',
    exportNote: '，筛选条件同列表',
    files: { template: 'hazard-import-template', export: 'hazards' },
    importPermission: 'hazard.report',
    exportPermission: 'hazard.read',
    exportQuery: ZHazardExportQuery,
    importResult: ZHazardImportResult,
    template: (actor) => hazardImportTemplate(deps, actor),
    importFile: (actor, file) => importHazards(deps, actor, file),
    exportRows: (actor, query) => exportHazards(deps, actor, query),
  });
