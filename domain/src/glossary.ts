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
  supervision: '督办',
  closure: '销号',
  signOff: '签收',
  tip: '举报',
  criminalReferral: '行刑衔接（移送公安机关）',
  obligation: '任务（某单位对某项职责的应交事项）',
  campaign: '专项活动',
  notice: '通知（文件）',
};
