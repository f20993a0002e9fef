import {
  COMBUSTION_TENDENCIES,
  fieldLabel,
  GAS_GRADES,
  HYDRO_TYPES,
  keyByLabel,
  MINE_CATEGORIES,
  MINE_STATUSES,
  MINE_TYPES,
  type MineCreate,
  ROCK_BURST_LEVELS,
  ZMineCreate,
} from '@tiegui/domain';
import type ExcelJS from 'exceljs';
import type { mineFormOptions } from './mine.service';

/** The mine sheet's columns and how a cell becomes a field: shared by template, import and export. */
export type FormOptions = Awaited<ReturnType<typeof mineFormOptions>>;
type OrgList = 'supervisors' | 'divisions' | 'groups';
type OrgName = 'supervisorName' | 'divisionName' | 'groupName';
type Kind =
  | { type: 'text' | 'number' | 'boolean' }
  | { type: 'enum'; labels: Record<string, string> }
  | { type: 'org'; list: OrgList; nameOf: OrgName };

export interface Column {
  key: keyof MineCreate;
  title: string;
  kind: Kind;
  required?: boolean;
  width: number;
  note: string;
}

const text: Kind = { type: 'text' };
const number: Kind = { type: 'number' };
const choice = (labels: Record<string, string>): Kind => ({ type: 'enum', labels });
const org = (list: OrgList, nameOf: OrgName): Kind => ({ type: 'org', list, nameOf });

/** The sheet's columns, in template order; import finds them by title, so their order may change. */
// biome-ignore format: a table reads best with one column per line
export const COLUMNS: Column[] = [
  { key: 'name', title: '名称', kind: text, required: true, width: 30, note: '矿山企业全称，2至100个字' },
  { key: 'uscc', title: '统一社会信用代码', kind: text, required: true, width: 22, note: '18位，字母大写，不使用I、O、S、V、Z；同一代码只能登记一次' },
  { key: 'category', title: '矿山类别', kind: choice(MINE_CATEGORIES), required: true, width: 16, note: '从下拉列表中选择' },
  { key: 'mineType', title: '矿山类型', kind: choice(MINE_TYPES), required: true, width: 18, note: '从下拉列表中选择' },
  { key: 'status', title: '生产状态', kind: choice(MINE_STATUSES), required: true, width: 12, note: '从下拉列表中选择' },
  { key: 'designCapacity', title: '设计生产能力(万吨/年)', kind: number, width: 14, note: '数字，单位为万吨/年；可不填' },
  { key: 'gasGrade', title: '瓦斯等级', kind: choice(GAS_GRADES), width: 10, note: '仅煤矿填写，金属非金属矿山留空' },
  { key: 'hydroType', title: '水文地质类型', kind: choice(HYDRO_TYPES), width: 12, note: '从下拉列表中选择；可不填' },
  { key: 'rockBurst', title: '冲击地压危险性', kind: choice(ROCK_BURST_LEVELS), width: 12, note: '从下拉列表中选择；可不填' },
  { key: 'combustionTendency', title: '煤层自燃倾向性', kind: choice(COMBUSTION_TENDENCIES), width: 16, note: '煤矿填写；可不填' },
  { key: 'principalName', title: '矿长姓名', kind: text, required: true, width: 10, note: '2至30个字' },
  { key: 'principalPhone', title: '矿长电话', kind: text, required: true, width: 15, note: '11位手机号，或带区号的固定电话（如0350-1234567）' },
  { key: 'directorIsChairman', title: '矿长兼任董事长(是/否)', kind: { type: 'boolean' }, width: 12, note: '填“是”或“否”，不填视为“否”' },
  { key: 'supervisorOrgId', title: '监管部门', kind: org('supervisors', 'supervisorName'), required: true, width: 26, note: '负责监管的市或县（市、区）应急管理局，只能选本单位或下级单位' },
  { key: 'regionCode', title: '行政区划代码', kind: text, required: true, width: 12, note: '矿山所在县（市、区）的6位代码（如代县140923），须在监管部门辖区内' },
  { key: 'divisionOrgId', title: '监察执法处', kind: org('divisions', 'divisionName'), width: 30, note: '可不填，按矿山所在地自动确定' },
  { key: 'groupOrgId', title: '上级公司', kind: org('groups', 'groupName'), width: 22, note: '所属集团公司；没有则留空' },
  { key: 'address', title: '地址', kind: text, width: 30, note: '不超过200个字；可不填' },
  { key: 'longitude', title: '经度', kind: number, width: 11, note: '十进制度数（如112.95）；可不填' },
  { key: 'latitude', title: '纬度', kind: number, width: 11, note: '十进制度数（如39.06）；可不填' },
];

