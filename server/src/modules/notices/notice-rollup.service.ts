import type { NoticeRollup, OrgKind, RollupMissing } from '@tiegui/domain';
import type { Actor } from '../../access/actor';
import { loadJurisdiction } from '../../access/jurisdiction';
import { jurisdictionReach, rollupScope } from '../../access/notice-scope';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notifyOrgs } from '../notifications/notification.service';
import { noticeInScope } from './notice.access';
import {
  activeOrgs,
  type CascadeDeliveryRow,
  cascadeDeliveries,
  markDeliveryUrged,
  markUnsignedUrged,
  type NoticeRow,
  orgIdsMatching,
} from './notice.repository';

export interface RollupDeps {
  db: Db;
  clock: Clock;
}

const KIND_ORDER: OrgKind[] = ['province', 'division', 'city', 'county', 'group', 'mine'];
const LOCAL_LINE: OrgKind[] = ['city', 'county', 'mine'];

/**
 * The kinds a cascade should reach: those it was sent to and, along the local line, every level below
 * the highest one it addressed, down to the mines ("传达至辖区各矿山企业").
 */
export function expectedKinds(targeted: ReadonlySet<string>): OrgKind[] {
  const top = LOCAL_LINE.findIndex((k) => targeted.has(k));
  const kinds = new Set<string>([...targeted, ...LOCAL_LINE.slice(top === -1 ? LOCAL_LINE.length - 1 : top)]);
  return KIND_ORDER.filter((k) => kinds.has(k));
}

/** One org's standing in the cascade, over all the deliveries it got (a mine may get the original and a relay). */
interface OrgState {
  orgId: string;
  kind: OrgKind;
  name: string;
  regionCode: string | null;
  parentName: string | null;
  path: string;
  deliveredAt: string;
  lastUrgedAt: string | null;
  read: boolean;
  signed: boolean;
  forwarded: boolean;
  /** The newest notice it received, and the newest it has not signed: where a 催办 points. */
  lastNoticeId: string;
  lastUnsignedNoticeId: string | null;
}

function stateOf(rows: CascadeDeliveryRow[]): OrgState {
  const first = rows[0]!;
  const unsigned = rows.filter((d) => !d.signed_at).map((d) => d.notice_id);
  const max = (xs: (string | null)[]) =>
    xs
      .filter((x): x is string => !!x)
      .sort()
      .pop() ?? null;
  return {
    orgId: first.org_id,
    kind: first.org_kind as OrgKind,
    name: first.org_name,
    regionCode: first.region_code,
    parentName: first.parent_name,
    path: first.path,
    deliveredAt: rows.map((d) => d.delivered_at).sort()[0]!,
    lastUrgedAt: max(rows.map((d) => d.last_urged_at)),
    read: rows.some((d) => d.read_at),
    signed: rows.some((d) => d.signed_at),
    forwarded: rows.some((d) => d.forwarded_notice_id),
    lastNoticeId: max(rows.map((d) => d.notice_id))!,
    lastUnsignedNoticeId: max(unsigned),
  };
}

const isIssuer = (actor: Actor, n: Pick<NoticeRow, 'issuer_org_id' | 'co_issuer_org_id'>) =>
  n.issuer_org_id === actor.orgId || n.co_issuer_org_id === actor.orgId;

