import {
  fieldLabel,
  hasPermission,
  type Notice,
  type NoticeSummary,
  type OrgKind,
  type ZNoticeForward,
  type ZNoticeIssue,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../access/actor';
import { CARRIED_ROLE } from '../../access/file-scope';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, invalidField } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { campaignTitle, campaignVisible } from '../campaigns/campaign.service';
import { carryFileLinks, linkFiles } from '../files/file.links';
import { assertAttachable, fieldRefs } from '../files/file.service';
import { markLinkRead, notifyOrgs } from '../notifications/notification.service';
import { isJointIssuerPair } from '../orgs/joint-issuer.service';
import { orgById } from '../orgs/org.service';
import { noticeInScope } from './notice.access';
import {
  type DeliveryStats,
  deliveryStats,
  inbox,
  insertDeliveries,
  insertNotice,
  markDeliveryForwarded,
  markDeliveryRead,
  type NoticeRow,
  recipientKindCounts,
  sent,
  unsignedCount,
} from './notice.repository';
import { signOffWith } from './notice.workflow';
import { resolveRecipients } from './notice-recipients';

export interface NoticeDeps {
  db: Db;
  clock: Clock;
}

type IssueInput = z.output<typeof ZNoticeIssue>;
type ForwardInput = z.output<typeof ZNoticeForward>;

const LIST_LIMIT = 500;
const KIND_ORDER: OrgKind[] = ['province', 'division', 'city', 'county', 'group', 'mine'];

interface DeliveryFields {
  delivered_at: string;
  read_at: string | null;
  signed_at: string | null;
  signed_by_name: string | null;
  forwarded_notice_id: string | null;
  last_urged_at: string | null;
}

function summary(
  row: NoticeRow,
  delivery: DeliveryFields | null,
  stats: DeliveryStats | null,
): NoticeSummary {
  return {
    id: row.id,
    docNumber: row.doc_number,
    title: row.title,
    issuerOrgId: row.issuer_org_id,
    issuerName: row.issuer_name,
    coIssuerOrgId: row.co_issuer_org_id,
    coIssuerName: row.co_issuer_name,
    issuedOn: row.issued_on,
    replyDueAt: row.reply_due_at,
    parentNoticeId: row.parent_notice_id,
    rootNoticeId: row.root_notice_id,
    campaignId: row.campaign_id,
    createdAt: row.created_at,
    delivery: delivery && {
      deliveredAt: delivery.delivered_at,
      readAt: delivery.read_at,
      signedAt: delivery.signed_at,
      signedByName: delivery.signed_by_name,
      forwardedNoticeId: delivery.forwarded_notice_id,
      lastUrgedAt: delivery.last_urged_at,
    },
    stats,
  };
}

const isIssuer = (actor: Actor, row: Pick<NoticeRow, 'issuer_org_id' | 'co_issuer_org_id'>) =>
  row.issuer_org_id === actor.orgId || row.co_issuer_org_id === actor.orgId;

/** 收文 alone, without the count of unsigned ones the list's badge reads (今日工作 needs only the lines). */
export async function inboxNotices({ db }: Pick<NoticeDeps, 'db'>, actor: Actor): Promise<NoticeSummary[]> {
  return (await inbox(db, actor.orgId, LIST_LIMIT)).map((r) => summary(r, r, null));
}

/** 收文 (deliveries to my org, unsigned first) or 发文 (issued by my org, with its recipients' progress). */
export async function listNotices(
  { db }: NoticeDeps,
  actor: Actor,
  box: 'inbox' | 'sent',
): Promise<{ items: NoticeSummary[]; unsigned: number }> {
  const unsigned = await unsignedCount(db, actor.orgId);
  if (box === 'inbox') return { items: await inboxNotices({ db }, actor), unsigned };
  const rows = await sent(db, actor.orgId, LIST_LIMIT);
  const stats = await deliveryStats(
    db,
    rows.map((r) => r.id),
  );
  const none = { recipients: 0, read: 0, signed: 0, forwarded: 0 };
  return { items: rows.map((r) => summary(r, null, stats.get(r.id) ?? none)), unsigned };
}

