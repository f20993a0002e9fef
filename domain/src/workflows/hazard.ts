import { z } from 'zod';
import type { Permission } from '../access/roles';
import { fileRefs, text, ZDateOnly, ZYuan } from '../schemas/hazard-fields';

/**
 * The hazard closed loop (重大事故隐患闭环) as data. The server executes any transition with one
 * helper (state, who, guard, evidence, update, history and audit in one transaction); the web
 * renders the buttons from the actions the server says a user may take. Sources: REFERENCE §6
 * (五落实, 治理方案 contents, evaluation before resuming, resume on the regulator's consent).
 */
export const HAZARD_STATES = {
  registered: '已登记',
  planned: '已制定治理方案',
  rectifying: '整改中',
  rectified: '已整改待评估',
  evaluated: '已评估',
  resume_applied: '已申请恢复生产',
  resume_approved: '已同意恢复生产',
  closed: '已销号',
} as const;
export type HazardState = keyof typeof HAZARD_STATES;
export const ZHazardState = z.enum(Object.keys(HAZARD_STATES) as [HazardState, ...HazardState[]]);
export const OPEN_HAZARD_STATES = (Object.keys(HAZARD_STATES) as HazardState[]).filter((s) => s !== 'closed');

export const HAZARD_LEVELS = { major: '重大事故隐患', general: '一般事故隐患' } as const;
export type HazardLevel = keyof typeof HAZARD_LEVELS;
export const ZHazardLevel = z.enum(['major', 'general']);

/** Whether production was stopped: in the affected area or the whole mine. */
export const PRODUCTION_STOPS = { none: '未停产', area: '局部停产', mine: '全矿停产' } as const;
export type ProductionStop = keyof typeof PRODUCTION_STOPS;
export const ZProductionStop = z.enum(['none', 'area', 'mine']);

export const EVALUATOR_KINDS = {
  own_experts: '本单位技术人员和专家',
  agency: '具备资质的安全评价机构',
} as const;

/**
 * Root-cause categories offered at closure. No official list was found (REFERENCE); these are the
 * platform's defaults, plain management categories, with 其他 for anything else.
 */
export const ROOT_CAUSE_CATEGORIES = {
  responsibility: '安全生产责任不落实',
  management: '安全管理制度缺失或执行不到位',
  technical: '技术措施或设计缺陷',
  investment: '安全投入不足',
  training: '人员培训和素质不足',
  equipment: '设备设施缺陷或老化',
  geology: '地质和灾害条件变化',
  illegal: '违法违规组织生产',
  other: '其他',
} as const;
export const ZRootCauseCategory = z.enum(
  Object.keys(ROOT_CAUSE_CATEGORIES) as [keyof typeof ROOT_CAUSE_CATEGORIES, ...string[]],
);

