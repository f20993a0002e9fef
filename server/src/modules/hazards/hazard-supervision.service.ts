import type { ZSupervisionCreate } from '@tiegui/domain';
import {
  type HazardDetail,
  hasPermission,
  SUPERVISION_LEVELS,
  type Supervision,
  shanghaiDate,
} from '@tiegui/domain';
import type { z } from 'zod';
import { OutOfScopeError } from '../../access/access';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { notify } from './hazard.effects';
import {
  deadlineOverdue,
  isRegulator,
  nextReportAt,
  presentSupervision,
  reportOverdue,
} from './hazard.present';
import { findHazard } from './hazard.repository';
import { getHazard, type HazardDeps } from './hazard.service';
import {
  claimSupervisionNotice,
  insertHazardEvent,
  insertSupervision,
  markSupervisionRemoved,
  openSupervisions,
  supervisionsOf,
} from './hazard-history.repository';

/**
 * 挂牌督办: a regulator lists a major hazard with a deadline and a reporting cadence; the supervision
 * is named after the supervising org's level. Progress reports notify it (see the transitions); overdue
 * reports and overdue hazards notify it through `checkSupervisionOverdue`; only the supervising org removes
 * the supervision, once the hazard is closed.
 */
export async function listForSupervision(
  deps: HazardDeps,
  actor: Actor,
  hazardId: string,
  input: z.infer<typeof ZSupervisionCreate>,
): Promise<HazardDetail> {
  const { db, clock } = deps;
  const row = await findHazard(db, actor, hazardId);
  if (!row) throw new OutOfScopeError('隐患');
  if (!isRegulator(actor) || !hasPermission(actor.roles, 'hazard.supervise'))
    throw forbidden('只有监管部门可以挂牌督办');
  if (row.level !== 'major') throw new AppError('CONFLICT', '挂牌督办适用于重大事故隐患');
  if (row.state === 'closed') throw new AppError('CONFLICT', '该隐患已销号，不能再挂牌督办');
  const active = (await supervisionsOf(db, [hazardId])).find(
    (s) => s.org_id === actor.orgId && !s.removed_at,
  );
  if (active) throw new AppError('CONFLICT', '本单位已对该隐患挂牌督办');
  const now = clock.now();
  if (input.deadline < shanghaiDate(now)) throw invalidField('deadline', '督办期限：不能早于今天');
  const level = actor.orgKind as keyof typeof SUPERVISION_LEVELS;
  await db.transaction().execute(async (trx) => {
    const id = newId();
    await insertSupervision(trx, {
      id,
      hazard_id: hazardId,
      org_id: actor.orgId,
      level,
      deadline: input.deadline,
      report_cadence: input.reportCadence,
      note: input.note ?? null,
      listed_at: now.toISOString(),
      listed_by: actor.userId,
      last_report_at: null,
      last_notified_on: null,
      removed_at: null,
      removed_by: null,
    });
    await insertHazardEvent(trx, {
      id: newId(),
      hazard_id: hazardId,
      action: 'supervise',
      from_state: row.state,
      to_state: row.state,
      actor_user_id: actor.userId,
      actor_org_id: actor.orgId,
      at: now.toISOString(),
      evidence: JSON.stringify({ ...input, level: SUPERVISION_LEVELS[level] }),
    });
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'hazard.supervision_listed',
        entityType: 'hazard',
        entityId: hazardId,
        changes: { id, ...input },
      },
      now,
    );
    await notify(
      trx,
      [row.mine_id],
      {
        kind: 'hazard.supervised',
        title: `重大事故隐患已被${SUPERVISION_LEVELS[level]}，请于${input.deadline}前完成整改并按期报告进展`,
        link: `/hazards/${hazardId}`,
      },
      now,
    );
  });
  return getHazard(deps, actor, hazardId);
}

