import { z } from 'zod';
import { ZDateOnly } from '../schemas/date';
import { fileRefs, text, ZYuan } from '../schemas/hazard-fields';
import { type ActionEntry, type ActionOf, actionList, defineWorkflow } from './workflow';

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

/** What the guards need to know about a hazard. */
export interface GuardFacts {
  state: HazardState;
  productionStop: ProductionStop;
  extensionPending: boolean;
}

const MINE = { party: 'mine', permission: 'hazard.rectify' } as const;
/** A regulator acting on the loop (approvals, stop orders): not the glossary's 督办 supervision. */
const OVERSEER = { party: 'regulator', permission: 'hazard.supervise' } as const;
const CLOSER = { party: 'regulator', permission: 'hazard.close' } as const;
const OPEN_BEFORE_RESUME: HazardState[] = ['registered', 'planned', 'rectifying', 'rectified', 'evaluated'];
const MAJOR: HazardLevel[] = ['major'];
const GENERAL: HazardLevel[] = ['general'];
const BOTH: HazardLevel[] = ['major', 'general'];

export const HAZARD_WORKFLOW = defineWorkflow<
  HazardState,
  HazardParty,
  HazardGuard,
  HazardLevel,
  GuardFacts
>()({
  record: '隐患',
  states: HAZARD_STATES,
  kinds: HAZARD_LEVELS,
  parties: { mine: '该矿山企业', regulator: '监管部门' },
  guards: {
    productionStopped: (h) =>
      h.productionStop === 'none' ? '该隐患未停产整改，无需申请恢复生产，可直接核查销号' : null,
    stopResolved: (h) =>
      h.productionStop !== 'none' && h.state !== 'resume_approved'
        ? '该隐患曾停产整改，须经监管部门同意恢复生产后才能销号'
        : null,
    productionRunning: (h) => (h.productionStop !== 'none' ? '该隐患已停产整改' : null),
    extensionPending: (h) => (h.extensionPending ? null : '没有待审批的延期申请'),
    noExtensionPending: (h) => (h.extensionPending ? '已有延期申请正在等待监管部门审批' : null),
  },
  // biome-ignore format: the table reads best one action per line
  actions: {
    plan: { label: '制定治理方案（五落实）', from: ['registered'], to: 'planned', kinds: MAJOR, who: [MINE], evidence: ZMajorPlan },
    startRectification: { label: '落实整改责任并开始整改', from: ['registered'], to: 'rectifying', kinds: GENERAL, who: [MINE], evidence: ZGeneralPlan },
    reportProgress: { label: '报告整改进展', from: ['planned', 'rectifying'], to: 'rectifying', kinds: BOTH, who: [MINE], evidence: ZProgressReport },
    declareRectified: { label: '报告整改完成', from: ['rectifying'], to: 'rectified', kinds: BOTH, who: [MINE], evidence: ZRectifiedDeclaration },
    evaluate: { label: '评估通过', from: ['rectified'], to: 'evaluated', kinds: MAJOR, who: [MINE], evidence: ZEvaluation },
    failEvaluation: { label: '评估未通过，继续整改', from: ['rectified'], to: 'rectifying', kinds: MAJOR, who: [MINE], evidence: ZEvaluation },
    applyResume: { label: '申请恢复生产', from: ['evaluated'], to: 'resume_applied', kinds: MAJOR, who: [MINE], guard: 'productionStopped', evidence: ZResumeApplication },
    approveResume: { label: '同意恢复生产', from: ['resume_applied'], to: 'resume_approved', kinds: MAJOR, who: [OVERSEER], evidence: ZOptionalOpinion },
    refuseResume: { label: '不同意恢复生产', from: ['resume_applied'], to: 'rectifying', kinds: MAJOR, who: [OVERSEER], evidence: ZOpinion },
    close: { label: '核查销号', from: ['evaluated', 'resume_approved'], to: 'closed', kinds: MAJOR, who: [CLOSER], guard: 'stopResolved', evidence: ZMajorClosure },
    closeGeneral: { label: '验收销号', from: ['rectified'], to: 'closed', kinds: GENERAL, who: [MINE, CLOSER], evidence: ZGeneralClosure },
    requestExtension: { label: '申请延期', from: ['planned', 'rectifying'], to: null, kinds: BOTH, who: [MINE], guard: 'noExtensionPending', evidence: ZExtensionRequest },
    grantExtension: { label: '同意延期', from: ['planned', 'rectifying'], to: null, kinds: BOTH, who: [OVERSEER], guard: 'extensionPending', evidence: ZOptionalOpinion },
    refuseExtension: { label: '不同意延期', from: ['planned', 'rectifying'], to: null, kinds: BOTH, who: [OVERSEER], guard: 'extensionPending', evidence: ZOpinion },
    orderStop: { label: '责令停产整改', from: OPEN_BEFORE_RESUME, to: null, kinds: MAJOR, who: [OVERSEER], guard: 'productionRunning', evidence: ZStopOrder },
  },
});

export type HazardAction = ActionOf<typeof HAZARD_WORKFLOW>;
export type HazardTransition = ActionEntry<typeof HAZARD_WORKFLOW>;
export const HAZARD_TRANSITIONS: readonly HazardTransition[] = actionList(HAZARD_WORKFLOW);
export const HAZARD_ACTIONS = Object.keys(HAZARD_WORKFLOW.actions) as [HazardAction, ...HazardAction[]];

export const HAZARD_ACTION_LABELS = Object.fromEntries(
  HAZARD_TRANSITIONS.map((t) => [t.action, t.label]),
) as Record<HazardAction, string>;

export function transitionOf(action: HazardAction): HazardTransition {
  const t = HAZARD_TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`no hazard transition ${action}`);
  return t;
}

/** Why a guard does not hold (a 409 message), or null. */
export function guardProblem(guard: HazardGuard | undefined, h: GuardFacts): string | null {
  return guard === undefined ? null : HAZARD_WORKFLOW.guards[guard](h);
}