/** Map.groupBy is not in Node 20. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byKindThenPath = (a: { kind: string; path: string }, b: { kind: string; path: string }) =>
  KIND_ORDER.indexOf(a.kind as OrgKind) - KIND_ORDER.indexOf(b.kind as OrgKind) ||
  a.path.localeCompare(b.path);

async function computeRollup(db: Db, actor: Actor, id: string) {
  const { notice, access } = await noticeInScope(db, actor, id);
  const rootId = notice.root_notice_id;
  const root = access.notices.find((n) => n.id === rootId)!;
  const all = await cascadeDeliveries(db, rootId);
  // The actor sees its data scope, and the orgs its own org addressed in this cascade (a city's groups).
  const own = new Set(access.notices.filter((n) => isIssuer(actor, n)).map((n) => n.id));
  const addressed = [...new Set(all.filter((d) => own.has(d.notice_id)).map((d) => d.org_id))];
  const visible = rollupScope(actor, addressed);
  const inScope = await orgIdsMatching(
    db,
    all.map((d) => d.org_id),
    visible,
  );
  inScope.add(actor.orgId);

  // An org outside the actor's scope stays in the tree only as the path to orgs inside it.
  const byNotice = groupBy(all, (d) => d.notice_id);
  const memo = new Map<string, boolean>();
  const kept = (d: CascadeDeliveryRow): boolean =>
    inScope.has(d.org_id) || (!!d.forwarded_notice_id && shows(d.forwarded_notice_id));
  const shows = (noticeId: string): boolean => {
    let v = memo.get(noticeId);
    if (v === undefined) {
      v = (byNotice.get(noticeId) ?? []).some(kept);
      memo.set(noticeId, v);
    }
    return v;
  };
  const notices = access.notices.filter((n) => n.id === rootId || shows(n.id));

  const states = new Map(
    [
      ...groupBy(
        all.filter((d) => inScope.has(d.org_id)),
        (d) => d.org_id,
      ).values(),
    ].map((rows) => [rows[0]!.org_id, stateOf(rows)]),
  );

  // What the cascade should reach: the first issuer's jurisdiction, as far as the actor sees.
  const jurisdiction = await jurisdictionReach(db, await loadJurisdiction(db, root.issuer_org_id));
  const universe = (
    await activeOrgs(db, [visible, jurisdiction], expectedKinds(new Set(all.map((d) => d.org_kind))))
  ).filter((o) => o.id !== root.issuer_org_id && o.id !== root.co_issuer_org_id);
  const unreached = universe.filter((o) => !states.has(o.id));

  const expected = new Map<string, Set<string>>();
  for (const o of [...universe, ...[...states.values()].map((s) => ({ id: s.orgId, kind: s.kind }))]) {
    const set = expected.get(o.kind) ?? new Set<string>();
    set.add(o.id);
    expected.set(o.kind, set);
  }
  const stateList = [...states.values()];
  const counts = KIND_ORDER.filter((k) => expected.has(k)).map((kind) => {
    const of = stateList.filter((s) => s.kind === kind);
    return {
      kind,
      expected: expected.get(kind)!.size,
      delivered: of.length,
      read: of.filter((s) => s.read).length,
      signed: of.filter((s) => s.signed).length,
      forwarded: of.filter((s) => s.forwarded).length,
    };
  });

  const missing: (RollupMissing & { path: string; kind: string })[] = [
    ...unreached.map((o) => ({
      orgId: o.id,
      orgName: o.name,
      orgKind: o.kind as OrgKind,
      kind: o.kind,
      path: o.path,
      regionCode: o.region_code,
      parentName: o.parent_name,
      state: 'unreached' as const,
      deliveredAt: null,
      lastUrgedAt: null,
    })),
    ...stateList
      .filter((s) => !s.signed)
      .map((s) => ({
        orgId: s.orgId,
        orgName: s.name,
        orgKind: s.kind,
        kind: s.kind,
        path: s.path,
        regionCode: s.regionCode,
        parentName: s.parentName,
        state: 'unsigned' as const,
        deliveredAt: s.deliveredAt,
        lastUrgedAt: s.lastUrgedAt,
      })),
  ].sort(byKindThenPath);

  const rollup: NoticeRollup = {
    rootNoticeId: rootId,
    notices: notices.map((n) => ({
      id: n.id,
      parentNoticeId: n.parent_notice_id,
      docNumber: n.doc_number,
      title: n.title,
      issuerOrgId: n.issuer_org_id,
      issuerName: n.issuer_name,
      issuedOn: n.issued_on,
      replyDueAt: n.reply_due_at,
    })),
    deliveries: all.filter(kept).map((d) => {
      const shown = inScope.has(d.org_id);
      return {
        noticeId: d.notice_id,
        orgId: d.org_id,
        orgName: d.org_name,
        orgKind: d.org_kind as OrgKind,
        inScope: shown,
        deliveredAt: d.delivered_at,
        readAt: shown ? d.read_at : null,
        signedAt: shown ? d.signed_at : null,
        signedByName: shown ? d.signed_by_name : null,
        forwardedNoticeId: d.forwarded_notice_id,
        lastUrgedAt: shown ? d.last_urged_at : null,
      };
    }),
    counts,
    missing: missing.map(({ path: _p, kind: _k, ...m }) => m),
  };
  return { rollup, access, states, unreached };
}

/** The cascade below a notice's first issue, as far as the actor sees: tree, counts per level, who is missing. */
export async function noticeRollup({ db }: RollupDeps, actor: Actor, id: string): Promise<NoticeRollup> {
  return (await computeRollup(db, actor, id)).rollup;
}