export const titleOf = (key: string) => COLUMNS.find((c) => c.key === key)?.title ?? fieldLabel([key]);

/** The answers a list column offers; null for free-text columns. */
export function choicesOf(column: Column, options: FormOptions): string[] | null {
  switch (column.kind.type) {
    case 'enum':
      return Object.values(column.kind.labels);
    case 'boolean':
      return ['是', '否'];
    case 'org':
      return options[column.kind.list].map((o) => o.name);
    default:
      return null;
  }
}

/** A cell as the text a user sees (formulas by their result, rich text joined). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('hyperlink' in value) return String(value.text).trim();
  return '';
}

/** A cell's value without formulas, links or formatting, for copying into the receipt. */
export function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date)
    return value ?? null;
  return cellText(value);
}

type Parsed = { value: unknown } | { problem: string };

function parseCell(column: Column, cell: string, options: FormOptions): Parsed {
  if (cell === '') {
    if (column.required) return { problem: '不能为空，请填写' };
    return { value: column.kind.type === 'boolean' ? false : column.kind.type === 'text' ? undefined : null };
  }
  const kind = column.kind;
  switch (kind.type) {
    case 'text':
      return { value: cell };
    case 'number': {
      const n = Number(cell.replace(/,/g, ''));
      return Number.isFinite(n) ? { value: n } : { problem: `“${cell}”不是数字，请填写数字` };
    }
    case 'boolean':
      if (['是', 'true', 'TRUE', 'Y'].includes(cell)) return { value: true };
      if (['否', 'false', 'FALSE', 'N'].includes(cell)) return { value: false };
      return { problem: `“${cell}”无法识别，请填写“是”或“否”` };
    case 'enum': {
      const key = keyByLabel(kind.labels, cell);
      if (key !== undefined) return { value: key };
      return {
        problem: `“${cell}”不是可选值，请从下拉列表中选择（${Object.values(kind.labels).join('、')}）`,
      };
    }
    case 'org': {
      const found = options[kind.list].find((o) => o.name === cell);
      if (found) return { value: found.id };
      return {
        problem:
          kind.list === 'supervisors'
            ? `“${cell}”不是您可以选择的监管部门，只能选择本单位或下级应急管理局`
            : `未找到“${cell}”，请从下拉列表中选择`,
      };
    }
  }
}

/** One row to a mine, or what is wrong with it, each problem naming its column. */
export function parseRow(row: ExcelJS.Row, columns: Map<number, Column>, options: FormOptions) {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  const bad = new Set<string>();
  for (const [index, column] of columns) {
    const parsed = parseCell(column, cellText(row.getCell(index).value), options);
    if ('problem' in parsed) {
      problems.push(`${column.title}：${parsed.problem}`);
      bad.add(column.key);
    } else if (parsed.value !== undefined) {
      input[column.key] = parsed.value;
    }
  }
  const result = ZMineCreate.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!bad.has(key)) problems.push(`${titleOf(key)}：${issue.message}`);
    }
  }
  return {
    mine: result.success && problems.length === 0 ? result.data : null,
    uscc: String(input.uscc ?? '').toUpperCase(),
    problems,
  };
}
