import { ownField, ownValue } from '../rules/own-key';
import { type AuditValueContext, auditValueWords } from './audit-values';
import { fieldLabel } from './labels';

/** A kind of record the audit log names: its Chinese name and, where it has one, its page. */
interface RecordKind {
  label: string;
  page?: (id: string) => string;
}

/** Every `entity_type` the server writes, in Chinese, with the page that shows such a record. */
export const RECORD_KINDS: Record<string, RecordKind> = {
  mine: { label: '矿山', page: (id) => `/mines/${id}` },
  org: { label: '单位', page: () => '/orgs' },
  user: { label: '用户', page: () => '/users' },
  session: { label: '登录会话' },
  joint_issuer: { label: '联合发文单位', page: () => '/orgs' },
  file: { label: '附件' },
  campaign: { label: '专项活动', page: (id) => `/campaigns/${id}` },
  plan: { label: '实施方案' },
  obligation: { label: '任务', page: (id) => `/duties/${id}` },
  notice: { label: '通知', page: (id) => `/notices/${id}` },
  hazard: { label: '隐患', page: (id) => `/hazards/${id}` },
  hazard_catalog: { label: '隐患判定标准', page: () => '/hazards/catalogs' },
  hazard_investigation: { label: '月度排查', page: () => '/hazards/investigations' },
  accountChange: { label: '账号变更申请', page: () => '/users' },
};

/** A record kind in Chinese; a kind not in the table is named as a record, never by its key. */
export const recordKindLabel = (kind: string | null): string =>
  kind === null ? '—' : (ownValue(RECORD_KINDS, kind)?.label ?? '其他记录');

/** The name the server's own work (its jobs, the CLI, the demo) is recorded under. */
const SYSTEM_ACTOR = 'system';

/** Who acted, as the log shows it: a user by username, the server's own work as 系统. */
export const auditActorLabel = (username: string | null): string =>
  username === null ? '—' : username === SYSTEM_ACTOR ? '系统（自动执行）' : username;

/** The page of a record named in the audit log, if its kind has one. */
export const recordPage = (kind: string | null, id: string | null): string | null => {
  const page = kind === null ? undefined : ownValue(RECORD_KINDS, kind)?.page;
  return page && id ? page(id) : null;
};

/** Keys audit events record beside a form's fields (a form's own fields are in FIELD_LABELS). */
const AUDIT_KEYS: Record<string, string> = {
  fileName: '文件名',
  filter: '筛选条件',
  count: '条数',
  total: '总行数',
  imported: '导入成功',
  failed: '导入失败',
  receiptId: '错误回执',
  errors: '错误',
  endedSessions: '结束的会话数',
  endedOldestSessions: '结束的最早会话数',
  reason: '原因',
  ip: 'IP地址',
  codeId: '激活码编号',
  issuedBy: '签发人',
  activationExpiresAt: '激活码有效期至',
  size: '大小（字节）',
  sha256: 'SHA-256',
  overdue: '逾期条数',
  notified: '已提醒',
  recurrenceOf: '重复发生于',
  via: '途径',
  hazardId: '隐患',
  obligationId: '任务',
  version: '版本',
  key: '标识',
  dutyKey: '任务项',
  orgs: '单位数',
  rows: '行数',
  toSign: '待签收',
  toRelay: '待转发',
  kind: '类型',
  seed: '生成种子',
  mines: '矿山数',
  users: '用户数',
  hazards: '隐患数',
  change: '变更事项',
  method: '请求方法',
  route: '页面或功能',
  url: '页面或功能',
  lastUrl: '最近一次请求',
  code: '拒绝原因',
  status: '状态',
  evidence: '办理内容',
  obligations: '任务数',
  original: '原通知',
  late: '逾期报送',
  recorded: '已记录',
  id: '编号',
  refusals: '计数中的拒绝',
  entityType: '对象类型',
  entityId: '对象ID',
  action: '操作',
  actor: '操作人',
  from: '起始时间',
  to: '截止时间',
  before: '变更前',
  after: '变更后',
};

/** The Chinese name of a key an audit event records. */
export function auditKeyLabel(key: string): string {
  const label = ownValue(AUDIT_KEYS, key) ?? fieldLabel([key]);
  // fieldLabel answers an unknown key with the key itself: the log then says what it is, not the key.
  return label === key && /^[\w.]+$/.test(key) ? '其他' : label;
}

const plain = (value: unknown, key: string, context: AuditValueContext): string => {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map((v) => plain(v, key, context)).join('、') || '（空）';
  if (typeof value === 'object') return auditChangeLines(value, context).join('，') || '（空）';
  // A record kind (a filter of the log itself) by the same names as the log's 对象 column.
  if (key === 'entityType' && typeof value === 'string') return recordKindLabel(value);
  if (typeof value === 'string' || typeof value === 'number') return auditValueWords(key, value, context);
  return String(value);
};

const isBeforeAfter = (v: unknown): v is { before: unknown; after: unknown } =>
  typeof v === 'object' && v !== null && 'before' in v && 'after' in v && Object.keys(v).length === 2;

/**
 * An event's recorded changes as lines a person reads: 字段：值, or 字段：变更前 → 变更后 for a field
 * recorded with both, every key by its Chinese name and every value in words (`auditValueWords`):
 * `context` gives the event's record kind and the names of the records its values name.
 */
export function auditChangeLines(changes: unknown, context: AuditValueContext = {}): string[] {
  if (changes === null || changes === undefined) return [];
  if (typeof changes !== 'object' || Array.isArray(changes)) return [plain(changes, '', context)];
  const method = ownField(changes, 'method');
  // A route is named by its method and path together.
  const within = typeof method === 'string' ? { ...context, method } : context;
  return Object.entries(changes).map(([key, value]) =>
    isBeforeAfter(value)
      ? `${auditKeyLabel(key)}：${plain(value.before, key, within)} → ${plain(value.after, key, within)}`
      : `${auditKeyLabel(key)}：${plain(value, key, within)}`,
  );
}
