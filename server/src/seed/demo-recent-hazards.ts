import { addDays, shanghaiDate } from '@tiegui/domain';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import type { FileStore } from '../modules/files/file.store';
import { listForSupervision } from '../modules/hazards/hazard-supervision.service';
import { demoActors, movableClock } from './demo-actors';
import { demoHazardKit } from './demo-hazard-kit';
import { recordDemoInvestigation } from './demo-investigations';
import { monthFrom, RECENT_FROM } from './demo-recent';

/** A major hazard of the last year: where and what, and how many days ago it was found. */
interface RecentMajor {
  mine: 'dx-mine' | 'yp-mine';
  categoryCode: string;
  itemCode: string;
  description: string;
  location: string;
  daysAgo: number;
  /** Days from finding to closure; open when absent. */
  closedAfter?: number;
  /** Days its rectification was given (past for an overdue one). */
  timeLimit: number;
  supervised?: boolean;
}

// biome-ignore format: one hazard per line reads like the register it stands for
const MAJORS: RecentMajor[] = [
  { mine: 'dx-mine', categoryCode: 'C09', itemCode: 'C09-3', description: '5号煤层掘进工作面未按设计施工探放水钻孔。（示例数据）', location: '井下5101掘进工作面', daysAgo: 340, closedAfter: 38, timeLimit: 40 },
  { mine: 'yp-mine', categoryCode: 'C05', itemCode: 'C05-2', description: '回风巷甲烷传感器断电值设置错误。（示例数据）', location: '井下1202回风巷', daysAgo: 305, closedAfter: 30, timeLimit: 30, supervised: true },
  { mine: 'dx-mine', categoryCode: 'C08', itemCode: 'C08-6', description: '采区风门未联锁造成风流短路。（示例数据）', location: '井下三采区联络巷', daysAgo: 262, closedAfter: 26, timeLimit: 30 },
  { mine: 'yp-mine', categoryCode: 'C13', itemCode: 'C13-5', description: '1205采煤工作面安全出口不畅通。（示例数据）', location: '井下1205采煤工作面', daysAgo: 221, closedAfter: 21, timeLimit: 25 },
  { mine: 'dx-mine', categoryCode: 'C18', itemCode: 'C18-2', description: '上年度安全生产费用提取不足。（示例数据）', location: '财务部', daysAgo: 180, closedAfter: 35, timeLimit: 40 },
  { mine: 'yp-mine', categoryCode: 'C09', itemCode: 'C09-3', description: '雨季前未按规定对地面塌陷区进行治理。（示例数据）', location: '井田范围地面塌陷区', daysAgo: 150, closedAfter: 45, timeLimit: 50, supervised: true },
  { mine: 'dx-mine', categoryCode: 'C05', itemCode: 'C05-2', description: '掘进工作面瓦斯超限后未停止作业撤出人员。（示例数据）', location: '井下5103掘进工作面', daysAgo: 118, closedAfter: 28, timeLimit: 30 },
  { mine: 'yp-mine', categoryCode: 'C08', itemCode: 'C08-6', description: '主要通风机未按规定进行性能测定。（示例数据）', location: '地面主通风机房', daysAgo: 84, closedAfter: 20, timeLimit: 25 },
  { mine: 'yp-mine', categoryCode: 'C13', itemCode: 'C13-5', description: '1206采煤工作面只有1个畅通的安全出口。（示例数据）', location: '井下1206采煤工作面', daysAgo: 52, timeLimit: 30, supervised: true },
  { mine: 'yp-mine', categoryCode: 'C18', itemCode: 'C18-2', description: '安全生产费用未按规定专户核算。（示例数据）', location: '财务部', daysAgo: 33, timeLimit: 45 },
  { mine: 'yp-mine', categoryCode: 'C09', itemCode: 'C09-3', description: '采空区积水未查清即组织回采。（示例数据）', location: '井下1207回采工作面', daysAgo: 12, timeLimit: 40 },
];

/** General hazards: found some days ago, fixed by the mine a few days later unless `open`. */
// biome-ignore format: one hazard per line
const GENERALS: { mine: 'dx-mine' | 'yp-mine'; description: string; location: string; daysAgo: number; open?: boolean }[] = [
  { mine: 'dx-mine', description: '井下水泵房配电柜接地不良。（示例数据）', location: '井下中央水泵房', daysAgo: 320 },
  { mine: 'yp-mine', description: '皮带机头防护栏缺失。（示例数据）', location: '井下主运输皮带机头', daysAgo: 240 },
  { mine: 'dx-mine', description: '井口人员定位读卡器故障。（示例数据）', location: '副井井口', daysAgo: 160 },
  { mine: 'yp-mine', description: '消防器材未按期检验。（示例数据）', location: '井下消防材料库', daysAgo: 95 },
  { mine: 'dx-mine', description: '井下巷道局部积水影响行人。（示例数据）', location: '井下轨道大巷', daysAgo: 20, open: true },
];

/**
 * The demo mines' hazards of a year up to `today`, found from `from` on, through the same commands as
 * users: majors found, planned, rectified, evaluated and closed by the county (原平's by the city;
 * 代县's after stopping the area and resuming it, 原平's while producing, hence recurrences), some
 * under 挂牌督办, and general ones fixed and closed by the mine. For the last twelve months two
 * majors are still being rectified (one past its time limit), one is just planned and one general is
 * open; a year gone by (`closed`) has them all closed.
 */
