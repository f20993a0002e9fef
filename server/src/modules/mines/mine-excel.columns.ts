import {
  COMBUSTION_TENDENCIES,
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_CATEGORIES,
  MINE_STATUSES,
  MINE_TYPES,
  type MineCreate,
  ROCK_BURST_LEVELS,
} from '@tiegui/domain';
import { type Column, lookup, number, oneOf, type Register, text, yesNo } from '../../lib/excel';
import type { mineFormOptions } from './mine.service';

/** The bureaus, divisions and groups a user may pick for a mine. */
export type FormOptions = Awaited<ReturnType<typeof mineFormOptions>>;
type Choices = Pick<FormOptions, 'supervisors' | 'divisions' | 'groups'>;

/** An export names the mine's own bureaus, whatever the exporting user could pick. */
export const NO_CHOICES: Choices = { supervisors: [], divisions: [], groups: [] };

/** The sheet's columns, in template order; import finds them by title, so their order may change. */
function mineColumns({ supervisors, divisions, groups }: Choices): Column<keyof MineCreate>[] {
  const supervisor = lookup(
    supervisors,
    (name) => `“${name}”不是您可以选择的监管部门，只能选择本单位或下级应急管理局`,
  );
  // biome-ignore format: a table reads best with one column per line
  return [
    { key: 'name', header: '名称', kind: text(), required: true, width: 30, note: '矿山企业全称，2至100个字' },
    { key: 'uscc', header: '统一社会信用代码', kind: text(), required: true, width: 22, note: '18位，字母大写，不使用I、O、S、V、Z；同一代码只能登记一次' },
    { key: 'category', header: '矿山类别', kind: oneOf(MINE_CATEGORIES), required: true, width: 16, note: '从下拉列表中选择' },
    { key: 'mineType', header: '矿山类型', kind: oneOf(MINE_TYPES), required: true, width: 18, note: '从下拉列表中选择' },
    { key: 'status', header: '生产状态', kind: oneOf(MINE_STATUSES), required: true, width: 12, note: '从下拉列表中选择' },
    { key: 'designCapacity', header: '设计生产能力(万吨/年)', kind: number(), width: 14, note: '数字，单位为万吨/年；可不填' },
    { key: 'gasGrade', header: '瓦斯等级', kind: oneOf(GAS_GRADES), width: 10, note: '仅煤矿填写，金属非金属矿山留空' },
    { key: 'hydroType', header: '水文地质类型', kind: oneOf(HYDRO_TYPES), width: 12, note: '从下拉列表中选择；可不填' },
    { key: 'rockBurst', header: '冲击地压危险性', kind: oneOf(ROCK_BURST_LEVELS), width: 12, note: '从下拉列表中选择；可不填' },
    { key: 'combustionTendency', header: '煤层自燃倾向性', kind: oneOf(COMBUSTION_TENDENCIES), width: 16, note: '煤矿填写；可不填' },
    { key: 'principalName', header: '矿长姓名', kind: text(), required: true, width: 10, note: '2至30个字' },
    { key: 'principalPhone', header: '矿长电话', kind: text(), required: true, width: 15, note: '11位手机号，或带区号的固定电话（如0350-1234567）' },
    { key: 'directorIsChairman', header: '矿长兼任董事长(是/否)', kind: yesNo, width: 12, note: '填“是”或“否”，不填视为“否”' },
    { key: 'supervisorOrgId', header: '监管部门', kind: supervisor, required: true, width: 26, note: '负责监管的市或县（市、区）应急管理局，只能选本单位或下级单位' },
    { key: 'regionCode', header: '行政区划代码', kind: text(), required: true, width: 12, note: '矿山所在县（市、区）的6位代码（如代县140923），须在监管部门辖区内' },
    { key: 'divisionOrgId', header: '监察执法处', kind: lookup(divisions), width: 30, note: '可不填，按矿山所在地自动确定' },
    { key: 'groupOrgId', header: '上级公司', kind: lookup(groups), width: 22, note: '所属集团公司；没有则留空' },
    { key: 'address', header: '地址', kind: text(), width: 30, note: '不超过200个字；可不填' },
    { key: 'longitude', header: '经度', kind: number(), width: 11, note: '十进制度数（如112.95）；可不填' },
    { key: 'latitude', header: '纬度', kind: number(), width: 11, note: '十进制度数（如39.06）；可不填' },
  ];
}

/** The 矿山基础信息 register; its lookups offer what the user may pick. */
export const mineRegister = (choices: Choices): Register<keyof MineCreate> => ({
  sheet: '矿山基础信息',
  noun: '矿山',
  item: '一个矿山',
  columns: mineColumns(choices),
  notes: ['统一社会信用代码、矿长电话、行政区划代码按文本填写，不要删去开头的0。'],
});