// Evidence each action requires (a 400 names the missing field).
export const ZMajorPlan = z.strictObject({
  responsibleUnit: text(100),
  responsiblePerson: text(30, 2),
  measures: text(5000),
  fundsYuan: ZYuan,
  timeLimit: ZDateOnly,
  contingencyPlan: text(5000),
  goal: text(2000),
  methods: text(5000),
  organisation: text(2000),
  safetyMeasures: text(5000),
  planFiles: fileRefs(10).default([]),
});
export const ZGeneralPlan = z.strictObject({
  responsibleUnit: text(100).optional(),
  responsiblePerson: text(30, 2),
  measures: text(5000),
  fundsYuan: ZYuan.optional(),
  timeLimit: ZDateOnly,
});
export const ZProgressReport = z.strictObject({ progress: text(2000), photos: fileRefs(20).default([]) });
export const ZRectifiedDeclaration = z.strictObject({ summary: text(2000), files: fileRefs(20, 1) });
export const ZEvaluation = z.strictObject({
  evaluatorKind: z.enum(['own_experts', 'agency']),
  evaluator: text(200),
  conclusion: text(2000),
  reportFiles: fileRefs(10, 1),
});
export const ZResumeApplication = z.strictObject({ application: text(2000), files: fileRefs(10, 1) });
export const ZOpinion = z.strictObject({ opinion: text(2000) });
export const ZOptionalOpinion = z.strictObject({ opinion: text(2000).optional() });
export const ZMajorClosure = z.strictObject({
  verificationNote: text(2000),
  rootCauseCategory: ZRootCauseCategory,
  rootCause: text(2000),
  /** Reward for whoever found or reported it, where applicable (seed task 11). */
  finderReward: z
    .strictObject({ recipient: text(60), amountYuan: ZYuan, note: text(500).optional() })
    .nullable()
    .optional(),
  /** Accountability of the person responsible, where applicable. */
  penalty: z
    .strictObject({ person: text(60), measure: text(500) })
    .nullable()
    .optional(),
});
export const ZGeneralClosure = z.strictObject({
  verificationNote: text(2000),
  rootCauseCategory: ZRootCauseCategory.optional(),
  rootCause: text(2000).optional(),
});
export const ZExtensionRequest = z.strictObject({ newTimeLimit: ZDateOnly, reason: text(2000) });
export const ZStopOrder = z.strictObject({
  scope: z.enum(['area', 'mine']),
  area: text(200).optional(),
  note: text(2000),
});

/** The party that acts: the hazard's own mine, or a regulator whose scope holds the mine. */
export type HazardParty = 'mine' | 'regulator';

/**
 * A guard beyond the state: production stopped (a resume application is needed), production
 * running or resumed (closure may follow evaluation), an extension pending or not.
 */
export type HazardGuard =
  | 'productionStopped'
  | 'stopResolved'
  | 'productionRunning'
  | 'extensionPending'
  | 'noExtensionPending';