/** A notice with the actor's delivery and abilities. Opening it marks the delivery read (first time) and its notifications. */
export async function getNotice(deps: NoticeDeps, actor: Actor, id: string): Promise<Notice> {
  const { db, clock } = deps;
  const { notice, access } = await noticeInScope(db, actor, id);
  const now = clock.now();
  let delivery = access.mine.get(id) ?? null;
  if (delivery && delivery.read_at === null) {
    await markDeliveryRead(db, id, actor.orgId, now.toISOString());
    delivery = { ...delivery, read_at: now.toISOString() };
  }
  await markLinkRead(db, actor.userId, `/notices/${id}`, now);

  const byId = new Map(access.notices.map((n) => [n.id, n]));
  const chain: Notice['chain'] = [];
  for (let at = notice.parent_notice_id; at; at = byId.get(at)?.parent_notice_id ?? null) {
    const n = byId.get(at);
    if (!n) break;
    chain.unshift({
      id: n.id,
      docNumber: n.doc_number,
      title: n.title,
      issuerName: n.issuer_name,
      coIssuerName: n.co_issuer_name,
      issuedOn: n.issued_on,
    });
  }
  const stats = isIssuer(actor, notice)
    ? ((await deliveryStats(db, [id])).get(id) ?? { recipients: 0, read: 0, signed: 0, forwarded: 0 })
    : null;
  const kinds = await recipientKindCounts(db, id);
  return {
    ...summary(notice, delivery, stats),
    body: notice.body,
    attachments: JSON.parse(notice.attachments) as { id: string; name: string }[],
    campaignTitle: notice.campaign_id ? await campaignTitle(db, notice.campaign_id) : null,
    chain,
    recipientCounts: kinds
      .map((k) => ({ kind: k.kind as OrgKind, count: Number(k.n) }))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)),
    abilities: {
      canSign: !!delivery && delivery.signed_at === null,
      canForward:
        !!delivery && delivery.forwarded_notice_id === null && hasPermission(actor.roles, 'notice.issue'),
      canUrge: hasPermission(actor.roles, 'notice.issue'),
    },
  };
}

async function checkCommon(deps: NoticeDeps, actor: Actor, input: ForwardInput) {
  const names = await assertAttachable(deps.db, actor, fieldRefs({ attachments: input.attachments }));
  return input.attachments.map((a) => ({ id: a.id, name: a.name || names.get(a.id) || a.id }));
}

/** Inserts a notice with its deliveries and tells each recipient org's users. */
async function storeNotice(
  trx: Kysely<Database>,
  actor: Actor,
  row: Parameters<typeof insertNotice>[1],
  recipients: readonly string[],
  now: Date,
) {
  await insertNotice(trx, row);
  await insertDeliveries(
    trx,
    recipients.map((orgId) => ({
      notice_id: row.id,
      org_id: orgId,
      delivered_at: now.toISOString(),
      read_at: null,
      signed_at: null,
      signed_by: null,
      forwarded_notice_id: null,
      last_urged_at: null,
    })),
  );
  const issuer = await orgById(trx, actor.orgId);
  await notifyOrgs(
    trx,
    recipients,
    {
      kind: 'notice.delivered',
      title: `新收文：${row.title}`,
      body: `${issuer?.name ?? ''} ${row.doc_number}${row.reply_due_at ? '（有回复期限）' : ''}，请及时签收`,
      link: `/notices/${row.id}`,
    },
    now,
  );
}

/**
 * A co-issuer reads the notice, 催办s and sees the roll-up as its own: only an org configured as a
 * joint issuer with the actor's org may be named, never any org an issuer picks.
 */
async function assertCoIssuer(db: Db, actor: Actor, coIssuerOrgId: string) {
  const co = await orgById(db, coIssuerOrgId);
  const paired =
    co?.active === 1 && co.id !== actor.orgId && (await isJointIssuerPair(db, actor.orgId, co.id));
  if (!paired) {
    throw invalidField(
      'coIssuerOrgId',
      `${fieldLabel(['coIssuerOrgId'])}：只能选择与本单位配置为联合发文的单位（由系统管理员在组织机构中维护）`,
    );
  }
}

const utc = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString() : null);

