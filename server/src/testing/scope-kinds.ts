import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';
import {
  type Account,
  idsOf,
  overseenOrgs,
  partyNotices,
  readableNotices,
  visibleMines,
  visibleObligations,
} from './scope-accounts';
import { PARTIAL_LISTS } from './scope-partial-lists';

type Ids = (db: Db, a: Account) => Promise<string[]>;

/** A list route checked against a record kind: what it may show, and what it must show. */
export interface ListCheck {
  /** The list's path in the API document (no path parameters). */
  path: string;
  /** The query making the list what `complete` says (filters, a required month). */
  query?: string;
  /** Where the ids are in an answer, key by key through its arrays (`items`, `id`). */
  at: readonly string[];
  /** The list must show every id the account may see, or every id of this rule; else only none it may not. */
  complete?: 'visible' | Ids;
  /** The answer is a count (at `at`) of what `complete` says, not a list of ids. */
  count?: boolean;
  /** Who may call it, where the route's service checks a permission the document cannot name. */
  permitted?: (a: Account) => boolean;
}

/** What a GET route with an id of this kind needs beyond the id. */
export interface IdRouteNeeds {
  /** Queries to call it with (its required query parameters). */
  queries(db: Db): Promise<string[]>;
  /** Ids of another kind it lists, which must be ones the account may see. */
  lists?: { kind: string; at: readonly string[] };
}

/**
 * A kind of record: its ids, who may see which (plain SQL over the tables, never server/src/access),
 * the GET routes with its id (by the part of the path before the parameter) and its lists. A new
 * module adds its kind here; a GET route of the API document that no kind claims fails the matrix.
 */
export interface RecordKind {
  name: string;
  /** Every id (or key) of the kind: what fills the path parameter. */
  all(db: Db): Promise<string[]>;
  visible: Ids;
  /**
   * The routes with its id, by the part of the path before it: `/api/hazards/` claims
   * `/api/hazards/{id}` and `/api/hazards/{id}/actions/plan`, `/api/campaigns/` `/api/campaigns/{id}/board`.
   */
  prefixes: readonly string[];
  routes?: Readonly<Record<string, IdRouteNeeds>>;
  lists?: readonly ListCheck[];
}

const all =
  (table: string, column = 'id') =>
  (db: Db) =>
    idsOf(db, sql`select ${sql.ref(column)} as id from ${sql.table(table)}`);
const mineIds = (a: Account) => visibleMines(a);
const inMines = (table: string) => (db: Db, a: Account) =>
  idsOf(db, sql`select t.id from ${sql.table(table)} t where t.mine_id in (${mineIds(a)})`);
const everyone =
  (holds: (a: Account) => boolean, ids: (db: Db) => Promise<string[]>) => (db: Db, a: Account) =>
    holds(a) ? ids(db) : Promise.resolve([]);

/** The orgs an account sees in the org tree: a system administrator every org, other administrators none. */
const visibleOrgs = (db: Db, a: Account) =>
  a.roles.includes('sys_admin')
    ? all('orgs')(db)
    : a.business
      ? idsOf(db, sql`select o.id from orgs o where ${overseenOrgs(a)}`)
      : Promise.resolve([]);

/** A campaign: a draft only its issuers, else the orgs in its region. */
async function visibleCampaigns(db: Db, a: Account): Promise<string[]> {
  const rows = await sql<{
    id: string;
    state: string;
    issuer_org_id: string;
    co_issuer_org_id: string | null;
    region_prefix: string;
  }>`
    select id, state, issuer_org_id, co_issuer_org_id, region_prefix from campaigns`.execute(db);
  return rows.rows
    .filter((c) =>
      c.state === 'draft'
        ? c.issuer_org_id === a.orgId || c.co_issuer_org_id === a.orgId
        : a.regionCode.startsWith(c.region_prefix),
    )
    .map((c) => c.id);
}

