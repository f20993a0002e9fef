/**
 * One identifier per domain word; the code uses no synonyms. Extend it as features land.
 */
export const GLOSSARY: Record<string, string> = {
  org: '单位（组织机构）',
  mine: '矿山企业',
  division: '监察执法处',
  group: '矿山上级公司',
  supervisor: '监管部门（直接负责安全监管的应急管理局）',
  regionCode: '行政区划代码（GB/T 2260）',
  uscc: '统一社会信用代码（GB 32100）',
  registry: '基础信息数据库（矿山登记）',
  principal: '矿长（主要负责人）',
  scope: '数据范围',
  audit: '审计日志',
  hazard: '隐患',
  majorHazard: '重大事故隐患',
  rectification: '整改',
  supervision: '挂牌督办（督办；督办它的单位是 supervising org）',
  closure: '销号',
  signOff: '签收',
  tip: '举报',
  criminalReferral: '行刑衔接（移送公安机关）',
  duty: '职责（活动方案中的一项：由谁、何时、交什么；启动活动时生成各单位的任务）',
  obligation: '任务（某单位对某项职责的应交事项）',
  campaign: '专项活动',
  notice: '通知（文件）',
  forward: '转发',
  urge: '催办',
  rollup: '逐级汇总（签收情况）',
  delivery: '送达（某单位收到某通知）',
  submission: '报送（任务的一个版本）',
  board: '进度看板',
  hazardLevel: '隐患等级（重大 / 一般）',
  hazardStandard: '重大事故隐患判定标准（隐患类别目录）',
  fiveInPlace: '五落实（整改责任、措施、资金、时限、预案）',
  treatmentPlan: '治理方案（重大事故隐患）',
  progressReport: '整改进展报告',
  evaluation: '评估（整改效果评估）',
  resumeProduction: '恢复生产（复产）',
  productionStop: '停产整改',
  extension: '延期（整改时限）',
  recurrence: '3个月内2次及以上发现重大事故隐患仍然生产',
  closureProposal: '提请关闭',
  monthlyInvestigation: '主要负责人月度重大事故隐患排查',
  investigationCoverage: '月度排查记录情况（范围内已记录、未记录的矿山）',
  catalogCategory: '隐患类别（判定标准的一条）',
  catalogItem: '具体情形（隐患类别下的一种情形）',
  catalogComplete: '已补全（类别的情形已核对原文列全；否则待补全）',
  rootCause: '原因分析（根源）',
  selfReported: '企业自查自报',
  zeroing: '动态清零',
  ledger: '隐患台账',
  search: '全文检索（隐患内容和地点中的字词，搜索词）',
  accountChange: '账号变更申请（三员：系统管理员提交，另一管理员审批生效）',
  activation: '激活（凭一次性激活码由本人设置密码）',
};

/**
 * Words the code does not use as identifiers (or parts of one), with the glossary's word to use
 * instead. A test reads every identifier of the code and fails on any of these.
 */
export const SYNONYMS: Record<string, string> = {
  lister: 'supervision（挂牌督办；督办单位 supervising org）',
  listers: 'supervision（挂牌督办；督办单位 supervising org）',
  listing: 'supervision（挂牌督办）',
  listings: 'supervision（挂牌督办）',
  remediation: 'rectification（整改）',
  remediate: 'rectification（整改）',
  whistleblower: 'tip（举报）',
  whistleblowing: 'tip（举报）',
  complaint: 'tip（举报）',
  writeoff: 'closure（销号）',
};

/** Whole identifiers that mix the plan's duty with an org's obligation (任务 is `obligation`). */
export const MISNAMED_IDENTIFIERS: Record<string, string> = {
  listDuties: 'listObligations',
  ZDutiesQuery: 'ZObligationsQuery',
  myDuties: 'myObligations',
  MyDutiesCard: 'MyObligationsCard',
  DutiesPage: 'ObligationsPage',
  DutyDetailPage: 'ObligationDetailPage',
};