export const HAZARD_ACTIONS = [
  'plan',
  'startRectification',
  'reportProgress',
  'declareRectified',
  'evaluate',
  'failEvaluation',
  'applyResume',
  'approveResume',
  'refuseResume',
  'close',
  'closeGeneral',
  'requestExtension',
  'grantExtension',
  'refuseExtension',
  'orderStop',
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

export interface HazardTransition {
  action: HazardAction;
  /** The button and history label users read. */
  label: string;
  from: readonly HazardState[];
  /** null: the state stays (a report or a decision on the side). */
  to: HazardState | null;
  levels: readonly HazardLevel[];
  who: readonly { party: HazardParty; permission: Permission }[];
  guard?: HazardGuard;
  evidence: z.ZodType;
}

const MINE = { party: 'mine', permission: 'hazard.rectify' } as const;
const SUPERVISOR = { party: 'regulator', permission: 'hazard.supervise' } as const;
const CLOSER = { party: 'regulator', permission: 'hazard.close' } as const;
const OPEN_BEFORE_RESUME: HazardState[] = ['registered', 'planned', 'rectifying', 'rectified', 'evaluated'];

// biome-ignore format: the table reads best one transition per line
export const HAZARD_TRANSITIONS: readonly HazardTransition[] = [
  { action: 'plan', label: '制定治理方案（五落实）', from: ['registered'], to: 'planned', levels: ['major'], who: [MINE], evidence: ZMajorPlan },
  { action: 'startRectification', label: '落实整改责任并开始整改', from: ['registered'], to: 'rectifying', levels: ['general'], who: [MINE], evidence: ZGeneralPlan },
  { action: 'reportProgress', label: '报告整改进展', from: ['planned', 'rectifying'], to: 'rectifying', levels: ['major', 'general'], who: [MINE], evidence: ZProgressReport },
  { action: 'declareRectified', label: '报告整改完成', from: ['rectifying'], to: 'rectified', levels: ['major', 'general'], who: [MINE], evidence: ZRectifiedDeclaration },
  { action: 'evaluate', label: '评估通过', from: ['rectified'], to: 'evaluated', levels: ['major'], who: [MINE], evidence: ZEvaluation },
  { action: 'failEvaluation', label: '评估未通过，继续整改', from: ['rectified'], to: 'rectifying', levels: ['major'], who: [MINE], evidence: ZEvaluation },
  { action: 'applyResume', label: '申请恢复生产', from: ['evaluated'], to: 'resume_applied', levels: ['major'], who: [MINE], guard: 'productionStopped', evidence: ZResumeApplication },
  { action: 'approveResume', label: '同意恢复生产', from: ['resume_applied'], to: 'resume_approved', levels: ['major'], who: [SUPERVISOR], evidence: ZOptionalOpinion },
  { action: 'refuseResume', label: '不同意恢复生产', from: ['resume_applied'], to: 'rectifying', levels: ['major'], who: [SUPERVISOR], evidence: ZOpinion },
  { action: 'close', label: '核查销号', from: ['evaluated', 'resume_approved'], to: 'closed', levels: ['major'], who: [CLOSER], guard: 'stopResolved', evidence: ZMajorClosure },
  { action: 'closeGeneral', label: '验收销号', from: ['rectified'], to: 'closed', levels: ['general'], who: [MINE, CLOSER], evidence: ZGeneralClosure },
  { action: 'requestExtension', label: '申请延期', from: ['planned', 'rectifying'], to: null, levels: ['major', 'general'], who: [MINE], guard: 'noExtensionPending', evidence: ZExtensionRequest },
  { action: 'grantExtension', label: '同意延期', from: ['planned', 'rectifying'], to: null, levels: ['major', 'general'], who: [SUPERVISOR], guard: 'extensionPending', evidence: ZOptionalOpinion },
  { action: 'refuseExtension', label: '不同意延期', from: ['planned', 'rectifying'], to: null, levels: ['major', 'general'], who: [SUPERVISOR], guard: 'extensionPending', evidence: ZOpinion },
  { action: 'orderStop', label: '责令停产整改', from: OPEN_BEFORE_RESUME, to: null, levels: ['major'], who: [SUPERVISOR], guard: 'productionRunning', evidence: ZStopOrder },
];

export const HAZARD_ACTION_LABELS = Object.fromEntries(
  HAZARD_TRANSITIONS.map((t) => [t.action, t.label]),
) as Record<HazardAction, string>;

export function transitionOf(action: HazardAction): HazardTransition {
  const t = HAZARD_TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`no hazard transition ${action}`);
  return t;
}

/** What the guard needs to know about a hazard. */
export interface GuardFacts {
  state: HazardState;
  productionStop: ProductionStop;
  extensionPending: boolean;
}

/** Why a guard does not hold (a 409 message), or null. */
export function guardProblem(guard: HazardGuard | undefined, h: GuardFacts): string | null {
  switch (guard) {
    case undefined:
      return null;
    case 'productionStopped':
      return h.productionStop === 'none' ? '该隐患未停产整改，无需申请恢复生产，可直接核查销号' : null;
    case 'stopResolved':
      return h.productionStop !== 'none' && h.state !== 'resume_approved'
        ? '该隐患曾停产整改，须经监管部门同意恢复生产后才能销号'
        : null;
    case 'productionRunning':
      return h.productionStop !== 'none' ? '该隐患已停产整改' : null;
    case 'extensionPending':
      return h.extensionPending ? null : '没有待审批的延期申请';
    case 'noExtensionPending':
      return h.extensionPending ? '已有延期申请正在等待监管部门审批' : null;
    default: {
      const never: never = guard;
      throw new Error(`unknown guard ${String(never)}`);
    }
  }
}

/** The 409 message when the state does not allow an action: it names the current state. */
export function stateProblem(t: HazardTransition, state: HazardState): string | null {
  if (t.from.includes(state)) return null;
  return `该隐患当前状态为“${HAZARD_STATES[state]}”，不能${t.label}`;
}
