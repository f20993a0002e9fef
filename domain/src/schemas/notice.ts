import { z } from 'zod';
import { shanghaiDate } from '../rules/deadlines';
import { ZOrgKind } from './auth';
import { ZId } from './common';
import { ZDateOnly } from './date';

/** Uploads a notice (or any record) may carry: extension → MIME type. The server also checks the bytes. */
export const UPLOAD_TYPES = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  zip: 'application/zip',
} as const;
export type UploadExtension = keyof typeof UPLOAD_TYPES;
export const UPLOAD_MAX_MB = 10;
/** A stored file's name is cut to this on upload, so no reference to one names a longer file. */
export const FILE_NAME_MAX_LENGTH = 200;
/** For an `accept` attribute and for messages: ".pdf,.doc,…". */
export const UPLOAD_ACCEPT = Object.keys(UPLOAD_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

/** A reference to an uploaded file, as records store it. */
export const ZFileRef = z.strictObject({
  id: ZId,
  name: z
    .string()
    .trim()
    .min(1, '附件名称不能为空')
    .max(FILE_NAME_MAX_LENGTH, `附件名称不能超过${FILE_NAME_MAX_LENGTH}个字`),
});

/** An uploaded file as POST /files answers it. */
export const ZStoredFile = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof ZStoredFile>;

/**
 * Recipients named by kind, resolved at issue time within the issuer's jurisdiction. `directMine`
 * is the mines the issuing bureau supervises itself (the seed's "各市级监管矿山企业").
 */
export const NOTICE_RECIPIENT_KINDS = {
  division: '各监察执法处',
  city: '各市应急管理局',
  county: '各县（市、区）应急管理局',
  group: '各矿山上级公司',
  mine: '各矿山企业（辖区全部）',
  directMine: '本单位直接监管的矿山企业',
} as const;
export const ZNoticeRecipientKind = z.enum(['division', 'city', 'county', 'group', 'mine', 'directMine']);
export type NoticeRecipientKind = z.infer<typeof ZNoticeRecipientKind>;

export const ZNoticeRecipients = z
  .strictObject({
    orgIds: z.array(ZId).max(5000, '接收单位过多').default([]),
    kinds: z.array(ZNoticeRecipientKind).max(6).default([]),
  })
  .refine((r) => r.orgIds.length + r.kinds.length > 0, '请选择接收单位');

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

/**
 * 回复期限 on or after the day the notice is dated (Beijing time): a reply cannot be due before it.
 * Zod runs this even when a field failed its own check; then that field's message says enough.
 */
function replyNotBeforeIssue(v: { issuedOn: string; replyDueAt?: string | null }, ctx: z.RefinementCtx) {
  const due = v.replyDueAt ? new Date(v.replyDueAt) : null;
  if (!due || Number.isNaN(due.getTime()) || !ZDateOnly.safeParse(v.issuedOn).success) return;
  if (shanghaiDate(due) < v.issuedOn)
    ctx.addIssue({ code: 'custom', path: ['replyDueAt'], message: '不能早于成文日期' });
}

const ZNoticeFields = z.strictObject({
  docNumber: text('文号', 60),
  title: text('标题', 300),
  issuedOn: ZDateOnly,
  body: text('正文', 50000),
  attachments: z.array(ZFileRef).max(20, '附件最多20个').default([]),
  recipients: ZNoticeRecipients,
  coIssuerOrgId: ZId.nullable().optional(),
  campaignId: ZId.nullable().optional(),
  replyDueAt: z.iso.datetime({ offset: true, error: '回复期限格式不正确' }).nullable().optional(),
});

/** 发文: a new notice of the actor's org. */
export const ZNoticeIssue = ZNoticeFields.superRefine(replyNotBeforeIssue);
export type NoticeIssue = z.input<typeof ZNoticeIssue>;

/** 转发: the recipient's own notice over the original, with its preface, deadline and recipients. */
export const ZNoticeForward = ZNoticeFields.omit({ coIssuerOrgId: true, campaignId: true }).superRefine(
  replyNotBeforeIssue,
);
export type NoticeForward = z.input<typeof ZNoticeForward>;

export const ZNoticeListQuery = z.object({ box: z.enum(['inbox', 'sent']).default('inbox') });

/** The actor's org's delivery of a notice. */
export const ZNoticeDelivery = z.object({
  deliveredAt: z.string(),
  readAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  forwardedNoticeId: z.string().nullable(),
  lastUrgedAt: z.string().nullable(),
});
export type NoticeDelivery = z.infer<typeof ZNoticeDelivery>;

export const ZNoticeSummary = z.object({
  id: z.string(),
  docNumber: z.string(),
  title: z.string(),
  issuerOrgId: z.string(),
  issuerName: z.string(),
  coIssuerOrgId: z.string().nullable(),
  coIssuerName: z.string().nullable(),
  issuedOn: z.string(),
  replyDueAt: z.string().nullable(),
  parentNoticeId: z.string().nullable(),
  rootNoticeId: z.string(),
  campaignId: z.string().nullable(),
  createdAt: z.string(),
  /** This org's delivery (收文), null when it did not receive the notice. */
  delivery: ZNoticeDelivery.nullable(),
  /** Direct recipients' progress, for notices this org issued (发文); null otherwise. */
  stats: z
    .object({ recipients: z.number(), read: z.number(), signed: z.number(), forwarded: z.number() })
    .nullable(),
});
export type NoticeSummary = z.infer<typeof ZNoticeSummary>;

export const ZNoticeRef = z.object({
  id: z.string(),
  docNumber: z.string(),
  title: z.string(),
  issuerName: z.string(),
  coIssuerName: z.string().nullable(),
  issuedOn: z.string(),
});
export type NoticeRef = z.infer<typeof ZNoticeRef>;

export const ZNotice = ZNoticeSummary.extend({
  body: z.string(),
  attachments: z.array(z.object({ id: z.string(), name: z.string() })),
  campaignTitle: z.string().nullable(),
  /** The documents this one forwards, from the first issued down to its parent. */
  chain: z.array(ZNoticeRef),
  /** How many orgs of each kind it was sent to directly (主送). */
  recipientCounts: z.array(z.object({ kind: ZOrgKind, count: z.number() })),
  abilities: z.object({ canSign: z.boolean(), canForward: z.boolean(), canUrge: z.boolean() }),
});
export type Notice = z.infer<typeof ZNotice>;

export const ZNoticeList = z.object({ items: z.array(ZNoticeSummary), unsigned: z.number() });

export const ZRecipientOptions = z.object({
  orgs: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      kind: ZOrgKind,
      name: z.string(),
    }),
  ),
  /** The kinds this org may address, with how many orgs each reaches now. */
  kinds: z.array(z.object({ kind: ZNoticeRecipientKind, count: z.number() })),
  /** The orgs configured to issue jointly with this one: the only co-issuers it may name. */
  coIssuers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type RecipientOptions = z.infer<typeof ZRecipientOptions>;

