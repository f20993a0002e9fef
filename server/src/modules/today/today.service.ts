import {
  daysBetween,
  HAZARD_WORKFLOW,
  type HazardAction,
  hasPermission,
  type Obligation,
  shanghaiDate,
  type Today,
} from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { boardRegions } from '../campaigns/board.service';
import { listCampaigns } from '../campaigns/campaign.service';
import { listObligations } from '../campaigns/obligation.service';
import { listHazardsPage } from '../hazards/hazard.service';
import { activeSupervisionsOf } from '../hazards/hazard-supervision.service';
import { inboxNotices } from '../notices/notice.service';

export interface TodayDeps {
  db: Db;
  clock: Clock;
}

const DAY = 86_400_000;
/** A duty or report due within this many days is today's work. */
const SOON_DAYS = 7;
/** Open hazards read to find those waiting for the user: the page a person works through. */
const HAZARD_WINDOW = 200;
const HAZARDS_SHOWN = 20;
const REGIONS_SHOWN = 10;

/** Whole Beijing calendar days from today to a deadline's day; negative once that day has passed. */
const daysLeft = (dueAt: string, now: Date) => daysBetween(shanghaiDate(now), shanghaiDate(new Date(dueAt)));

const isOpen = (o: Obligation) => o.state === 'pending' || o.state === 'returned';

/**
 * An action that someone is waiting for: it moves the hazard to another state, or answers an
 * extension request. Optional steps (a progress report, a stop order) wait for no one.
 */
function advances(action: HazardAction, state: string): boolean {
  const step = HAZARD_WORKFLOW.actions[action];
  const guard: string | undefined = 'guard' in step ? step.guard : undefined;
  if (step.to === null) return guard === 'extensionPending';
  return step.to !== state;
}

/** My org's duties overdue or due within the week, and how many are open at all. */
async function dutiesOf(deps: TodayDeps, actor: Actor, now: Date) {
  const mine = (await listObligations(deps, actor, { scope: 'mine' })).filter(isOpen);
  const duties = mine
    .map((o) => ({ o, days: daysLeft(o.dueAt, now) }))
    .filter(({ o, days }) => o.overdue || days <= SOON_DAYS)
    .map(({ o, days }) => ({
      id: o.id,
      task: o.task,
      dutyTitle: o.dutyTitle,
      campaignTitle: o.campaignTitle,
      periodLabel: o.periodLabel,
      dueAt: o.dueAt,
      state: o.state,
      daysLeft: o.overdue ? Math.min(days, -1) : Math.max(days, 0),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
  return { dutiesOpen: mine.length, duties };
}

async function reviewsOf(deps: TodayDeps, actor: Actor) {
  if (!hasPermission(actor.roles, 'obligation.review')) return [];
  const waiting = await listObligations(deps, actor, { scope: 'review' });
  return waiting.map((o) => ({
    id: o.id,
    dutyTitle: o.dutyTitle,
    orgName: o.orgName,
    submittedAt: o.submittedAt,
  }));
}

async function noticesOf(deps: TodayDeps, actor: Actor) {
  if (!hasPermission(actor.roles, 'notice.read')) return [];
  // A mine has no org below it to relay to.
  const relays = hasPermission(actor.roles, 'notice.issue') && actor.orgKind !== 'mine';
  const items = await inboxNotices(deps, actor);
  return items.flatMap((n) => {
    const need = !n.delivery?.signedAt ? 'sign' : relays && !n.delivery.forwardedNoticeId ? 'relay' : null;
    return need
      ? [
          {
            id: n.id,
            docNumber: n.docNumber,
            title: n.title,
            issuerName: n.issuerName,
            replyDueAt: n.replyDueAt,
            need,
          } as const,
        ]
      : [];
  });
}

/** Open hazards in scope waiting for this user's step, and the supervisions whose reports fall due. */
async function hazardsOf(deps: TodayDeps, actor: Actor, now: Date) {
  if (!hasPermission(actor.roles, 'hazard.read'))
    return { hazards: [], hazardsMore: false, supervisions: [] };
  const open = await listHazardsPage(deps, actor, { open: true, sort: 'updatedAt', limit: HAZARD_WINDOW });
  const waiting = open.items
    .map((h) => ({ h, actions: h.actions.filter((a) => advances(a, h.state)) }))
    .filter((x) => x.actions.length > 0);
  const supervised = open.items.filter((h) => h.supervised);
  const soon = shanghaiDate(new Date(now.getTime() + SOON_DAYS * DAY));
  const names = new Map(supervised.map((h) => [h.id, h.mineName]));
  const supervisions = (await activeSupervisionsOf(deps, actor, supervised))
    // A mine reports to every supervising org; a regulator follows its own supervisions.
    .filter((s) => actor.orgKind === 'mine' || s.orgId === actor.orgId)
    .filter((s) => s.reportOverdue || s.deadlineOverdue || s.reportDueOn <= soon)
    .map((s) => ({
      hazardId: s.hazardId,
      mineName: names.get(s.hazardId) ?? '',
      orgName: s.orgName,
      reportDueOn: s.reportDueOn,
      reportOverdue: s.reportOverdue,
      deadline: s.deadline,
      deadlineOverdue: s.deadlineOverdue,
    }))
    .sort((a, b) => a.reportDueOn.localeCompare(b.reportDueOn));
  return {
    hazards: waiting.slice(0, HAZARDS_SHOWN).map(({ h, actions }) => ({
      id: h.id,
      mineName: h.mineName,
      description: h.description,
      level: h.level,
      state: h.state,
      dueAt: h.dueAt,
      overdue: h.overdue,
      actions,
    })),
    hazardsMore: waiting.length > HAZARDS_SHOWN || open.nextCursor !== null,
    supervisions,
  };
}

/** A group's view of its mines: their duties overdue and still open. */
async function mineDutiesOf(deps: TodayDeps, actor: Actor) {
  if (actor.orgKind !== 'group') return null;
  const open = (await listObligations(deps, actor, { scope: 'mines' })).filter(isOpen);
  return { overdue: open.filter((o) => o.overdue).length, open: open.length };
}

/** For a regulator above a county: the regions below behind on each active campaign, most behind first. */
async function behindOf(deps: TodayDeps, actor: Actor) {
  if (!['province', 'division', 'city'].includes(actor.orgKind)) return [];
  const active = (await listCampaigns(deps, actor)).filter((c) => c.state === 'active');
  const out = [];
  for (const c of active) {
    const { items } = await boardRegions(deps, actor, c.id, {});
    out.push(
      ...items.filter((r) => r.overdue > 0).map((r) => ({ ...r, campaignId: c.id, campaignTitle: c.title })),
    );
  }
  return out.sort((a, b) => a.rate - b.rate || b.overdue - a.overdue).slice(0, REGIONS_SHOWN);
}

/** 今日工作: everything waiting for the actor's org and role, each within the actor's scope. */
export async function today(deps: TodayDeps, actor: Actor): Promise<Today> {
  const now = deps.clock.now();
  const [duties, reviews, notices, hazards, mineDuties, behind] = await Promise.all([
    dutiesOf(deps, actor, now),
    reviewsOf(deps, actor),
    noticesOf(deps, actor),
    hazardsOf(deps, actor, now),
    mineDutiesOf(deps, actor),
    behindOf(deps, actor),
  ]);
  return { asOf: now.toISOString(), ...duties, reviews, notices, ...hazards, mineDuties, behind };
}