export async function seedHazardYear(
  db: Db,
  options: { today: string; from: string; closed: boolean; store?: FileStore },
): Promise<number> {
  const { today } = options;
  const clock = movableClock(`${today}T02:00:00.000Z`);
  const day = (daysAgo: number) => addDays(today, -daysAgo);
  const at = (date: string) => clock.set(`${date}T02:00:00.000Z`);
  const actors = await demoActors(db);
  const closer: Record<RecentMajor['mine'], Actor> = {
    'dx-mine': actors.named('dx-county'),
    'yp-mine': actors.named('xz-city'),
  };
  const { fileFor, register, act, plan } = await demoHazardKit(db, clock, options.store);
  let written = 0;
  for (const h of MAJORS) {
    const mine = actors.named(h.mine);
    const found = day(h.daysAgo);
    if (found < options.from) continue;
    const closedAfter = h.closedAfter ?? (options.closed ? h.timeLimit - 2 : undefined);
    // 代县's demo mine stops the area each time (so it has no recurrence); 原平's keeps producing.
    const stopsArea = h.mine === 'dx-mine';
    at(found);
    const id = await register(mine, {
      level: 'major',
      categoryCode: h.categoryCode,
      itemCode: h.itemCode,
      description: h.description,
      location: h.location,
      foundOn: found,
      foundBy: mine.username === 'dx-mine' ? '孙安全' : '吴安全',
      source: h.daysAgo % 2 === 0 ? 'monthly_investigation' : 'self_check',
      ...(stopsArea ? { productionStop: 'area' as const, stoppedArea: h.location } : {}),
    });
    written++;
    await act(mine, id, 'plan', plan('矿长', addDays(found, h.timeLimit), 50000 + h.daysAgo * 300));
    if (h.daysAgo < 20 && closedAfter === undefined) continue;
    at(addDays(found, 3));
    if (h.supervised)
      await listForSupervision({ db, clock }, closer[h.mine], id, {
        deadline: addDays(found, h.timeLimit),
        reportCadence: 'weekly',
      });
    await act(mine, id, 'reportProgress', { progress: '已按方案组织施工，完成约一半工程量。（示例数据）' });
    if (closedAfter === undefined) continue;
    at(addDays(found, closedAfter - 6));
    await act(mine, id, 'declareRectified', {
      summary: '整改工程完成。（示例数据）',
      files: await fileFor(mine, '整改完成报告.pdf'),
    });
    at(addDays(found, closedAfter - 3));
    await act(mine, id, 'evaluate', {
      evaluatorKind: 'own_experts',
      evaluator: '矿总工程师及外聘专家3人',
      conclusion: '整改到位，具备安全条件。（示例数据）',
      reportFiles: await fileFor(mine, '整改效果评估报告.pdf'),
    });
    if (stopsArea) {
      await act(mine, id, 'applyResume', {
        application: '整改完成并经评估，申请恢复受影响区域生产。（示例数据）',
        files: await fileFor(mine, '复产申请.pdf'),
      });
      at(addDays(found, closedAfter - 1));
      await act(closer[h.mine], id, 'approveResume', {});
    }
    at(addDays(found, closedAfter));
    await act(closer[h.mine], id, 'close', {
      verificationNote: '现场核查整改工程和记录，符合要求。（示例数据）',
      rootCauseCategory: 'management',
      rootCause: '现场管理不到位，制度执行不严。（示例数据）',
    });
  }
  for (const g of GENERALS) {
    const mine = actors.named(g.mine);
    const found = day(g.daysAgo);
    if (found < options.from) continue;
    at(found);
    const id = await register(mine, {
      level: 'general',
      description: g.description,
      location: g.location,
      foundOn: found,
      foundBy: mine.username === 'dx-mine' ? '孙安全' : '吴安全',
      source: 'self_check',
    });
    written++;
    await act(mine, id, 'startRectification', {
      responsiblePerson: '机电队长',
      measures: '按要求整改。（示例数据）',
      timeLimit: addDays(found, 7),
    });
    if (g.open && !options.closed) continue;
    at(addDays(found, 4));
    await act(mine, id, 'declareRectified', {
      summary: '已整改。',
      files: await fileFor(mine, '整改照片.pdf'),
    });
    await act(mine, id, 'closeGeneral', { verificationNote: '复查合格。' });
  }
  return written;
}

/**
 * The demo mines' 月度排查 of the months before the follow-up list (from RECENT_FROM, at most the
 * last twelve months): the list's own months are recorded with its reports.
 */
export async function seedRecentInvestigations(db: Db, now: Date): Promise<number> {
  const month = shanghaiDate(now).slice(0, 7);
  const actors = await demoActors(db);
  const clock = movableClock(now.toISOString());
  let written = 0;
  for (let back = 11; back >= 2; back--) {
    const m = monthFrom(month, -back);
    if (`${m}-01` < RECENT_FROM) continue;
    for (const [i, username] of ['dx-mine', 'yp-mine'].entries()) {
      const on = `${m}-${String(20 + i * 3).padStart(2, '0')}`;
      clock.set(`${on}T08:00:00.000Z`);
      await recordDemoInvestigation({ db, clock }, actors.named(username), {
        month: m,
        on,
        leader: username === 'dx-mine' ? '周矿长' : '吴安全',
        notes: '本月排查情况已登记，发现的隐患已纳入治理。（示例数据）',
      });
      written++;
    }
  }
  return written;
}
