import { z } from 'zod';
import { HAZARD_ACTIONS, ZHazardLevel, ZHazardState, ZProductionStop } from '../workflows/hazard';
import { optionalText, queryBoolean, ZErrorBody, ZRegionQuery, zWorkflowActionForm } from './common';
import { ZDateOnly } from './date';
import { fileRefs, text, ZHazardFileRef } from './hazard-fields';

/** Where a hazard was found. Self-check and the principal's monthly investigation are self-reported. */
export const HAZARD_SOURCES = {
  self_check: '企业自查',
  monthly_investigation: '主要负责人月度排查',
  inspection: '监管执法检查',
  tip: '举报',
  other: '其他',
} as const;
export type HazardSource = keyof typeof HAZARD_SOURCES;
export const ZHazardSource = z.enum(['self_check', 'monthly_investigation', 'inspection', 'tip', 'other']);
export const SELF_REPORTED_SOURCES: readonly HazardSource[] = ['self_check', 'monthly_investigation'];

export const ZHazardAction = z.enum(HAZARD_ACTIONS);

export const ZHazardCreate = z
  .strictObject({
    /** The mine; a mine's own staff may leave it out. */
    mineId: z.string().min(1).max(64).optional(),
    level: ZHazardLevel,
    /** A category of the standard that applies to the mine; required for a major hazard. */
    categoryCode: z.string().max(20).nullable().optional(),
    itemCode: z.string().max(20).nullable().optional(),
    description: text(2000, 5),
    location: text(200),
    foundOn: ZDateOnly,
    foundBy: text(60),
    source: ZHazardSource,
    /** The tip or inspection record it came from, when there is one. */
    sourceRef: z.string().max(64).nullable().optional(),
    photos: fileRefs(20).default([]),
    files: fileRefs(20).default([]),
    productionStop: ZProductionStop.default('none'),
    stoppedArea: text(200).optional(),
    /** 发现隐患后采取的安全措施 (REFERENCE §11, M). */
    immediateMeasures: text(2000).optional(),
    /** Registers it although the mine has a similar hazard found the same day (the page's 仍然登记). */
    confirmDuplicate: z.boolean().optional(),
  })
  // The rules between fields, here so the page checks them before sending, as the server does.
  // Zod runs it even when a field failed its own check: a rule on a malformed value would only repeat that.
  .superRefine((v, ctx) => {
    if (!ZProductionStop.safeParse(v.productionStop).success) return;
    if (v.level === 'major' && !v.categoryCode)
      ctx.addIssue({ code: 'custom', path: ['categoryCode'], message: '重大事故隐患须选择类别' });
    if (v.level === 'general' && v.productionStop !== 'none')
      ctx.addIssue({ code: 'custom', path: ['productionStop'], message: '停产整改只适用于重大事故隐患' });
    if (v.productionStop === 'area' && !v.stoppedArea)
      ctx.addIssue({ code: 'custom', path: ['stoppedArea'], message: '局部停产时须写明停产的区域' });
  });
export type HazardCreate = z.infer<typeof ZHazardCreate>;

const ZPlanView = z.object({
  responsibleUnit: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  measures: z.string().nullable(),
  fundsFen: z.number().nullable(),
  timeLimit: z.string().nullable(),
  contingencyPlan: z.string().nullable(),
  goal: z.string().nullable(),
  methods: z.string().nullable(),
  organisation: z.string().nullable(),
  safetyMeasures: z.string().nullable(),
  planFiles: z.array(ZHazardFileRef),
});

export const ZHazard = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  regionCode: z.string(),
  level: ZHazardLevel,
  catalogKey: z.string().nullable(),
  catalogVersion: z.number().nullable(),
  categoryCode: z.string().nullable(),
  categoryTitle: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemText: z.string().nullable(),
  description: z.string(),
  location: z.string(),
  foundOn: z.string(),
  foundBy: z.string(),
  foundByOrgId: z.string(),
  foundByOrgName: z.string(),
  source: ZHazardSource,
  sourceRef: z.string().nullable(),
  selfReported: z.boolean(),
  photos: z.array(ZHazardFileRef),
  files: z.array(ZHazardFileRef),
  productionStop: ZProductionStop,
  stoppedArea: z.string().nullable(),
  immediateMeasures: z.string().nullable(),
  state: ZHazardState,
  plan: ZPlanView,
  /** End of the time-limit day (Asia/Shanghai) as a UTC instant. */
  dueAt: z.string().nullable(),
  /** Derived: past its time limit and not closed. */
  overdue: z.boolean(),
  extension: z.object({ requestedUntil: z.string(), reason: z.string(), requestedAt: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  closedOn: z.string().nullable(),
  daysToClose: z.number().nullable(),
  rootCauseCategory: z.string().nullable(),
  rootCause: z.string().nullable(),
  /** The earlier major hazard (within 3 months, mine kept producing) that makes this a recurrence. */
  recurrenceOf: z.string().nullable(),
  supervised: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The transitions the signed-in user may take now. */
  actions: z.array(ZHazardAction),
  abilities: z.object({ canSupervise: z.boolean() }),
});
export type Hazard = z.infer<typeof ZHazard>;

