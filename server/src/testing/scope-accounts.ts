import { type Permission, permissionsOf, ROLES, type Role } from '@tiegui/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * A signed-in account as the scope matrix's expectation sees it: read from the tables with plain
 * SQL, never through server/src/access, so the two can disagree and the matrix shows where.
 */
export interface Account {
  username: string;
  userId: string;
  orgId: string;
  orgKind: string;
  orgPath: string;
  regionCode: string;
  /** The region prefixes a division covers. */
  covered: string[];
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** Holds a role other than the separated administrators (三员), who see no business data. */
  business: boolean;
}

const isRole = (r: string): r is Role => Object.hasOwn(ROLES, r);
const ADMINS: readonly string[] = ['sys_admin', 'sec_admin', 'audit_admin'];

export async function accountOf(db: Db, username: string): Promise<Account> {
  const user = (
    await sql<{ id: string; org_id: string; kind: string; path: string; region_code: string | null }>`
      select u.id, u.org_id, o.kind, o.path, o.region_code
      from users u join orgs o on o.id = u.org_id
      where u.username = ${username}`.execute(db)
  ).rows[0];
  if (!user) throw new Error(`no user ${username}`);
  const roles = (
    await sql<{ role: string }>`select role from user_roles where user_id = ${user.id}`.execute(db)
  ).rows
    .map((r) => r.role)
    .filter(isRole);
  const covered = (
    await sql<{ region_prefix: string }>`
      select region_prefix from division_regions where division_id = ${user.org_id}`.execute(db)
  ).rows.map((r) => r.region_prefix);
  return {
    username,
    userId: user.id,
    orgId: user.org_id,
    orgKind: user.kind,
    orgPath: user.path,
    regionCode: user.region_code ?? '',
    covered,
    roles,
    permissions: permissionsOf(roles),
    business: roles.some((r) => !ADMINS.includes(r)),
  };
}

/** A GB/T 2260 code as the prefix of the codes inside it: 140000 → 14, 140900 → 1409. */
export const insideOf = (code: string) => code.replace(/(?:00)+$/, '');

/**
 * The orgs (alias `o`) an account's org oversees, by DESIGN.md's data scope: a province every org
 * of its region and the province orgs, a city or county its subtree, a division itself and its
 * covered regions, a group itself and the mines it owns, a mine itself.
 */
export function overseenOrgs(a: Account): RawBuilder<unknown> {
  switch (a.orgKind) {
    case 'province':
      return sql`(o.region_code like ${`${insideOf(a.regionCode)}%`} or o.kind = 'province')`;
    case 'city':
    case 'county':
      return sql`o.path like ${`${a.orgPath}%`}`;
    case 'division':
      return sql`(o.id = ${a.orgId} ${sql.join(
        a.covered.map((p) => sql`or o.region_code like ${`${p}%`}`),
        sql` `,
      )})`;
    case 'group':
      return sql`(o.id = ${a.orgId} or o.id in (select m.org_id from mines m where m.group_org_id = ${a.orgId}))`;
    case 'mine':
      return sql`o.id = ${a.orgId}`;
    default:
      throw new Error(`the scope matrix knows no org kind ${a.orgKind}`);
  }
}

/** Runs a query of ids (column `id`) and returns them as text. */
export async function idsOf(db: Db, query: RawBuilder<unknown>): Promise<string[]> {
  const rows = (await query.execute(db)).rows;
  return rows.flatMap((r) => {
    const id: unknown = r !== null && typeof r === 'object' ? Reflect.get(r, 'id') : undefined;
    return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
  });
}

/** The mines (org ids) a business account oversees; none for the administrators. */
export function visibleMines(a: Account): RawBuilder<unknown> {
  if (!a.business) return sql`select o.id from orgs o where 1 = 0`;
  return sql`select o.id from orgs o join mines m on m.org_id = o.id where ${overseenOrgs(a)}`;
}

/**
 * The obligations an account may read: those of orgs it oversees and those its org receives.
 * Administrators none.
 */
export function visibleObligations(a: Account): RawBuilder<unknown> {
  if (!a.business) return sql`select ob.id from obligations ob where 1 = 0`;
  return sql`
    select ob.id from obligations ob join orgs o on o.id = ob.org_id
    where ${overseenOrgs(a)}
       or exists (select 1 from obligation_recipients r where r.obligation_id = ob.id and r.org_id = ${a.orgId})`;
}

/** The notices an account's org is a party to: issued, co-issued, or delivered to it. */
export function partyNotices(a: Account): RawBuilder<unknown> {
  return sql`
    select n.id from notices n where n.issuer_org_id = ${a.orgId} or n.co_issuer_org_id = ${a.orgId}
    union
    select d.notice_id as id from notice_deliveries d where d.org_id = ${a.orgId}`;
}

/**
 * The notices an account may read: those its org is a party to with every notice they carry (a
 * forward carries its original, and that one its own), and those issued by an org it oversees.
 */
export function readableNotices(a: Account): RawBuilder<unknown> {
  if (!a.business || !a.permissions.has('notice.read')) return sql`select n.id from notices n where 1 = 0`;
  return sql`
    with recursive carried(id) as (
      ${partyNotices(a)}
      union
      select n.parent_notice_id as id from notices n join carried c on n.id = c.id
      where n.parent_notice_id is not null
    )
    select id from carried
    union
    select n.id from notices n join orgs o on o.id = n.issuer_org_id where ${overseenOrgs(a)}`;
}
