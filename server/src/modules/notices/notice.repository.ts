import { type Kysely, sql } from 'kysely';
import type { OrgFilter } from '../../access/access';
import type { Actor } from '../../access/actor';
import { noticeScope } from '../../access/file-scope';
import type { Db } from '../../db/database';
import { containsInsensitive, insertChunks } from '../../db/dialect';
import { prepared } from '../../db/prepared';
import type { Database, NoticeDeliveryTable, NoticeTable } from '../../db/schema';

export function noticeQuery(db: Kysely<Database>) {
  return db
    .selectFrom('notices as n')
    .innerJoin('orgs as iss', 'iss.id', 'n.issuer_org_id')
    .leftJoin('orgs as co', 'co.id', 'n.co_issuer_org_id')
    .select([
      'n.id',
      'n.campaign_id',
      'n.parent_notice_id',
      'n.root_notice_id',
      'n.doc_number',
      'n.title',
      'n.issuer_org_id',
      'n.co_issuer_org_id',
      'n.issued_on',
      'n.body',
      'n.attachments',
      'n.reply_due_at',
      'n.created_at',
      'iss.name as issuer_name',
      'co.name as co_issuer_name',
    ]);
}
export type NoticeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirst']>>>;

export function findNotice(db: Db, id: string) {
  return noticeQuery(db).where('n.id', '=', id).executeTakeFirst();
}

/** Every notice of one cascade: the first issued and all forwards below it. */
export function cascadeNotices(db: Db, rootId: string) {
  return noticeQuery(db).where('n.root_notice_id', '=', rootId).orderBy('n.id').execute();
}

/** One org's deliveries within a cascade. */
export function orgDeliveriesInCascade(db: Db, rootId: string, orgId: string) {
  return db
    .selectFrom('notice_deliveries as d')
    .innerJoin('notices as n', 'n.id', 'd.notice_id')
    .leftJoin('users as u', 'u.id', 'd.signed_by')
    .selectAll('d')
    .select('u.display_name as signed_by_name')
    .where('n.root_notice_id', '=', rootId)
    .where('d.org_id', '=', orgId)
    .execute();
}
export type DeliveryRow = Awaited<ReturnType<typeof orgDeliveriesInCascade>>[number];

/** Every delivery of a cascade with its org and who signed. */
export function cascadeDeliveries(db: Db, rootId: string) {
  return db
    .selectFrom('notice_deliveries as d')
    .innerJoin('notices as n', 'n.id', 'd.notice_id')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .leftJoin('users as u', 'u.id', 'd.signed_by')
    .selectAll('d')
    .select([
      'o.name as org_name',
      'o.kind as org_kind',
      'o.region_code',
      'o.path',
      'p.name as parent_name',
      'u.display_name as signed_by_name',
    ])
    .where('n.root_notice_id', '=', rootId)
    .orderBy('d.notice_id')
    .orderBy('o.path')
    .execute();
}
export type CascadeDeliveryRow = Awaited<ReturnType<typeof cascadeDeliveries>>[number];