/** A submission of a readable obligation; a draft only for the org that owes it. */
const visibleSubmissions = (db: Db, a: Account) =>
  idsOf(
    db,
    sql`select s.id from submissions s join obligations ob on ob.id = s.obligation_id
        where s.obligation_id in (${visibleObligations(a)}) and (s.state <> 'draft' or ob.org_id = ${a.orgId})`,
  );

/**
 * A file: its owner org's, and anyone's who may see a record linking it; a forward's carried
 * attachments only its parties'. Administrators none.
 */
async function visibleFiles(db: Db, a: Account): Promise<string[]> {
  if (!a.business) return [];
  const links = await sql<{ file_id: string; record_kind: string; record_id: string; role: string }>`
    select file_id, record_kind, record_id, role from file_links`.execute(db);
  const through: Record<string, Set<string>> = {
    hazard: new Set(await inMines('hazards')(db, a)),
    hazard_investigation: new Set(await inMines('hazard_investigations')(db, a)),
    submission: new Set(await visibleSubmissions(db, a)),
    notice: new Set(await idsOf(db, readableNotices(a))),
    carried: new Set(await idsOf(db, partyNotices(a))),
  };
  const owned = await idsOf(db, sql`select id from files where owner_org_id = ${a.orgId}`);
  const linked = links.rows.filter((l) => {
    const records = through[l.record_kind === 'notice' && l.role === 'carried' ? 'carried' : l.record_kind];
    if (!records)
      throw new Error(`the scope matrix does not know who reads files linked to a ${l.record_kind}`);
    return records.has(l.record_id);
  });
  return [...new Set([...owned, ...linked.map((l) => l.file_id)])];
}

/** The orgs a notice of the account's org may reach: those it sees, and a regulator's groups of its mines. */
async function noticeReach(db: Db, a: Account): Promise<string[]> {
  if (!a.business) return [];
  const regulator = ['province', 'division', 'city', 'county'].includes(a.orgKind);
  return idsOf(
    db,
    sql`select o.id from orgs o where o.active = 1 and o.id <> ${a.orgId} and (${overseenOrgs(a)} ${
      regulator
        ? sql`or o.id in (select m.group_org_id from mines m join orgs o on o.id = m.org_id
                          where o.active = 1 and ${overseenOrgs(a)})`
        : sql``
    })`,
  );
}

/** The obligations (alias `ob`) of launched campaigns, not drafts, that meet a condition. */
const launched = (db: Db, condition: RawBuilder<unknown>) =>
  idsOf(
    db,
    sql`select ob.id from obligations ob join campaigns c on c.id = ob.campaign_id
        where c.state <> 'draft' and ${condition}`,
  );

/** An account change request: its requester's, its approving role's, and every auditor's. */
function visibleAccountChanges(db: Db, a: Account): Promise<string[]> {
  if (a.roles.includes('audit_admin')) return all('account_changes')(db);
  const approving = a.roles.includes('sec_admin') ? sql`or approver_role = 'sec_admin'` : sql``;
  return idsOf(db, sql`select id from account_changes where requested_by = ${a.userId} ${approving}`);
}

/** The joint-issuer pairs: a regulator's users who read the org tree. */
const readsJointIssuers = (a: Account) =>
  a.permissions.has('org.read') && ['province', 'division', 'city', 'county'].includes(a.orgKind);

const managesUsers = (a: Account) => a.permissions.has('user.manage') || a.permissions.has('security.manage');