export const ZHazardEvent = z.object({
  id: z.string(),
  action: z.string(),
  label: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
});
export type HazardEvent = z.infer<typeof ZHazardEvent>;

export const SUPERVISION_CADENCES = { weekly: '每周', semimonthly: '每半月', monthly: '每月' } as const;
export const CADENCE_DAYS: Record<keyof typeof SUPERVISION_CADENCES, number> = {
  weekly: 7,
  semimonthly: 15,
  monthly: 30,
};
export const SUPERVISION_LEVELS = {
  province: '省级挂牌督办',
  division: '监察执法处挂牌督办',
  city: '市级挂牌督办',
  county: '县级挂牌督办',
} as const;

export const ZSupervisionCreate = z.strictObject({
  deadline: ZDateOnly,
  reportCadence: z.enum(['weekly', 'semimonthly', 'monthly']),
  note: text(1000).optional(),
});
export const ZSupervisionRemove = z.strictObject({ note: text(1000).optional() });

export const ZSupervision = z.object({
  id: z.string(),
  hazardId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  level: z.enum(['province', 'division', 'city', 'county']),
  deadline: z.string(),
  reportCadence: z.enum(['weekly', 'semimonthly', 'monthly']),
  note: z.string().nullable(),
  listedAt: z.string(),
  lastReportAt: z.string().nullable(),
  /** Derived: the next progress report is late. */
  reportOverdue: z.boolean(),
  /** Derived: the supervision's deadline passed and the hazard is not closed. */
  deadlineOverdue: z.boolean(),
  removedAt: z.string().nullable(),
  canRemove: z.boolean(),
});
export type Supervision = z.infer<typeof ZSupervision>;

/** An action the signed-in user may take now, with the form of its evidence. */
export const ZHazardActionForm = zWorkflowActionForm(ZHazardAction);
export type HazardActionForm = z.infer<typeof ZHazardActionForm>;

export const ZHazardDetail = ZHazard.extend({
  events: z.array(ZHazardEvent),
  supervisions: z.array(ZSupervision),
  closure: z.record(z.string(), z.unknown()).nullable(),
  /** Beside `actions`, in the same order: what each of them asks for (the list rows stay without). */
  actionForms: z.array(ZHazardActionForm),
});
export type HazardDetail = z.infer<typeof ZHazardDetail>;

export const HAZARD_SORTS = ['-foundOn', 'foundOn', '-updatedAt', 'updatedAt'] as const;
/** The orders of the hazard list as its order picker names them. */
export const HAZARD_SORT_LABELS: Readonly<Record<(typeof HAZARD_SORTS)[number], string>> = {
  '-foundOn': '发现日期从新到旧',
  foundOn: '发现日期从旧到新',
  '-updatedAt': '最近更新在前',
  updatedAt: '最早更新在前',
};

export const ZHazardFilter = z.object({
  q: optionalText(50),
  mineId: z.string().max(64).optional(),
  regionCode: ZRegionQuery,
  categoryCode: z.string().max(20).optional(),
  level: ZHazardLevel.optional(),
  state: ZHazardState.optional(),
  /** open: every state but closed. */
  open: queryBoolean.optional(),
  source: ZHazardSource.optional(),
  supervised: queryBoolean.optional(),
  overdue: queryBoolean.optional(),
  selfReported: queryBoolean.optional(),
  foundFrom: ZDateOnly.optional(),
  foundTo: ZDateOnly.optional(),
});
export type HazardFilter = z.infer<typeof ZHazardFilter>;

