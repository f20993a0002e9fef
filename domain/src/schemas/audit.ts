import { z } from 'zod';
import { optionalText, zLabelledEnum } from './common';

export const ZAuditEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The record's name now (a mine's, a notice's title …); null for a kind without one or a record gone. */
  entityName: z.string().nullable(),
  changes: z.unknown().nullable(),
  /** The names of the records the changes name by id (a mine, a plan, a hazard …), by id. */
  valueNames: z.record(z.string(), z.string()),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.object({
  action: optionalText(64),
  actor: optionalText(64),
  entityType: optionalText(64),
  entityId: optionalText(64),
  from: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

/** Refusals of one user on one route still counting in their window (not yet one event in the log). */
export const ZAuditRefusal = z.object({
  actorUsername: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  status: z.number(),
  count: z.number(),
  from: z.string(),
  to: z.string(),
  lastUrl: z.string(),
});
export type AuditRefusal = z.infer<typeof ZAuditRefusal>;

/** What a break in the audit log says happened, and its name for the auditor. */
export const AUDIT_BREAK_KINDS = {
  edited: '记录被修改',
  rehashed: '哈希链被无密钥重算',
  deleted: '记录被删除',
  inserted: '记录被插入',
  relinked: '链接断裂',
  replaced: '与检查点不符',
  truncated: '最新记录被删除',
  emptied: '审计日志被清空',
  checkpoints: '检查点文件被改动',
  unverifiable: '无法校验',
} as const;
export type AuditBreakKind = keyof typeof AUDIT_BREAK_KINDS;

export const ZAuditBreak = z.object({
  kind: zLabelledEnum(AUDIT_BREAK_KINDS),
  /** The first event concerned (null: the checkpoint file itself). */
  seq: z.number().nullable(),
  /** The last event of a run of consecutive events with the same break. */
  lastSeq: z.number().nullable(),
  message: z.string(),
});
export type AuditBreak = z.infer<typeof ZAuditBreak>;

export const ZAuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** The first event concerned by a break, and what the break is (kept for earlier clients). */
  brokenAt: z.number().nullable(),
  reason: z.string().nullable(),
  /** Every break, in the order of the chain; the checkpoint file's own last. */
  breaks: z.array(ZAuditBreak),
  /** Breaks beyond the list's limit, counted but not listed. */
  omitted: z.number(),
  /** Checkpoints compared (since the last restore), and the newest one's time. */
  checkpoints: z.number(),
  lastCheckpointAt: z.string().nullable(),
});
export type AuditVerify = z.infer<typeof ZAuditVerify>;

/** Chinese names of audited actions, for the auditor's page and the CSV. */
/** Repeated refusals of one user on one route within this window are one audit event with a count. */
export const REFUSAL_WINDOW_MINUTES = 10;

export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'access.denied': '拒绝访问',
  'access.denied_repeated': '拒绝访问（重复，已合并）',
  'file.downloaded': '下载文件',
  'audit.read': '查看审计日志',
  'campaign.board_exported': '导出进度看板',
  'org.created': '新增单位',
  'org.updated': '修改单位',
  'joint_issuer.created': '新增联合发文单位',
  'joint_issuer.deleted': '删除联合发文单位',
  'mine.created': '新增矿山',
  'mine.updated': '修改矿山',
  'mine.deactivated': '停用矿山',
  'mine.reactivated': '启用矿山',
  'mine.imported': '导入矿山台账',
  'mine.exported': '导出矿山台账',
  'user.created': '新增用户',
  'user.updated': '修改用户',
  'user.unlocked': '解锁账号',
  'user.password_reset': '重置密码',
  'audit.exported': '导出审计日志',
  'audit.verified': '校验审计日志',
  'system.backup': '备份',
  'system.restore': '恢复',
  'system.seeded': '初始化数据',
  'plan.uploaded': '上传活动方案',
  'campaign.created': '发起专项活动',
  'campaign.activated': '启动专项活动',
  'campaign.closed': '结束专项活动',
  'obligation.draft_saved': '保存任务草稿',
  'obligation.submitted': '报送任务',
  'obligation.accepted': '审核通过',
  'obligation.returned': '退回报送',
  'obligation.urged': '催办逾期任务',
  'system.admin_created': '创建管理员',
  'notice.issued': '发文',
  'notice.signed': '签收通知',
  'notice.forwarded': '转发通知',
  'notice.urged': '催办签收',
  'file.uploaded': '上传文件',
  'hazard.registered': '登记隐患',
  'hazard.transition': '隐患闭环操作',
  'hazard.imported': '导入隐患台账',
  'hazard.exported': '导出隐患台账',
  'hazard.supervision_listed': '挂牌督办',
  'hazard.supervision_removed': '摘牌（解除督办）',
  'hazard.supervision_checked': '督办逾期检查',
  'hazard.investigation_recorded': '记录月度重大事故隐患排查',
  'hazard.catalog_uploaded': '上传隐患判定标准新版本',
};
