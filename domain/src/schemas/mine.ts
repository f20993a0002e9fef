import { z } from 'zod';
import {
  COMBUSTION_TENDENCIES,
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_CATEGORIES,
  MINE_STATUSES,
  MINE_TYPES,
  ROCK_BURST_LEVELS,
} from '../catalog/mine';
import { REGION_CODE } from '../rules/region';
import { USCC_MESSAGES, usccProblem } from '../rules/uscc';
import { optionalText, queryBoolean, ZRegionQuery, zLabelledEnum } from './common';

export const ZMineCategory = zLabelledEnum(MINE_CATEGORIES);
export const ZMineType = zLabelledEnum(MINE_TYPES);
export const ZMineStatus = zLabelledEnum(MINE_STATUSES);
export const ZGasGrade = zLabelledEnum(GAS_GRADES);
export const ZHydroType = zLabelledEnum(HYDRO_TYPES);
export const ZRockBurst = zLabelledEnum(ROCK_BURST_LEVELS);
export const ZCombustionTendency = zLabelledEnum(COMBUSTION_TENDENCIES);

export const ZUscc = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = usccProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem] });
  });

const ZPhone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请输入11位手机号或带区号的固定电话');

const mineFields = {
  name: z.string().trim().min(2, '名称至少2个字').max(100, '名称不能超过100个字'),
  uscc: ZUscc,
  category: ZMineCategory,
  mineType: ZMineType,
  status: ZMineStatus,
  designCapacity: z.number().min(0, '设计生产能力不能为负数').max(100000).nullable().optional(),
  gasGrade: ZGasGrade.nullable().optional(),
  hydroType: ZHydroType.nullable().optional(),
  rockBurst: ZRockBurst.nullable().optional(),
  combustionTendency: ZCombustionTendency.nullable().optional(),
  principalName: z.string().trim().min(2, '请填写矿长姓名').max(30),
  principalPhone: ZPhone,
  directorIsChairman: z.boolean().default(false),
  supervisorOrgId: z.string().min(1, '请选择监管部门'),
  regionCode: z.string().regex(REGION_CODE, '行政区划代码应为6位数字'),
  divisionOrgId: z.string().nullable().optional(),
  groupOrgId: z.string().nullable().optional(),
  address: optionalText(200).nullable(),
  longitude: z.number().min(73, '经度超出中国范围').max(136, '经度超出中国范围').nullable().optional(),
  latitude: z.number().min(3, '纬度超出中国范围').max(54, '纬度超出中国范围').nullable().optional(),
};

function coalOnly(
  value: { category?: string; gasGrade?: string | null; combustionTendency?: string | null },
  ctx: z.RefinementCtx,
) {
  if (value.category && value.category !== 'coal') {
    if (value.gasGrade) ctx.addIssue({ code: 'custom', path: ['gasGrade'], message: '瓦斯等级仅适用于煤矿' });
  }
}

export const ZMineCreate = z.strictObject(mineFields).superRefine(coalOnly);
export type MineCreate = z.infer<typeof ZMineCreate>;

export const ZMineUpdate = z.strictObject(mineFields).partial().superRefine(coalOnly);
export type MineUpdate = z.infer<typeof ZMineUpdate>;

/** Registry fields that place a mine under its regulators: a mine's own staff may not change them. */
export const MINE_JURISDICTION_FIELDS = [
  'uscc',
  'status',
  'supervisorOrgId',
  'regionCode',
  'divisionOrgId',
  'groupOrgId',
] as const;
export type MineJurisdictionField = (typeof MINE_JURISDICTION_FIELDS)[number];

export const ZMine = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  category: ZMineCategory,
  mineType: ZMineType,
  status: ZMineStatus,
  designCapacity: z.number().nullable(),
  gasGrade: ZGasGrade.nullable(),
  hydroType: ZHydroType.nullable(),
  rockBurst: ZRockBurst.nullable(),
  combustionTendency: ZCombustionTendency.nullable(),
  principalName: z.string(),
  principalPhone: z.string(),
  directorIsChairman: z.boolean(),
  supervisorOrgId: z.string(),
  supervisorName: z.string(),
  regionCode: z.string(),
  divisionOrgId: z.string().nullable(),
  divisionName: z.string().nullable(),
  groupOrgId: z.string().nullable(),
  groupName: z.string().nullable(),
  address: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ canUpdate: z.boolean(), canDeactivate: z.boolean() }),
  /** The fields this actor may not change (the edit form shows them read-only). */
  lockedFields: z.array(z.enum(MINE_JURISDICTION_FIELDS)),
});
export type Mine = z.infer<typeof ZMine>;

export const MINE_SORTS = ['name', '-name', 'regionCode', '-regionCode', 'updatedAt', '-updatedAt'] as const;
/** The orders of the mine list, as the audit log names the order of an export. */
export const MINE_SORT_LABELS: Readonly<Record<(typeof MINE_SORTS)[number], string>> = {
  name: '按名称升序',
  '-name': '按名称降序',
  regionCode: '按行政区划升序',
  '-regionCode': '按行政区划降序',
  updatedAt: '最早更新在前',
  '-updatedAt': '最近更新在前',
};

export const ZMineListQuery = z.object({
  q: optionalText(50),
  regionCode: ZRegionQuery,
  category: ZMineCategory.optional(),
  mineType: ZMineType.optional(),
  status: ZMineStatus.optional(),
  gasGrade: ZGasGrade.optional(),
  hydroType: ZHydroType.optional(),
  groupOrgId: z.string().max(64).optional(),
  supervisorOrgId: z.string().max(64).optional(),
  active: queryBoolean.default(true),
  sort: z.enum(MINE_SORTS).default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MineListQuery = z.infer<typeof ZMineListQuery>;

/** What a mine list is filtered by: the list's query without its order and page. */
export const ZMineFilter = ZMineListQuery.omit({ sort: true, cursor: true, limit: true });

export const ZMinePage = z.object({
  items: z.array(ZMine),
  nextCursor: z.string().nullable(),
});

/** How many mines match a filter (GET /mines/count), asked beside the first page. */
export const ZMineCount = z.object({ total: z.number() });
export type MineCount = z.infer<typeof ZMineCount>;

export const ZMineImportResult = z.object({
  total: z.number(),
  imported: z.number(),
  failed: z.number(),
  receiptId: z.string().nullable(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type MineImportResult = z.infer<typeof ZMineImportResult>;