/** Of these orgs, the ids that pass a filter. */
export async function orgIdsMatching(
  db: Db,
  ids: readonly string[],
  filter: OrgFilter,
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const found = new Set<string>();
  // Chunked: a province-wide cascade names thousands of orgs.
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await db
      .selectFrom('orgs as o')
      .select('o.id')
      .where('o.id', 'in', unique.slice(i, i + 5000))
      .where(filter)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Of these orgs, the ids of the active ones that pass a filter. */
export function activeOrgIdsMatching(db: Db, ids: readonly string[], filter: OrgFilter) {
  return orgIdsMatching(db, ids, (eb) => eb.and([filter(eb), eb('o.active', '=', 1)]));
}

/** Active orgs passing all the filters, with the facts a recipient list or a roll-up needs. */
export function activeOrgs(db: Kysely<Database>, filters: readonly OrgFilter[], kinds?: readonly string[]) {
  let q = db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.parent_id', 'o.kind', 'o.name', 'o.region_code', 'o.path', 'p.name as parent_name'])
    .where('o.active', '=', 1);
  if (kinds) q = q.where('o.kind', 'in', kinds.length ? [...kinds] : ['-']);
  for (const f of filters) q = q.where(f);
  return q.orderBy('o.path').execute();
}
export type ActiveOrgRow = Awaited<ReturnType<typeof activeOrgs>>[number];

export async function insertNotice(trx: Kysely<Database>, row: NoticeTable) {
  await trx.insertInto('notices').values(row).execute();
}

export async function insertDeliveries(trx: Kysely<Database>, rows: NoticeDeliveryTable[]) {
  for (const chunk of insertChunks(trx as Kysely<unknown>, rows, 8))
    await trx.insertInto('notice_deliveries').values(chunk).execute();
}

/** 收文: the deliveries to one org, unsigned first, newest first. */
/** 收文: an org's deliveries, unsigned first, then newest; the inbox every page load asks for (prepared). */
const inboxRows = prepared((db, orgId: string, limit: number) =>
  noticeQuery(db)
    .innerJoin('notice_deliveries as d', 'd.notice_id', 'n.id')
    .leftJoin('users as u', 'u.id', 'd.signed_by')
    .select([
      'd.delivered_at',
      'd.read_at',
      'd.signed_at',
      'd.forwarded_notice_id',
      'd.last_urged_at',
      'u.display_name as signed_by_name',
    ])
    .where('d.org_id', '=', orgId)
    .orderBy((eb) => eb.case().when('d.signed_at', 'is', null).then(0).else(1).end())
    .orderBy('d.delivered_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit),
);

export function inbox(db: Db, orgId: string, limit: number) {
  return inboxRows(db, orgId, limit);
}

const unsignedRow = prepared((db, orgId: string) =>
  db
    .selectFrom('notice_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('signed_at', 'is', null),
);

export async function unsignedCount(db: Db, orgId: string): Promise<number> {
  const [row] = await unsignedRow(db, orgId);
  return Number(row?.n ?? 0);
}

/** 发文: notices an org issued or co-issued, newest first. */
export function sent(db: Db, orgId: string, limit: number) {
  return noticeQuery(db)
    .where((eb) => eb.or([eb('n.issuer_org_id', '=', orgId), eb('n.co_issuer_org_id', '=', orgId)]))
    .orderBy('n.issued_on', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

/** Per notice: how many orgs it went to directly, and how many of them read, signed, forwarded. */
export async function deliveryStats(db: Db, noticeIds: readonly string[]) {
  if (noticeIds.length === 0) return new Map<string, DeliveryStats>();
  const rows = await db
    .selectFrom('notice_deliveries as d')
    .select((eb) => [
      'd.notice_id',
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.count<number>('d.read_at').as('read'),
      eb.fn.count<number>('d.signed_at').as('signed'),
      eb.fn.count<number>('d.forwarded_notice_id').as('forwarded'),
    ])
    .where('d.notice_id', 'in', [...noticeIds])
    .groupBy('d.notice_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.notice_id,
      {
        recipients: Number(r.recipients),
        read: Number(r.read),
        signed: Number(r.signed),
        forwarded: Number(r.forwarded),
      },
    ]),
  );
}
export interface DeliveryStats {
  recipients: number;
  read: number;
  signed: number;
  forwarded: number;
}

/** How many direct recipients of each org kind. */
export function recipientKindCounts(db: Db, noticeId: string) {
  return db
    .selectFrom('notice_deliveries as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .select((eb) => ['o.kind', eb.fn.countAll<number>().as('n')])
    .where('d.notice_id', '=', noticeId)
    .groupBy('o.kind')
    .execute();
}

/** Signs an org's delivery of a notice off (and marks it read); false when it was already signed. */
export async function signDelivery(
  trx: Kysely<Database>,
  noticeId: string,
  orgId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const changed = await trx
    .updateTable('notice_deliveries')
    .set((eb) => ({
      signed_at: now.toISOString(),
      signed_by: userId,
      read_at: eb.fn.coalesce('read_at', eb.val(now.toISOString())),
    }))
    .where('notice_id', '=', noticeId)
    .where('org_id', '=', orgId)
    .where('signed_at', 'is', null)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** The first time an org opens a notice delivered to it. */
export async function markDeliveryRead(db: Db, noticeId: string, orgId: string, at: string) {
  await db
    .updateTable('notice_deliveries')
    .set({ read_at: at })
    .where('notice_id', '=', noticeId)
    .where('org_id', '=', orgId)
    .where('read_at', 'is', null)
    .execute();
}

/** Records an org's forward of a notice it received (and reads it); false when it had forwarded it already. */
export async function markDeliveryForwarded(
  trx: Db,
  noticeId: string,
  orgId: string,
  forwardId: string,
  at: string,
): Promise<boolean> {
  const changed = await trx
    .updateTable('notice_deliveries')
    .set((eb) => ({ forwarded_notice_id: forwardId, read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('notice_id', '=', noticeId)
    .where('org_id', '=', orgId)
    .where('forwarded_notice_id', 'is', null)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

/** 催办 to sign: stamps the orgs' unsigned deliveries among the cascade's notices. */
export async function markUnsignedUrged(
  trx: Db,
  orgIds: readonly string[],
  noticeIds: readonly string[],
  at: string,
) {
  // Chunked: a province-wide cascade names thousands of orgs.
  for (let i = 0; i < orgIds.length; i += 5000) {
    await trx
      .updateTable('notice_deliveries')
      .set({ last_urged_at: at })
      .where('org_id', 'in', orgIds.slice(i, i + 5000))
      .where('notice_id', 'in', [...noticeIds])
      .where('signed_at', 'is', null)
      .execute();
  }
}

/** 催办 to pass a notice on: stamps the one delivery the org is asked about. */
export async function markDeliveryUrged(trx: Db, noticeId: string, orgId: string, at: string) {
  await trx
    .updateTable('notice_deliveries')
    .set({ last_urged_at: at })
    .where('notice_id', '=', noticeId)
    .where('org_id', '=', orgId)
    .execute();
}

/**
 * Notices the actor may read whose 文号 or title contains the text, newest first: those its org is a
 * party to and those issued by an org it oversees (a forward's carried originals are reached from it).
 */
export function searchNoticeRows(db: Db, actor: Actor, text: string, limit: number) {
  return db
    .selectFrom('notices as n')
    .select(['n.id', 'n.doc_number', 'n.title', 'n.issued_on'])
    .where(noticeScope(actor, sql.lit(false)))
    .where((eb) =>
      eb.or([containsInsensitive(db, 'n.doc_number', text), containsInsensitive(db, 'n.title', text)]),
    )
    .orderBy('n.issued_on', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}