/**
 * 催办: within the actor's scope, asks each org that received the cascade but signed nothing to sign,
 * and each org above an unreached one (the nearest that received it) to pass it on.
 */
export async function urgeNotice({ db, clock }: RollupDeps, actor: Actor, id: string) {
  const { access, states, unreached } = await computeRollup(db, actor, id);
  const noticeById = new Map(access.notices.map((n) => [n.id, n]));
  const toSign = [...states.values()].filter((s) => !s.signed && s.orgId !== actor.orgId);
  const relay = new Map<string, { noticeId: string; names: string[] }>();
  for (const o of unreached) {
    const above = o.path.split('/').filter(Boolean).slice(0, -1).reverse();
    const via = above.find((a) => states.has(a));
    if (!via || via === actor.orgId) continue;
    const entry = relay.get(via) ?? { noticeId: states.get(via)!.lastNoticeId, names: [] };
    entry.names.push(o.name);
    relay.set(via, entry);
  }
  const orgs = new Set([...toSign.map((s) => s.orgId), ...relay.keys()]).size;
  if (orgs === 0) return { orgs: 0, toSign: 0, toRelay: 0 };

  const now = clock.now();
  const cascadeIds = access.notices.map((n) => n.id);
  await db.transaction().execute(async (trx) => {
    for (const [noticeId, group] of groupBy(toSign, (s) => s.lastUnsignedNoticeId!)) {
      const n = noticeById.get(noticeId)!;
      await notifyOrgs(
        trx,
        group.map((s) => s.orgId),
        {
          kind: 'notice.urged',
          title: `催办：请签收 ${n.doc_number}《${n.title}》`,
          body: '上级单位催办，请尽快签收并按要求落实',
          link: `/notices/${noticeId}`,
        },
        now,
      );
    }
    await markUnsignedUrged(
      trx,
      toSign.map((s) => s.orgId),
      cascadeIds,
      now.toISOString(),
    );
    for (const [orgId, entry] of relay) {
      const n = noticeById.get(entry.noticeId)!;
      const more = entry.names.length > 5 ? '等' : '';
      await notifyOrgs(
        trx,
        [orgId],
        {
          kind: 'notice.urged',
          title: `催办：请将 ${n.doc_number}《${n.title}》传达到位`,
          body: `尚有${entry.names.length}个下级单位未收到：${entry.names.slice(0, 5).join('、')}${more}`,
          link: `/notices/${entry.noticeId}`,
        },
        now,
      );
      await markDeliveryUrged(trx, entry.noticeId, orgId, now.toISOString());
    }
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'notice.urged',
        entityType: 'notice',
        entityId: id,
        changes: { toSign: toSign.length, toRelay: relay.size },
      },
      now,
    );
  });
  return { orgs, toSign: toSign.length, toRelay: relay.size };
}