export const ZHazardListQuery = ZHazardFilter.extend({
  sort: z.enum(HAZARD_SORTS).default('-foundOn'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HazardListQuery = z.infer<typeof ZHazardListQuery>;
export const ZHazardExportQuery = ZHazardFilter.extend({ sort: z.enum(HAZARD_SORTS).default('-foundOn') });

export const ZHazardPage = z.object({
  items: z.array(ZHazard),
  nextCursor: z.string().nullable(),
});

/**
 * A filtered list's count stops past this many: counting every match of a province's millions
 * would hold the server for seconds, and a number that large says "narrow the filter" anyway.
 */
export const HAZARD_COUNT_CAP = 10_000;
/** How many hazards match a filter: `total` exactly, or at least `total` when `capped`. */
export const ZHazardCount = z.object({ total: z.number(), capped: z.boolean() });
export type HazardCount = z.infer<typeof ZHazardCount>;

export const ZInvestigationCreate = z.strictObject({
  /** The month investigated, 'YYYY-MM'. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM'),
  investigatedOn: ZDateOnly,
  leader: text(30, 2),
  scope: text(2000),
  participants: text(500),
  /** Hazards registered from this investigation (possibly none). */
  hazardIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  notes: text(5000).optional(),
  files: fileRefs(10).default([]),
});
export type InvestigationCreate = z.infer<typeof ZInvestigationCreate>;

export const ZInvestigation = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  month: z.string(),
  investigatedOn: z.string(),
  leader: z.string(),
  scope: z.string(),
  participants: z.string(),
  hazardIds: z.array(z.string()),
  majorHazardsFound: z.number(),
  notes: z.string().nullable(),
  files: z.array(ZHazardFileRef),
  obligationId: z.string().nullable(),
  obligationState: z.string().nullable(),
  createdAt: z.string(),
});
export type Investigation = z.infer<typeof ZInvestigation>;

export const ZRecurrence = z.object({
  mineId: z.string(),
  mineName: z.string(),
  regionCode: z.string(),
  hazardId: z.string(),
  foundOn: z.string(),
  previousHazardId: z.string(),
  previousFoundOn: z.string(),
  /** Every hazard of the mine's recurrence pairs, oldest first: the mine is listed once. */
  hazards: z.array(z.object({ id: z.string(), foundOn: z.string() })),
});
export const ZMineHazardFlags = z.object({
  mineId: z.string(),
  openMajor: z.number(),
  overdue: z.number(),
  /** 3个月内2次及以上发现重大事故隐患仍然生产: to be proposed for closure (提请关闭). */
  closureProposal: z.boolean(),
  recurrences: z.array(ZRecurrence),
});
export type Recurrence = z.infer<typeof ZRecurrence>;
export type MineHazardFlags = z.infer<typeof ZMineHazardFlags>;

/** Without `months`, every recurrence in scope; with it, those of the dashboard's window and region. */
export const ZRecurrencesQuery = z.object({
  regionCode: ZRegionQuery,
  months: z.coerce.number().int().min(1).max(36).optional(),
});
export const ZDashboardQuery = z.object({
  regionCode: ZRegionQuery,
  months: z.coerce.number().int().min(1).max(36).default(12),
});
const ZCount = z.object({ code: z.string(), name: z.string(), open: z.number(), total: z.number() });
export const ZHazardDashboard = z.object({
  asOf: z.string(),
  regionCode: z.string().nullable(),
  openMajor: z.number(),
  openGeneral: z.number(),
  overdueMajor: z.number(),
  overdueGeneral: z.number(),
  supervised: z.number(),
  /** Mines with a recurrence found in the window: those /hazards/recurrences lists for the same window. */
  recurrenceMines: z.number(),
  avgDaysToClose: z.number().nullable(),
  /** Per month of the window: major hazards found, closed, and open at month end (动态清零 curve). */
  months: z.array(
    z.object({ month: z.string(), found: z.number(), closed: z.number(), openAtEnd: z.number() }),
  ),
  byCategory: z.array(ZCount),
  /** One level below the region asked for (cities, then counties, then single codes). */
  byRegion: z.array(ZCount.extend({ overdue: z.number() })),
});
export type HazardDashboard = z.infer<typeof ZHazardDashboard>;

export const ZHazardImportResult = z.object({
  total: z.number(),
  imported: z.number(),
  failed: z.number(),
  receiptId: z.string().nullable(),
  errors: z.array(z.object({ row: z.number(), message: z.string() })),
});
export type HazardImportResult = z.infer<typeof ZHazardImportResult>;

/** A registered hazard a new registration likely repeats (same mine, same day, similar text). */
export const ZHazardDuplicate = z.object({
  id: z.string(),
  level: ZHazardLevel,
  description: z.string(),
  location: z.string(),
  foundOn: z.string(),
  state: ZHazardState,
});
export type HazardDuplicate = z.infer<typeof ZHazardDuplicate>;

/** The 409 of a likely duplicate: the candidates, each with what a link to it needs. */
export const ZHazardDuplicateError = ZErrorBody.extend({
  code: z.literal('DUPLICATE'),
  candidates: z.array(ZHazardDuplicate),
});
export type HazardDuplicateError = z.infer<typeof ZHazardDuplicateError>;