const KINDS: readonly RecordKind[] = [
  {
    name: 'orgs',
    all: all('orgs'),
    visible: visibleOrgs,
    prefixes: ['/api/orgs/'],
    lists: [
      { path: '/api/orgs', query: 'includeMines=true', at: ['items', 'id'], complete: 'visible' },
      {
        path: '/api/orgs',
        at: ['items', 'id'],
        complete: async (db, a) => {
          const mines = new Set(await all('mines', 'org_id')(db));
          return (await visibleOrgs(db, a)).filter((id) => !mines.has(id));
        },
      },
      { path: '/api/mines/form-options', at: ['supervisors', 'id'] },
    ],
  },
  {
    name: 'notice reach',
    all: all('orgs'),
    visible: noticeReach,
    prefixes: [],
    lists: [{ path: '/api/notices/recipient-options', at: ['orgs', 'id'], complete: 'visible' }],
  },
  {
    name: 'mines',
    all: all('mines', 'org_id'),
    visible: (db, a) => idsOf(db, mineIds(a)),
    prefixes: ['/api/mines/', '/api/hazards/mines/'],
    lists: [
      ...(['true', 'false'] as const).flatMap((active): ListCheck[] => {
        const complete: ListCheck['complete'] = (db, a) =>
          idsOf(
            db,
            sql`select o.id from orgs o where o.active = ${active === 'true' ? 1 : 0} and o.id in (${mineIds(a)})`,
          );
        const query = `active=${active}`;
        return [
          { path: '/api/mines', query, at: ['items', 'id'], complete },
          { path: '/api/mines/count', query, at: ['total'], complete, count: true },
        ];
      }),
      { path: '/api/hazards/recurrences', at: ['items', 'mineId'] },
      { path: '/api/hazards/investigations/coverage', query: 'month=2024-07', at: ['notRecorded', 'mineId'] },
    ],
  },
  {
    name: 'hazards',
    all: all('hazards'),
    visible: inMines('hazards'),
    prefixes: ['/api/hazards/'],
    lists: [
      { path: '/api/hazards', at: ['items', 'id'], complete: 'visible' },
      { path: '/api/hazards/count', at: ['total'], complete: 'visible', count: true },
      { path: '/api/hazards/recurrences', at: ['items', 'hazardId'] },
      { path: '/api/hazards/recurrences', at: ['items', 'previousHazardId'] },
      { path: '/api/hazards/recurrences', at: ['items', 'hazards', 'id'] },
    ],
  },
  {
    name: 'monthly investigations',
    all: all('hazard_investigations'),
    visible: inMines('hazard_investigations'),
    prefixes: [],
    lists: [{ path: '/api/hazards/investigations', at: ['items', 'id'], complete: 'visible' }],
  },
  {
    name: 'hazard catalogs',
    all: all('hazard_catalogs', 'catalog_key'),
    visible: everyone((a) => a.business, all('hazard_catalogs', 'catalog_key')),
    prefixes: ['/api/hazards/catalogs/'],
    lists: [{ path: '/api/hazards/catalogs', at: ['items', 'key'], complete: 'visible' }],
  },
  {
    name: 'import receipts',
    all: all('import_receipts'),
    visible: (db, a) => idsOf(db, sql`select id from import_receipts where user_id = ${a.userId}`),
    prefixes: ['/api/mines/import-receipts/', '/api/hazards/import-receipts/'],
  },
  {
    name: 'plans',
    all: all('plans'),
    visible: everyone((a) => a.business, all('plans')),
    prefixes: ['/api/plans/'],
    lists: [{ path: '/api/plans', at: ['items', 'id'], complete: 'visible' }],
  },
  {
    name: 'campaigns',
    all: all('campaigns'),
    visible: visibleCampaigns,
    prefixes: ['/api/campaigns/'],
    routes: {
      '/api/campaigns/{id}/board/orgs': {
        // One figure per level: the first duty each level owes.
        queries: async (db) =>
          (
            await sql<{ duty_key: string; org_kind: string }>`
              select min(duty_key) as duty_key, org_kind from obligations group by org_kind`.execute(db)
          ).rows.map((r) => `dutyKey=${encodeURIComponent(r.duty_key)}&orgKind=${r.org_kind}`),
        lists: { kind: 'obligations', at: ['items', 'obligationId'] },
      },
    },
    lists: [{ path: '/api/campaigns', at: ['items', 'id'], complete: 'visible' }],
  },
  {
    name: 'obligations',
    all: all('obligations'),
    visible: (db, a) => idsOf(db, visibleObligations(a)),
    prefixes: ['/api/obligations/', '/api/duties/'],
    lists: ['/api/obligations', '/api/duties'].flatMap((path): ListCheck[] => [
      {
        path,
        query: 'scope=mine',
        at: ['items', 'id'],
        complete: (db, a) => launched(db, sql`ob.org_id = ${a.orgId}`),
      },
      {
        path,
        query: 'scope=review',
        at: ['items', 'id'],
        complete: (db, a) =>
          launched(
            db,
            sql`ob.state = 'submitted' and exists (
              select 1 from obligation_recipients r where r.obligation_id = ob.id and r.org_id = ${a.orgId})`,
          ),
      },
      {
        path,
        query: 'scope=mines',
        at: ['items', 'id'],
        complete: (db, a) =>
          a.orgKind === 'group'
            ? launched(db, sql`ob.org_kind = 'mine' and ob.id in (${visibleObligations(a)})`)
            : Promise.resolve([]),
      },
    ]),
  },
  {
    name: 'notices',
    all: all('notices'),
    visible: (db, a) => idsOf(db, readableNotices(a)),
    prefixes: ['/api/notices/'],
    lists: [
      {
        path: '/api/notices',
        query: 'box=inbox',
        at: ['items', 'id'],
        complete: (db, a) =>
          idsOf(db, sql`select notice_id as id from notice_deliveries where org_id = ${a.orgId}`),
      },
      {
        path: '/api/notices',
        query: 'box=sent',
        at: ['items', 'id'],
        complete: (db, a) =>
          idsOf(
            db,
            sql`select id from notices where issuer_org_id = ${a.orgId} or co_issuer_org_id = ${a.orgId}`,
          ),
      },
    ],
  },
  {
    name: 'files',
    all: all('files'),
    visible: visibleFiles,
    prefixes: ['/api/files/'],
  },
  {
    name: 'notifications',
    all: all('notifications'),
    visible: (db, a) => idsOf(db, sql`select id from notifications where user_id = ${a.userId}`),
    prefixes: ['/api/notifications/'],
    lists: [
      {
        path: '/api/notifications',
        at: ['items', 'id'],
        // The bell shows the newest 50 (ids are time-ordered).
        complete: (db, a) =>
          idsOf(db, sql`select id from notifications where user_id = ${a.userId} order by id desc limit 50`),
      },
    ],
  },
  {
    name: 'users',
    all: all('users'),
    visible: everyone(managesUsers, all('users')),
    prefixes: ['/api/users/'],
    lists: [{ path: '/api/users', at: ['items', 'id'], complete: 'visible', permitted: managesUsers }],
  },
  {
    name: 'account changes',
    all: all('account_changes'),
    visible: visibleAccountChanges,
    prefixes: ['/api/account-changes/'],
    lists: [
      { path: '/api/account-changes', query: 'box=all', at: ['items', 'id'], complete: 'visible' },
      {
        path: '/api/account-changes',
        query: 'box=mine',
        at: ['items', 'id'],
        complete: (db, a) => idsOf(db, sql`select id from account_changes where requested_by = ${a.userId}`),
      },
      { path: '/api/account-changes', query: 'box=pending', at: ['items', 'id'] },
    ],
  },
  {
    name: 'joint issuers',
    all: all('joint_issuers'),
    visible: everyone(readsJointIssuers, all('joint_issuers')),
    prefixes: ['/api/joint-issuers/'],
    lists: [
      { path: '/api/joint-issuers', at: ['items', 'id'], complete: 'visible', permitted: readsJointIssuers },
    ],
  },
  {
    name: 'audit events',
    all: all('audit_events', 'seq'),
    visible: everyone((a) => a.permissions.has('audit.read'), all('audit_events', 'seq')),
    prefixes: [],
    lists: [{ path: '/api/audit/events', at: ['items', 'seq'], complete: 'visible' }],
  },
];

/** The kinds, each with the lists showing some of its records besides (`scope-partial-lists.ts`). */
export const RECORD_KINDS: readonly RecordKind[] = KINDS.map((k) => ({
  ...k,
  lists: [...(k.lists ?? []), ...(PARTIAL_LISTS[k.name] ?? [])],
}));
