import { ROLES } from '../access/roles';
import * as MINE from '../catalog/mine';
import { ORG_KINDS } from '../catalog/orgs';
import { shanghaiDate } from '../rules/deadlines';
import { ownValue } from '../rules/own-key';
import { ACCOUNT_CHANGE_WORKFLOW, ACCOUNT_CHANGES } from '../workflows/account-change';
import { CAMPAIGN_WORKFLOW } from '../workflows/campaign';
import {
  EVALUATOR_KINDS,
  HAZARD_LEVELS,
  HAZARD_WORKFLOW,
  PRODUCTION_STOPS,
  ROOT_CAUSE_CATEGORIES,
} from '../workflows/hazard';
import { NOTICE_SIGN_OFF_WORKFLOW } from '../workflows/notice-sign-off';
import { OBLIGATION_WORKFLOW } from '../workflows/obligation';
import { AUDIT_ACTIONS } from './audit';
import { apiFunctionName } from './audit-routes';
import { HAZARD_SORT_LABELS, HAZARD_SOURCES, SUPERVISION_CADENCES, SUPERVISION_LEVELS } from './hazard';
import { MINE_SORT_LABELS } from './mine';
import { NOTICE_RECIPIENT_KINDS } from './notice';

/** What an event's values are read beside: its record kind, the request's method, the names of ids. */
export interface AuditValueContext {
  entityType?: string | null;
  /** Names of the records the event's values name, by id, where the server could give them. */
  names?: Readonly<Record<string, string>>;
  method?: string;
}

type Labels = Readonly<Record<string, string>>;

/** Enumerations recorded under a key whatever the event, by the labels the forms and lists use. */
const VALUE_LABELS: Readonly<Record<string, Labels>> = {
  // A hazard's level or a supervision's: their codes do not overlap.
  level: { ...HAZARD_LEVELS, ...SUPERVISION_LEVELS },
  source: HAZARD_SOURCES,
  productionStop: PRODUCTION_STOPS,
  evaluatorKind: EVALUATOR_KINDS,
  rootCauseCategory: ROOT_CAUSE_CATEGORIES,
  reportCadence: SUPERVISION_CADENCES,
  roles: ROLES,
  role: ROLES,
  kinds: NOTICE_RECIPIENT_KINDS,
  orgKind: ORG_KINDS,
  category: MINE.MINE_CATEGORIES,
  mineType: MINE.MINE_TYPES,
  gasGrade: MINE.GAS_GRADES,
  hydroType: MINE.HYDRO_TYPES,
  rockBurst: MINE.ROCK_BURST_LEVELS,
  combustionTendency: MINE.COMBUSTION_TENDENCIES,
  change: ACCOUNT_CHANGES,
  via: { register: '逐条登记', import: '台账导入' },
  box: { inbox: '收文', sent: '发文' },
  method: { GET: '查看', POST: '提交', PUT: '修改', PATCH: '修改', DELETE: '删除' },
  code: { FORBIDDEN: '无权限', NOT_FOUND: '超出数据范围或不存在' },
  kind: { demo: '演示数据' },
  // The lists' orders: the codes both lists share mean the same.
  sort: { ...MINE_SORT_LABELS, ...HAZARD_SORT_LABELS },
};

/** The workflow of each record kind: the labels of its states and actions. */
const WORKFLOWS: Readonly<
  Record<string, { states: Labels; actions: Readonly<Record<string, { label: string }>> }>
> = {
  hazard: HAZARD_WORKFLOW,
  obligation: OBLIGATION_WORKFLOW,
  notice: NOTICE_SIGN_OFF_WORKFLOW,
  campaign: CAMPAIGN_WORKFLOW,
  accountChange: ACCOUNT_CHANGE_WORKFLOW,
};

/** A refusal's HTTP status, as the audit page's counting list says it. */
const STATUS_WORDS: Labels = { 403: '无权限（403）', 404: '超出数据范围（404）' };

/** Keys that hold a route or a URL the server was asked. */
const ROUTE_KEYS = new Set(['url', 'route', 'lastUrl']);

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/** An instant as Beijing wall time: `2024-08-01 10:00:00`. */
const beijingTime = (iso: string) => {
  const at = new Date(iso);
  return `${shanghaiDate(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 19)}`;
};

/** A workflow's state or action code by its label, for the record kind the event is about. */
function workflowWords(
  key: string,
  value: string,
  entityType: string | null | undefined,
): string | undefined {
  const workflow = entityType ? ownValue(WORKFLOWS, entityType) : undefined;
  if (!workflow) return undefined;
  if (key === 'action') return ownValue(workflow.actions, value)?.label;
  if (key === 'from' || key === 'to' || key === 'state') return ownValue(workflow.states, value);
  return undefined;
}

/** A status: a mine's 生产状态, or the HTTP status of a refusal. */
const statusWords = (value: string, entityType: string | null | undefined) =>
  entityType === 'mine' ? ownValue(MINE.MINE_STATUSES, value) : ownValue(STATUS_WORDS, value);

/**
 * One recorded value in words: a record's name for its id, a route as its page, an enumeration or a
 * state by its label, an instant in Beijing time; anything else as recorded.
 */
export function auditValueWords(
  key: string,
  value: string | number,
  context: AuditValueContext = {},
): string {
  const text = String(value);
  const name = context.names ? ownValue(context.names, text) : undefined;
  if (name !== undefined) return name;
  if (ROUTE_KEYS.has(key)) return apiFunctionName(context.method ?? '', text);
  if (key === 'status') return statusWords(text, context.entityType) ?? text;
  if (key === 'action') {
    const label = ownValue(AUDIT_ACTIONS, text) ?? workflowWords(key, text, context.entityType);
    if (label !== undefined) return label;
  }
  const labels = ownValue(VALUE_LABELS, key);
  const label = (labels ? ownValue(labels, text) : undefined) ?? workflowWords(key, text, context.entityType);
  if (label !== undefined) return label;
  return INSTANT.test(text) ? beijingTime(text) : text;
}

/** The keys whose values are labelled by a table, whatever the event: for the test that holds each recorded value to one. */
export const LABELLED_VALUE_KEYS: readonly string[] = [
  ...Object.keys(VALUE_LABELS),
  'status',
  'action',
  'from',
  'to',
  'state',
];
