import {
  HAZARD_ACTION_LABELS,
  HAZARD_WORKFLOW,
  type Hazard,
  type HazardEvent,
  type HazardFileRef,
  type HazardLevel,
  type HazardParty,
  type HazardSource,
  type HazardState,
  hasPermission,
  type ProductionStop,
  REGULATOR_KINDS,
  type Supervision,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import type { Database } from '../../db/schema';
import { beijingDate } from '../../lib/beijing';
import { actionsFor } from '../../workflow/engine';
import { standardVersion } from '../hazard-catalog/hazard-catalog.service';
import type { HazardRow } from './hazard.repository';
import type { SupervisionRow } from './hazard-history.repository';

export const isRegulator = (actor: Actor) => REGULATOR_KINDS.includes(actor.orgKind);

export const parseRefs = (json: string | null): HazardFileRef[] =>
  json ? (JSON.parse(json) as HazardFileRef[]) : [];

/** The hazard table's parties and facts: who the mine and the regulators are for a hazard row. */
export const HAZARD_RECORDS = {
  workflow: HAZARD_WORKFLOW,
  isParty: (party: HazardParty, actor: Actor, row: HazardRow) =>
    party === 'mine' ? actor.orgKind === 'mine' && actor.orgId === row.mine_id : isRegulator(actor),
  factsOf: (row: HazardRow) => ({
    state: row.state as HazardState,
    kind: row.level,
    facts: {
      state: row.state as HazardState,
      productionStop: row.production_stop as ProductionStop,
      extensionPending: row.extension_until !== null,
    },
  }),
};

export async function presentHazard(
  db: Kysely<Database>,
  actor: Actor,
  row: HazardRow,
  now: Date,
): Promise<Hazard> {
  const standard =
    row.catalog_key && row.catalog_version
      ? await standardVersion(db, row.catalog_key, row.catalog_version)
      : null;
  const category = standard?.categories.find((c) => c.code === row.category_code) ?? null;
  const item = category?.items.find((i) => i.code === row.item_code) ?? null;
  const plan = row.treatment_plan
    ? (JSON.parse(row.treatment_plan) as Record<string, unknown>)
    : ({} as Record<string, unknown>);
  const supervised = Boolean(row.supervised);
  const nowIso = now.toISOString();
  return {
    id: row.id,
    mineId: row.mine_id,
    mineName: row.mine_name,
    regionCode: row.region_code,
    level: row.level as HazardLevel,
    catalogKey: row.catalog_key,
    catalogVersion: row.catalog_version,
    categoryCode: row.category_code,
    categoryTitle: category?.title ?? null,
    itemCode: row.item_code,
    itemText: item?.text ?? null,
    description: row.description,
    location: row.location,
    foundOn: row.found_on,
    foundBy: row.found_by,
    foundByOrgId: row.found_by_org_id,
    foundByOrgName: row.found_by_org_name,
    source: row.source as HazardSource,
    sourceRef: row.source_ref,
    selfReported: row.self_reported === 1,
    photos: parseRefs(row.photos),
    files: parseRefs(row.files),
    productionStop: row.production_stop as ProductionStop,
    stoppedArea: row.stopped_area,
    immediateMeasures: row.immediate_measures,
    state: row.state as HazardState,
    plan: {
      responsibleUnit: row.responsible_unit,
      responsiblePerson: row.responsible_person,
      measures: row.measures,
      fundsFen: row.funds_fen === null ? null : Number(row.funds_fen),
      timeLimit: row.time_limit,
      contingencyPlan: row.contingency_plan,
      goal: (plan.goal as string | undefined) ?? null,
      methods: (plan.methods as string | undefined) ?? null,
      organisation: (plan.organisation as string | undefined) ?? null,
      safetyMeasures: (plan.safetyMeasures as string | undefined) ?? null,
      planFiles: (plan.planFiles as HazardFileRef[] | undefined) ?? [],
    },
    dueAt: row.due_at,
    overdue: row.state !== 'closed' && row.due_at !== null && row.due_at < nowIso,
    extension:
      row.extension_until && row.extension_reason && row.extension_requested_at
        ? {
            requestedUntil: row.extension_until,
            reason: row.extension_reason,
            requestedAt: row.extension_requested_at,
          }
        : null,
    closedAt: row.closed_at,
    closedOn: row.closed_on,
    daysToClose: row.days_to_close,
    rootCauseCategory: row.root_cause_category,
    rootCause: row.root_cause,
    recurrenceOf: row.recurrence_of,
    supervised,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actions: actionsFor(HAZARD_RECORDS, actor, row),
    abilities: {
      canSupervise:
        row.level === 'major' &&
        row.state !== 'closed' &&
        isRegulator(actor) &&
        hasPermission(actor.roles, 'hazard.supervise'),
    },
  };
}

/** Days a supervision's reports may lag, from its cadence. */
const CADENCE_DAYS: Record<string, number> = { weekly: 7, semimonthly: 15, monthly: 30 };

/** The instant the next progress report of a supervision falls due: one cadence after the last one. */
export function nextReportAt(
  s: Pick<SupervisionRow, 'last_report_at' | 'listed_at' | 'report_cadence'>,
): Date {
  const since = Date.parse(s.last_report_at ?? s.listed_at);
  return new Date(since + (CADENCE_DAYS[s.report_cadence] ?? 30) * 86_400_000);
}

export function reportOverdue(s: SupervisionRow, hazardState: string, now: Date): boolean {
  if (s.removed_at || hazardState === 'closed') return false;
  return now.getTime() > nextReportAt(s).getTime();
}

export function deadlineOverdue(s: SupervisionRow, hazardState: string, now: Date): boolean {
  return !s.removed_at && hazardState !== 'closed' && s.deadline < beijingDate(now.toISOString());
}

export function presentSupervision(
  s: SupervisionRow,
  actor: Actor,
  hazardState: string,
  now: Date,
): Supervision {
  return {
    id: s.id,
    hazardId: s.hazard_id,
    orgId: s.org_id,
    orgName: s.org_name,
    level: s.level as Supervision['level'],
    deadline: s.deadline,
    reportCadence: s.report_cadence as Supervision['reportCadence'],
    note: s.note,
    listedAt: s.listed_at,
    lastReportAt: s.last_report_at,
    reportOverdue: reportOverdue(s, hazardState, now),
    deadlineOverdue: deadlineOverdue(s, hazardState, now),
    removedAt: s.removed_at,
    canRemove:
      !s.removed_at &&
      s.org_id === actor.orgId &&
      hazardState === 'closed' &&
      hasPermission(actor.roles, 'hazard.supervise'),
  };
}

export function presentEvent(e: {
  id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  at: string;
  evidence: string;
  actor_name: string | null;
  actor_org_name: string | null;
}): HazardEvent {
  const labels: Record<string, string> = {
    ...HAZARD_ACTION_LABELS,
    register: '登记隐患',
    import: '导入隐患',
    supervise: '挂牌督办',
    unsupervise: '解除督办',
  };
  return {
    id: e.id,
    action: e.action,
    label: labels[e.action] ?? e.action,
    fromState: e.from_state,
    toState: e.to_state,
    at: e.at,
    actorName: e.actor_name,
    actorOrgName: e.actor_org_name,
    evidence: JSON.parse(e.evidence) as Record<string, unknown>,
  };
}
