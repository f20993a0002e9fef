import { hasPermission, type OrgKind, REGULATOR_KINDS, type Role } from '@tiegui/domain';
import { mineScope, OutOfScopeError, orgScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import {
  cascadeNotices,
  type DeliveryRow,
  findNotice,
  groupsOwningMines,
  type NoticeRow,
  type OrgFilter,
  orgDeliveriesInCascade,
  orgIdsMatching,
} from './notice.repository';

/**
 * The orgs an actor reaches with notices: its data scope and, for a regulator, the enterprise groups
 * owning mines in it (the seed's 118号 goes to "各矿山上级公司", which sit outside a city's tree).
 */
export async function noticeOrgFilter(db: Db, actor: Actor): Promise<OrgFilter> {
  const base = orgScope(actor);
  const groups = REGULATOR_KINDS.includes(actor.orgKind)
    ? (await groupsOwningMines(db, mineScope(actor))).map((r) => r.group_org_id!)
    : [];
  if (groups.length === 0) return base;
  return (eb) => eb.or([base(eb), eb('o.id', 'in', groups)]);
}

const ROLE_OF_KIND: Record<OrgKind, Role> = {
  province: 'regulator_officer',
  division: 'regulator_officer',
  city: 'regulator_officer',
  county: 'regulator_officer',
  group: 'group_officer',
  mine: 'mine_viewer',
};

/** An org seen as an actor, to ask what its jurisdiction is (the first issuer of a cascade). */
export async function actorForOrg(db: Db, orgId: string): Promise<Actor> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'path', 'region_code'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const covered =
    org.kind === 'division'
      ? await db
          .selectFrom('division_regions')
          .select('region_prefix')
          .where('division_id', '=', orgId)
          .execute()
      : [];
  const kind = org.kind as OrgKind;
  return {
    userId: '',
    username: '',
    roles: [ROLE_OF_KIND[kind]],
    orgId: org.id,
    orgKind: kind,
    orgPath: org.path,
    regionCode: org.region_code,
    coveredRegions: covered.map((c) => c.region_prefix),
    ip: null,
  };
}

export interface CascadeAccess {
  /** Every notice of the cascade, first issued first. */
  notices: NoticeRow[];
  /** The notices of the cascade the actor may read. */
  readable: Set<string>;
  /** The actor's org's deliveries, by notice. */
  mine: Map<string, DeliveryRow>;
}

/**
 * Who may read a notice of a cascade: its issuers; the orgs it was delivered to, and the orgs that
 * received or issued a forward of it (a forward carries its original); and regulators over the issuer.
 */
export async function cascadeAccess(db: Db, actor: Actor, rootId: string): Promise<CascadeAccess> {
  if (!hasPermission(actor.roles, 'notice.read'))
    return { notices: [], readable: new Set(), mine: new Map() };
  const notices = await cascadeNotices(db, rootId);
  const mine = new Map((await orgDeliveriesInCascade(db, rootId, actor.orgId)).map((d) => [d.notice_id, d]));
  const byId = new Map(notices.map((n) => [n.id, n]));
  const readable = new Set<string>();
  for (const n of notices) {
    if (n.issuer_org_id !== actor.orgId && n.co_issuer_org_id !== actor.orgId && !mine.has(n.id)) continue;
    for (
      let at: NoticeRow | undefined = n;
      at;
      at = at.parent_notice_id ? byId.get(at.parent_notice_id) : undefined
    )
      readable.add(at.id);
  }
  const supervised = await orgIdsMatching(
    db,
    notices.map((n) => n.issuer_org_id),
    orgScope(actor),
  );
  for (const n of notices) if (supervised.has(n.issuer_org_id)) readable.add(n.id);
  return { notices, readable, mine };
}

/** A notice the actor may read, with its cascade; 404 otherwise (existence does not leak). */
export async function noticeInScope(db: Db, actor: Actor, id: string) {
  const notice = await findNotice(db, id);
  if (!notice) throw new OutOfScopeError('通知');
  const access = await cascadeAccess(db, actor, notice.root_notice_id);
  if (!access.readable.has(id)) throw new OutOfScopeError('通知');
  return { notice, access };
}