/** 发文: a new notice of the actor's org (optionally jointly with a peer), delivered to every resolved recipient. */
export async function issueNotice(deps: NoticeDeps, actor: Actor, input: IssueInput): Promise<Notice> {
  const { db, clock } = deps;
  if (input.coIssuerOrgId) await assertCoIssuer(db, actor, input.coIssuerOrgId);
  if (input.campaignId) {
    if (!(await campaignVisible(db, actor, input.campaignId)))
      throw invalidField('campaignId', '关联专项活动：专项活动不存在或无权查看');
  }
  const attachments = await checkCommon(deps, actor, input);
  const recipients = await resolveRecipients(db, actor, input.recipients, [input.coIssuerOrgId]);
  const now = clock.now();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await storeNotice(
      trx,
      actor,
      {
        id,
        campaign_id: input.campaignId ?? null,
        parent_notice_id: null,
        root_notice_id: id,
        doc_number: input.docNumber,
        title: input.title,
        issuer_org_id: actor.orgId,
        co_issuer_org_id: input.coIssuerOrgId ?? null,
        issued_on: input.issuedOn,
        body: input.body,
        attachments: JSON.stringify(attachments),
        reply_due_at: utc(input.replyDueAt),
        created_by: actor.userId,
        created_at: now.toISOString(),
      },
      recipients,
      now,
    );
    await linkFiles(trx, 'notice', id, 'attachments', attachments, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'notice.issued',
        entityType: 'notice',
        entityId: id,
        changes: {
          docNumber: input.docNumber,
          title: input.title,
          recipients: recipients.length,
          kinds: input.recipients.kinds,
        },
      },
      now,
    );
  });
  return getNotice(deps, actor, id);
}

/** The actor's org's delivery of a notice it may read: 403 when the org is not a recipient. */
async function myDelivery(db: Db, actor: Actor, id: string, doing: string) {
  const { notice, access } = await noticeInScope(db, actor, id);
  const delivery = access.mine.get(id);
  if (!delivery) throw forbidden(`本单位不是该通知的接收单位，不能${doing}`);
  return { notice, delivery };
}

/**
 * 转发: a recipient org passes the notice on as its own notice (own preface, attachments, deadline and
 * recipients within its reach), linked to the original; forwarding signs the original off if not yet.
 */
export async function forwardNotice(
  deps: NoticeDeps,
  actor: Actor,
  id: string,
  input: ForwardInput,
): Promise<Notice> {
  const { db, clock } = deps;
  const { notice, delivery } = await myDelivery(db, actor, id, '转发');
  if (delivery.forwarded_notice_id) throw new AppError('CONFLICT', '本单位已转发过该通知');
  const attachments = await checkCommon(deps, actor, input);
  const recipients = await resolveRecipients(db, actor, input.recipients, [
    notice.issuer_org_id,
    notice.co_issuer_org_id,
  ]);
  // Forwarding signs the original off, through the sign-off's own rules, if the org has not yet.
  const signOff = delivery.signed_at ? null : await signOffWith(deps, actor, id);
  const now = clock.now();
  const forwardId = newId();
  await db.transaction().execute(async (trx) => {
    if (!(await markDeliveryForwarded(trx, id, actor.orgId, forwardId, now.toISOString())))
      throw new AppError('CONFLICT', '本单位已转发过该通知');
    await signOff?.(trx);
    await storeNotice(
      trx,
      actor,
      {
        id: forwardId,
        campaign_id: notice.campaign_id,
        parent_notice_id: id,
        root_notice_id: notice.root_notice_id,
        doc_number: input.docNumber,
        title: input.title,
        issuer_org_id: actor.orgId,
        co_issuer_org_id: null,
        issued_on: input.issuedOn,
        body: input.body,
        attachments: JSON.stringify(attachments),
        reply_due_at: utc(input.replyDueAt),
        created_by: actor.userId,
        created_at: now.toISOString(),
      },
      recipients,
      now,
    );
    await linkFiles(trx, 'notice', forwardId, 'attachments', attachments, now);
    await carryFileLinks(trx, 'notice', id, forwardId, CARRIED_ROLE, now);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'notice.forwarded',
        entityType: 'notice',
        entityId: forwardId,
        changes: {
          original: id,
          docNumber: input.docNumber,
          title: input.title,
          recipients: recipients.length,
          kinds: input.recipients.kinds,
        },
      },
      now,
    );
  });
  return getNotice(deps, actor, forwardId);
}