/** The supervising org removes its supervision (摘牌), at or after the hazard's closure. */
export async function removeSupervision(
  deps: HazardDeps,
  actor: Actor,
  hazardId: string,
  note: string | undefined,
): Promise<HazardDetail> {
  const { db, clock } = deps;
  const row = await findHazard(db, actor, hazardId);
  if (!row) throw new OutOfScopeError('隐患');
  const mine = (await supervisionsOf(db, [hazardId])).find((s) => !s.removed_at && s.org_id === actor.orgId);
  if (!mine || !hasPermission(actor.roles, 'hazard.supervise'))
    throw forbidden('只有挂牌督办的单位可以解除督办');
  if (row.state !== 'closed') throw new AppError('CONFLICT', '隐患销号后才能解除挂牌督办');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await markSupervisionRemoved(trx, mine.id, now.toISOString(), actor.userId);
    await insertHazardEvent(trx, {
      id: newId(),
      hazard_id: hazardId,
      action: 'unsupervise',
      from_state: row.state,
      to_state: row.state,
      actor_user_id: actor.userId,
      actor_org_id: actor.orgId,
      at: now.toISOString(),
      evidence: JSON.stringify({ note: note ?? null }),
    });
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'hazard.supervision_removed',
        entityType: 'hazard',
        entityId: hazardId,
        changes: { id: mine.id, note },
      },
      now,
    );
  });
  return getHazard(deps, actor, hazardId);
}

/**
 * Notifies each supervising org of its supervisions whose progress report is late or whose hazard is past its
 * deadline or time limit, at most once a day per supervision. Callable by a scheduled job (no
 * `supervisingOrgId`: every supervision) or by a regulator for its own supervisions. Returns what it found.
 */
export async function checkSupervisionOverdue(
  deps: HazardDeps,
  actor: Actor | null,
  options: { supervisingOrgId?: string } = {},
) {
  const { db, clock } = deps;
  const now = clock.now();
  const today = shanghaiDate(now);
  const rows = await openSupervisions(db, actor, options.supervisingOrgId);
  const found = rows
    .map((s) => ({
      s,
      report: reportOverdue(s, s.state, now),
      deadline: deadlineOverdue(s, s.state, now) || (s.due_at !== null && s.due_at < now.toISOString()),
    }))
    .filter((x) => x.report || x.deadline);
  const due = found.filter((x) => x.s.last_notified_on !== today);
  let notified = 0;
  if (due.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const { s, report, deadline } of due) {
        // Claim the day's notice first: with several server processes (PostgreSQL behind a load
        // balancer) two rounds may find the same supervision, and only the one whose update matched
        // sends it.
        if (!(await claimSupervisionNotice(trx, s.id, today))) continue;
        notified += 1;
        const what = [report ? '未按期报告整改进展' : null, deadline ? '已超过整改期限' : null]
          .filter(Boolean)
          .join('、');
        await notify(
          trx,
          [s.org_id],
          {
            kind: 'hazard.supervision_overdue',
            title: `督办隐患逾期：${s.mine_name}${what}`,
            link: `/hazards/${s.hazard_id}`,
          },
          now,
        );
      }
      await appendAudit(
        trx,
        actor ? auditActorOf(actor) : { userId: null, username: 'system', orgId: null, ip: null },
        {
          action: 'hazard.supervision_checked',
          entityType: 'hazard',
          changes: { overdue: found.length, notified },
        },
        now,
      );
    });
  }
  return {
    overdue: found.map(({ s, report, deadline }) => ({
      supervisionId: s.id,
      hazardId: s.hazard_id,
      mineName: s.mine_name,
      orgName: s.org_name,
      reportOverdue: report,
      deadlineOverdue: deadline,
    })),
    notified,
  };
}

/**
 * The active supervisions of hazards the caller already read in the actor's scope (with their
 * states), each with the day its next progress report falls due.
 */
export async function activeSupervisionsOf(
  { db, clock }: HazardDeps,
  actor: Actor,
  hazards: readonly { id: string; state: string }[],
): Promise<(Supervision & { reportDueOn: string })[]> {
  const now = clock.now();
  const states = new Map(hazards.map((h) => [h.id, h.state]));
  const rows = await supervisionsOf(db, [...states.keys()]);
  return rows
    .filter((s) => !s.removed_at)
    .map((s) => ({
      ...presentSupervision(s, actor, states.get(s.hazard_id) ?? 'closed', now),
      reportDueOn: shanghaiDate(nextReportAt(s)),
    }));
}
