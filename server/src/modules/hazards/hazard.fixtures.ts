import type { HazardAction, HazardCreate } from '@tiegui/domain';
import { newId } from '../../lib/ids';
import type { TestContext } from '../../testing';

/** Test support for the hazard suites: uploaded-file rows, sample registrations and evidence. */

/** A file row owned by the user's org, as POST /api/files would leave it. */
export async function fileRefs(ctx: TestContext, username: string, name = '照片.jpg') {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const id = newId();
  await ctx.db
    .insertInto('files')
    .values({
      id,
      sha256: 'a'.repeat(64),
      name,
      mime: 'image/jpeg',
      size: 10,
      owner_org_id: user.org_id,
      uploaded_by: user.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  return [{ id, name }];
}

// The suites register these again and again at one mine on one day: they confirm what would be a duplicate.
export const MAJOR: Omit<HazardCreate, 'photos' | 'files' | 'productionStop'> = {
  level: 'major',
  categoryCode: 'C09',
  itemCode: 'C09-3',
  description: '回采工作面前方未按规定探放水即组织采掘作业',
  location: '井下3102回采工作面',
  foundOn: '2024-07-30',
  foundBy: '孙安全',
  source: 'self_check',
  confirmDuplicate: true,
};

export const GENERAL: Omit<HazardCreate, 'photos' | 'files' | 'productionStop'> = {
  level: 'general',
  description: '主运输巷电缆吊挂不规范',
  location: '井下主运输巷',
  foundOn: '2024-07-30',
  foundBy: '孙安全',
  source: 'self_check',
  confirmDuplicate: true,
};

type Files = Awaited<ReturnType<typeof fileRefs>>;

/** Valid evidence for every action: a new transition fails to compile until it has a sample. */
export const SAMPLE_EVIDENCE: Record<HazardAction, (files: Files) => Record<string, unknown>> = {
  plan: () => ({
    responsibleUnit: '地测防治水科',
    responsiblePerson: '周矿长',
    measures: '补打探放水钻孔，停止受威胁区域作业',
    fundsYuan: 12345.67,
    timeLimit: '2024-08-31',
    contingencyPlan: '透水事故应急预案',
    goal: '消除水害威胁',
    methods: '先探后掘',
    organisation: '矿长任组长',
    safetyMeasures: '设警戒，专人监护',
  }),
  startRectification: () => ({
    responsiblePerson: '机电队长',
    measures: '重新吊挂电缆',
    timeLimit: '2024-08-10',
  }),
  reportProgress: (files) => ({ progress: '已完成钻孔设计', photos: files }),
  declareRectified: (files) => ({ summary: '整改完成', files }),
  evaluate: (files) => ({
    evaluatorKind: 'agency',
    evaluator: '示例评价公司',
    conclusion: '合格',
    reportFiles: files,
  }),
  failEvaluation: (files) => ({
    evaluatorKind: 'own_experts',
    evaluator: '总工程师',
    conclusion: '钻孔深度不足',
    reportFiles: files,
  }),
  applyResume: (files) => ({ application: '申请恢复生产', files }),
  approveResume: () => ({ opinion: '同意恢复生产' }),
  refuseResume: () => ({ opinion: '排水系统未验收' }),
  close: () => ({
    verificationNote: '现场核查合格',
    rootCauseCategory: 'management',
    rootCause: '探放水制度执行不到位',
  }),
  closeGeneral: () => ({ verificationNote: '复查合格' }),
  requestExtension: () => ({ newTimeLimit: '2024-09-30', reason: '设备到货延迟' }),
  grantExtension: () => ({ opinion: '同意' }),
  refuseExtension: () => ({ opinion: '理由不充分' }),
  orderStop: () => ({ scope: 'mine', note: '责令全矿停产整改' }),
};