/** Roll-up of a whole cascade, as far as the actor sees. Flat lists: build the tree from the ids. */
export const ZRollupNotice = z.object({
  id: z.string(),
  parentNoticeId: z.string().nullable(),
  docNumber: z.string(),
  title: z.string(),
  issuerOrgId: z.string(),
  issuerName: z.string(),
  issuedOn: z.string(),
  replyDueAt: z.string().nullable(),
});
export const ZRollupDelivery = z.object({
  noticeId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: ZOrgKind,
  /** False for an org outside the actor's scope shown only because the cascade passed through it. */
  inScope: z.boolean(),
  deliveredAt: z.string(),
  readAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  forwardedNoticeId: z.string().nullable(),
  lastUrgedAt: z.string().nullable(),
});
export type RollupDelivery = z.infer<typeof ZRollupDelivery>;
export const ZRollupCounts = z.object({
  kind: ZOrgKind,
  /** Orgs of this kind the cascade should reach (in the first issuer's jurisdiction and the actor's scope). */
  expected: z.number(),
  delivered: z.number(),
  read: z.number(),
  signed: z.number(),
  forwarded: z.number(),
});
export type RollupCounts = z.infer<typeof ZRollupCounts>;
export const ZRollupMissing = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgKind: ZOrgKind,
  regionCode: z.string().nullable(),
  parentName: z.string().nullable(),
  state: z.enum(['unreached', 'unsigned']),
  deliveredAt: z.string().nullable(),
  lastUrgedAt: z.string().nullable(),
});
export type RollupMissing = z.infer<typeof ZRollupMissing>;
export const ZNoticeRollup = z.object({
  rootNoticeId: z.string(),
  notices: z.array(ZRollupNotice),
  deliveries: z.array(ZRollupDelivery),
  counts: z.array(ZRollupCounts),
  missing: z.array(ZRollupMissing),
});
export type NoticeRollup = z.infer<typeof ZNoticeRollup>;

export const ZNoticeUrgeResult = z.object({
  /** Orgs notified in all. */
  orgs: z.number(),
  /** Delivered but not signed: asked to sign. */
  toSign: z.number(),
  /** Received it but have not passed it on to orgs below them that it has not reached. */
  toRelay: z.number(),
});

export const MISSING_STATES = { unreached: '未送达', unsigned: '未签收' } as const;
