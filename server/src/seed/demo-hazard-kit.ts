import { createHash } from 'node:crypto';
import type { HazardAction, HazardCreate } from '@tiegui/domain';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { FileStore } from '../modules/files/file.store';
import { insertCheckedHazard, prepareHazard } from '../modules/hazards/hazard.service';
import { executeTransition } from '../modules/hazards/hazard.workflow';

const PDF = Buffer.from('%PDF-1.4\n% 示例文件（演示数据）\n%%EOF\n');

export type DemoHazardInput = Omit<HazardCreate, 'photos' | 'files' | 'productionStop'> &
  Partial<HazardCreate>;

/**
 * What the demo's hazard seeds do, as the pages do it, at the clock's time: register a hazard, take a
 * step of its loop, attach the demo PDF (its bytes written once to `store`, when given), and a 五落实
 * plan's evidence.
 */
export async function demoHazardKit(db: Db, clock: Clock, store?: FileStore) {
  const sha256 = createHash('sha256').update(PDF).digest('hex');
  await store?.put(sha256, PDF);
  const deps = { db, clock };
  return {
    async fileFor(actor: Actor, name: string) {
      const id = newId();
      await db
        .insertInto('files')
        .values({
          id,
          sha256,
          name,
          mime: 'application/pdf',
          size: PDF.length,
          owner_org_id: actor.orgId,
          uploaded_by: actor.userId,
          created_at: clock.now().toISOString(),
        })
        .execute();
      return [{ id, name }];
    },
    async register(actor: Actor, input: DemoHazardInput) {
      const full: HazardCreate = { photos: [], files: [], productionStop: 'none', ...input };
      const prepared = await prepareHazard(db, actor, full, clock.now());
      return db.transaction().execute((trx) => insertCheckedHazard(trx, actor, full, prepared, clock.now()));
    },
    act: (actor: Actor, id: string, action: HazardAction, evidence: object) =>
      executeTransition(deps, actor, id, action, evidence),
    plan: (person: string, timeLimit: string, fundsYuan: number) => ({
      responsibleUnit: '通风科',
      responsiblePerson: person,
      measures: '按治理方案逐项整改，整改期间停止受威胁区域作业。（示例数据）',
      fundsYuan,
      timeLimit,
      contingencyPlan: '启动矿井灾害预防和处理计划，撤出受威胁区域人员。（示例数据）',
      goal: '消除重大事故隐患，恢复系统可靠运行。（示例数据）',
      methods: '技术改造与加强管理相结合。（示例数据）',
      organisation: '矿长任组长，总工程师具体负责。（示例数据）',
      safetyMeasures: '整改区域设警戒，专人监护。（示例数据）',
    }),
  };
}
