import type { Db } from '../db/database';
import type { FileStore } from '../modules/files/file.store';
import { listForSupervision } from '../modules/hazards/hazard-supervision.service';
import { demoActors, movableClock } from './demo-actors';
import { demoHazardKit } from './demo-hazard-kit';

/**
 * Demo hazards for 代县 and 原平 mines in various states, deterministic: registered, planned,
 * rectifying under a county supervision, closed with a root cause, a whole-mine stop waiting for the
 * resume consent, and a recurrence (two majors within 3 months while producing). Run through the
 * same commands as users, so history, audit and notifications are real. `store` writes the demo
 * attachment's bytes (the CLI passes the data folder's store; without it only the row exists).
 */
export async function seedDemoHazards(db: Db, options: { store?: FileStore } = {}): Promise<number> {
  // Once only: a database that has hazards keeps them.
  if (await db.selectFrom('hazards').select('id').limit(1).executeTakeFirst()) return 0;
  const clock = movableClock('2024-05-20T02:00:00.000Z');
  const at = (iso: string) => clock.set(`${iso}T02:00:00.000Z`);
  const deps = { db, clock };
  const actors = await demoActors(db);
  const dx = actors.named('dx-mine');
  const yp = actors.named('yp-mine');
  const county = actors.named('dx-county');
  const city = actors.named('xz-city');

  const { fileFor, register, act, plan } = await demoHazardKit(db, clock, options.store);

  // 代县示例东山煤矿: a major hazard closed with a root cause.
  at('2024-06-10');
  const water = await register(dx, {
    level: 'major',
    categoryCode: 'C09',
    itemCode: 'C09-3',
    description: '3号煤层回采工作面前方未按规定进行探放水即组织采掘作业。（示例数据）',
    location: '井下3102回采工作面',
    foundOn: '2024-06-10',
    foundBy: '孙安全',
    source: 'self_check',
  });
  await act(dx, water, 'plan', plan('周矿长', '2024-07-10', 185000));
  at('2024-06-20');
  await act(dx, water, 'reportProgress', { progress: '已完成探放水设计，施工钻孔12个。（示例数据）' });
  at('2024-07-05');
  await act(dx, water, 'declareRectified', {
    summary: '探放水工程完成，水压降至安全值。（示例数据）',
    files: await fileFor(dx, '探放水验收记录.pdf'),
  });
  at('2024-07-08');
  await act(dx, water, 'evaluate', {
    evaluatorKind: 'own_experts',
    evaluator: '矿总工程师及外聘专家3人',
    conclusion: '整改到位，具备安全条件。（示例数据）',
    reportFiles: await fileFor(dx, '整改效果评估报告.pdf'),
  });
  at('2024-07-12');
  await act(county, water, 'close', {
    verificationNote: '现场核查探放水钻孔和记录，符合要求。（示例数据）',
    rootCauseCategory: 'management',
    rootCause: '探放水管理制度执行不到位，技术人员未按设计施工。（示例数据）',
    finderReward: { recipient: '孙安全', amountYuan: 2000 },
    penalty: { person: '生产副矿长', measure: '通报批评并扣减当月绩效。（示例数据）' },
  });

  // A major hazard under rectification, listed for supervision by the county.
  at('2024-07-20');
  const ventilation = await register(dx, {
    level: 'major',
    categoryCode: 'C08',
    itemCode: 'C08-6',
    description: '2号联络巷风门不合规造成风流短路。（示例数据）',
    location: '井下二采区2号联络巷',
    foundOn: '2024-07-20',
    foundBy: '周矿长',
    source: 'monthly_investigation',
    productionStop: 'area',
    stoppedArea: '二采区',
  });
  await act(dx, ventilation, 'plan', plan('周矿长', '2024-08-20', 60000));
  at('2024-07-24');
  await listForSupervision(deps, county, ventilation, { deadline: '2024-08-20', reportCadence: 'weekly' });
  await act(dx, ventilation, 'reportProgress', { progress: '新风门已到货，正在安装。（示例数据）' });

  // General hazards: one being fixed, one closed by the mine itself.
  at('2024-07-25');
  const cable = await register(dx, {
    level: 'general',
    description: '主运输巷电缆吊挂不规范。（示例数据）',
    location: '井下主运输巷',
    foundOn: '2024-07-25',
    foundBy: '孙安全',
    source: 'self_check',
  });
  await act(dx, cable, 'startRectification', {
    responsiblePerson: '机电队长',
    measures: '重新吊挂电缆。',
    timeLimit: '2024-07-31',
  });
  const sign = await register(dx, {
    level: 'general',
    description: '避难硐室指示标志缺失。（示例数据）',
    location: '井下避难硐室',
    foundOn: '2024-07-25',
    foundBy: '孙安全',
    source: 'self_check',
  });
  await act(dx, sign, 'startRectification', {
    responsiblePerson: '安全员',
    measures: '补设标志。',
    timeLimit: '2024-07-27',
  });
  await act(dx, sign, 'declareRectified', { summary: '已补设。', files: await fileFor(dx, '整改照片.pdf') });
  await act(dx, sign, 'closeGeneral', { verificationNote: '复查合格。' });

  // 原平市示例东山煤矿: a recurrence (two majors within 3 months while producing) …
  at('2024-05-20');
  const first = await register(yp, {
    level: 'major',
    categoryCode: 'C18',
    itemCode: 'C18-2',
    description: '安全生产费用未足额提取。（示例数据）',
    location: '财务部',
    foundOn: '2024-05-20',
    foundBy: '吴安全',
    source: 'self_check',
  });
  await act(yp, first, 'plan', { ...plan('吴安全', '2024-06-30', 0), responsibleUnit: '财务部' });
  at('2024-06-25');
  await act(yp, first, 'reportProgress', { progress: '已补提安全费用。（示例数据）' });
  await act(yp, first, 'declareRectified', {
    summary: '补提到位。',
    files: await fileFor(yp, '补提凭证.pdf'),
  });
  await act(yp, first, 'evaluate', {
    evaluatorKind: 'agency',
    evaluator: '示例安全评价有限公司',
    conclusion: '符合要求。',
    reportFiles: await fileFor(yp, '评价报告.pdf'),
  });
  at('2024-06-30');
  await act(city, first, 'close', {
    verificationNote: '核查补提凭证，符合要求。（示例数据）',
    rootCauseCategory: 'investment',
    rootCause: '企业未按规定比例提取安全生产费用。（示例数据）',
  });
  at('2024-07-15');
  await register(yp, {
    level: 'major',
    categoryCode: 'C13',
    itemCode: 'C13-5',
    description: '1203采煤工作面只有1个畅通的安全出口。（示例数据）',
    location: '井下1203采煤工作面',
    foundOn: '2024-07-15',
    foundBy: '吴安全',
    source: 'self_check',
  });
  // … and an inspection that stopped the whole mine (停产整顿), rectified and applying to resume.
  at('2024-07-18');
  const gas = await register(city, {
    mineId: yp.orgId,
    level: 'major',
    categoryCode: 'C05',
    itemCode: 'C05-2',
    description: '回风巷瓦斯超限后未停止作业。（示例数据）',
    location: '井下1201回风巷',
    foundOn: '2024-07-18',
    foundBy: '赵市局',
    source: 'inspection',
    productionStop: 'mine',
  });
  await act(yp, gas, 'plan', plan('吴安全', '2024-08-15', 320000));
  at('2024-07-26');
  await act(yp, gas, 'reportProgress', { progress: '已更换甲烷传感器，完善断电闭锁。（示例数据）' });
  await act(yp, gas, 'declareRectified', { summary: '整改完成。', files: await fileFor(yp, '整改报告.pdf') });
  at('2024-07-28');
  await act(yp, gas, 'evaluate', {
    evaluatorKind: 'agency',
    evaluator: '示例安全评价有限公司',
    conclusion: '具备复产条件。',
    reportFiles: await fileFor(yp, '复产评估报告.pdf'),
  });
  await act(yp, gas, 'applyResume', {
    application: '申请恢复生产。（示例数据）',
    files: await fileFor(yp, '复产申请.pdf'),
  });
  return 8;
}
