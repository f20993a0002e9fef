import {
  fenToYuan,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  type HazardCreate,
  PRODUCTION_STOPS,
} from '@tiegui/domain';
import type ExcelJS from 'exceljs';
import { cellOf, date, oneOf, type Register, registerExport, type SheetColumn, text } from '../../lib/excel';
import type { HazardRow } from './hazard.repository';

type ImportKey = 'mine' | keyof HazardCreate;

const LEVEL_LABELS = { major: '重大', general: '一般' } as const;
const STATES = oneOf(HAZARD_STATES);

/**
 * The 隐患台账 register: the columns a ledger keeps (REFERENCE §11: 隐患内容（含地点和部位）、排查时间、
 * 排查人员、隐患等级、整改责任单位和责任人、整改时限、整改措施、销号时间). These columns import; the
 * ledger columns below are the record's progress, exported for reading and ignored on import.
 */
export const hazardRegister: Register<ImportKey> = {
  sheet: '隐患台账',
  noun: '隐患',
  item: '一项隐患',
  // biome-ignore format: a table reads best with one column per line
  columns: [
    { key: 'mine', header: '矿山', kind: text(), width: 28, note: '矿山名称或统一社会信用代码；矿山企业导入本矿隐患时可不填' },
    { key: 'level', header: '隐患等级', kind: oneOf(LEVEL_LABELS, HAZARD_LEVELS), width: 10, required: true, note: '重大 或 一般' },
    { key: 'categoryCode', header: '隐患类别编码', kind: text(), width: 12, note: '重大事故隐患必填：判定标准中的类别编码（如C09），见“隐患判定标准”' },
    { key: 'itemCode', header: '具体情形编码', kind: text(), width: 12, note: '可不填：类别下的情形编码（如C09-3）' },
    { key: 'description', header: '隐患内容', kind: text(), width: 40, required: true, note: '5至2000个字' },
    { key: 'location', header: '隐患地点和部位', kind: text(), width: 24, required: true, note: '不超过200个字' },
    { key: 'foundOn', header: '排查时间', kind: date, width: 12, required: true, note: '日期，如2024-08-15' },
    { key: 'foundBy', header: '排查人员', kind: text(), width: 14, required: true, note: '不超过60个字' },
    { key: 'source', header: '隐患来源', kind: oneOf(HAZARD_SOURCES), width: 16, required: true, note: Object.values(HAZARD_SOURCES).join('、') },
    { key: 'productionStop', header: '停产情况', kind: oneOf(PRODUCTION_STOPS), width: 10, note: `${Object.values(PRODUCTION_STOPS).join('、')}；不填视为未停产` },
  ],
  notes: [
    '导入后隐患为“已登记”状态，整改方案等在系统中逐项办理。',
    '同一矿山、同一排查时间、内容相同的隐患视为重复，不会重复登记。',
  ],
};

/** Export-only columns: how the record stands. */
const LEDGER_COLUMNS: (SheetColumn & { value: (r: HazardRow, nowIso: string) => ExcelJS.CellValue })[] = [
  { header: '发现单位', width: 24, value: (r) => r.found_by_org_name },
  { header: '整改责任单位', width: 20, value: (r) => r.responsible_unit },
  { header: '整改责任人', width: 12, value: (r) => r.responsible_person },
  { header: '整改时限', width: 12, value: (r) => r.time_limit },
  { header: '整改措施', width: 40, value: (r) => r.measures },
  {
    header: '整改资金（元）',
    width: 14,
    value: (r) => (r.funds_fen === null ? null : fenToYuan(Number(r.funds_fen))),
  },
  { header: '状态', width: 14, value: (r) => cellOf(STATES, r.state) },
  {
    header: '是否逾期',
    width: 10,
    value: (r, now) => (r.state !== 'closed' && r.due_at !== null && r.due_at < now ? '逾期' : ''),
  },
  { header: '挂牌督办', width: 10, value: (r) => (r.supervised ? '是' : '') },
  { header: '销号时间', width: 12, value: (r) => r.closed_on },
];

/** The category and situation codes export their names beside them, as the 判定标准 words them. */
const LEDGER = registerExport(hazardRegister.columns, [
  { code: 'categoryCode', header: '隐患类别名称', width: 20 },
  { code: 'itemCode', header: '具体情形', width: 36 },
]);

/** The ledger's export columns: the register's (each code followed by its name), which import back, then the progress. */
export const exportColumns: SheetColumn[] = [
  ...LEDGER.columns,
  ...LEDGER_COLUMNS.map(({ header, width }) => ({ header, width })),
];

/** What a hazard's codes mean in the standard version it was registered under. */
export interface HazardNames {
  categoryTitle: string | null;
  itemText: string | null;
}

/** A hazard as a ledger row, in the order of `exportColumns`. */
export function ledgerRow(r: HazardRow, names: HazardNames, nowIso: string): ExcelJS.CellValue[] {
  const record: Partial<Record<ImportKey, unknown>> = {
    mine: r.mine_name,
    level: r.level,
    categoryCode: r.category_code,
    itemCode: r.item_code,
    description: r.description,
    location: r.location,
    foundOn: r.found_on,
    foundBy: r.found_by,
    source: r.source,
    productionStop: r.production_stop,
  };
  const named = { categoryCode: names.categoryTitle, itemCode: names.itemText };
  return [...LEDGER.cells(record, named), ...LEDGER_COLUMNS.map((c) => c.value(r, nowIso))];
}
