import {
  fenToYuan,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  type HazardCreate,
  keyByLabel,
  PRODUCTION_STOPS,
  ZHazardCreate,
} from '@tiegui/domain';
import type ExcelJS from 'exceljs';
import { cellText } from '../mines/mine-excel.columns';
import type { HazardRow } from './hazard.repository';

/**
 * The 隐患台账 sheet: the columns a ledger keeps (REFERENCE §11: 隐患内容（含地点和部位）、排查时间、
 * 排查人员、隐患等级、整改责任单位和责任人、整改时限、整改措施、销号时间). The first columns import;
 * the rest are the record's progress, exported for reading and ignored on import.
 */
export interface ImportColumn {
  key: 'mine' | keyof HazardCreate;
  title: string;
  width: number;
  required?: boolean;
  labels?: Record<string, string>;
  note: string;
}

const LEVEL_LABELS = { major: '重大', general: '一般' } as const;

// biome-ignore format: a table reads best with one column per line
export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'mine', title: '矿山', width: 28, note: '矿山名称或统一社会信用代码；矿山企业导入本矿隐患时可不填' },
  { key: 'level', title: '隐患等级', width: 10, required: true, labels: LEVEL_LABELS, note: '重大 或 一般' },
  { key: 'categoryCode', title: '隐患类别编码', width: 12, note: '重大事故隐患必填：判定标准中的类别编码（如C09），见“隐患判定标准”' },
  { key: 'itemCode', title: '具体情形编码', width: 12, note: '可不填：类别下的情形编码（如C09-3）' },
  { key: 'description', title: '隐患内容', width: 40, required: true, note: '5至2000个字' },
  { key: 'location', title: '隐患地点和部位', width: 24, required: true, note: '不超过200个字' },
  { key: 'foundOn', title: '排查时间', width: 12, required: true, note: '日期，如2024-08-15' },
  { key: 'foundBy', title: '排查人员', width: 14, required: true, note: '不超过60个字' },
  { key: 'source', title: '隐患来源', width: 16, required: true, labels: HAZARD_SOURCES, note: Object.values(HAZARD_SOURCES).join('、') },
  { key: 'productionStop', title: '停产情况', width: 10, labels: PRODUCTION_STOPS, note: `${Object.values(PRODUCTION_STOPS).join('、')}；不填视为未停产` },
];

/** Export-only columns: how the record stands. */
export const LEDGER_COLUMNS: {
  title: string;
  width: number;
  value: (r: HazardRow, nowIso: string) => ExcelJS.CellValue;
}[] = [
  { title: '发现单位', width: 24, value: (r) => r.found_by_org_name },
  { title: '整改责任单位', width: 20, value: (r) => r.responsible_unit },
  { title: '整改责任人', width: 12, value: (r) => r.responsible_person },
  { title: '整改时限', width: 12, value: (r) => r.time_limit },
  { title: '整改措施', width: 40, value: (r) => r.measures },
  {
    title: '整改资金（元）',
    width: 14,
    value: (r) => (r.funds_fen === null ? null : fenToYuan(Number(r.funds_fen))),
  },
  { title: '状态', width: 14, value: (r) => HAZARD_STATES[r.state as keyof typeof HAZARD_STATES] ?? r.state },
  {
    title: '是否逾期',
    width: 10,
    value: (r, now) => (r.state !== 'closed' && r.due_at !== null && r.due_at < now ? '逾期' : ''),
  },
  { title: '挂牌督办', width: 10, value: (r) => (r.supervised ? '是' : '') },
  { title: '销号时间', width: 12, value: (r) => r.closed_on },
];

/** A row's export values for the import columns. */
export function importValues(r: HazardRow): ExcelJS.CellValue[] {
  return [
    r.mine_name,
    LEVEL_LABELS[r.level as keyof typeof LEVEL_LABELS],
    r.category_code,
    r.item_code,
    r.description,
    r.location,
    r.found_on,
    r.found_by,
    HAZARD_SOURCES[r.source as keyof typeof HAZARD_SOURCES],
    PRODUCTION_STOPS[r.production_stop as keyof typeof PRODUCTION_STOPS],
  ];
}

function dateText(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cellText(value)
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '')
    .replace(/-(\d)(?=-|$)/g, '-0$1');
}

/** One row to a registration (without the mine), or its problems, each naming its column. */
export function parseHazardRow(row: ExcelJS.Row, columns: Map<number, ImportColumn>) {
  const input: Record<string, unknown> = {};
  let mine = '';
  const problems: string[] = [];
  for (const [index, column] of columns) {
    const raw = row.getCell(index).value;
    const text = column.key === 'foundOn' ? dateText(raw) : cellText(raw);
    if (text === '') {
      if (column.required) problems.push(`${column.title}：不能为空，请填写`);
      continue;
    }
    if (column.key === 'mine') {
      mine = text;
      continue;
    }
    if (column.labels) {
      const key =
        keyByLabel(column.labels, text) ?? keyByLabel(column.key === 'level' ? HAZARD_LEVELS : {}, text);
      if (key === undefined) {
        problems.push(`${column.title}：“${text}”不是可选值（${Object.values(column.labels).join('、')}）`);
        continue;
      }
      input[column.key] = key;
    } else {
      input[column.key] = text;
    }
  }
  const result = ZHazardCreate.safeParse(input);
  if (!result.success && problems.length === 0) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      problems.push(`${IMPORT_COLUMNS.find((c) => c.key === key)?.title ?? key}：${issue.message}`);
    }
  }
  return { input: result.success && problems.length === 0 ? result.data : null, mine, problems };
}
