import type { OrgKind } from '../catalog/orgs';
import { ownValue } from '../rules/own-key';

/**
 * Roles and the permission table. The three administrators (三员) are separated: the system
 * administrator manages users and orgs but reads no business data, and its account changes take
 * effect only once another administrator approves them (`workflows/account-change.ts`); the security
 * administrator manages account security and approves them; only the audit administrator reads the
 * audit log, and it approves the changes that touch a security administrator.
 */
export const ROLES = {
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
  regulator_leader: '监管部门负责人',
  regulator_officer: '监管人员',
  inspector: '执法人员',
  group_officer: '上级公司安全管理人员',
  mine_principal: '矿山主要负责人',
  mine_safety_officer: '矿山安全管理人员',
  mine_viewer: '矿山查看人员',
} as const;
export type Role = keyof typeof ROLES;

export const PERMISSIONS = {
  'org.read': '查看组织机构',
  'org.manage': '管理组织机构',
  'mine.read': '查看矿山基础信息',
  'mine.create': '新增矿山',
  'mine.update': '修改矿山基础信息',
  'mine.deactivate': '停用矿山',
  'mine.import': '导入矿山台账',
  'user.manage': '管理用户（账号变更须经审批生效）',
  'security.manage': '账号安全管理（解锁、重置密码签发激活码）',
  'account.read': '查看账号变更申请',
  'account.approve': '审批账号变更申请',
  'audit.read': '查看审计日志',
  'campaign.read': '查看专项活动和进度',
  'campaign.manage': '发起、启动、结束专项活动，维护活动方案',
  'obligation.submit': '填报本单位任务',
  'obligation.review': '审核下级报送',
  'notice.read': '查看和签收通知',
  'notice.issue': '发文、转发通知和催办',
  'hazard.read': '查看隐患台账和动态清零',
  'hazard.report': '登记和导入隐患',
  'hazard.rectify': '本矿隐患整改、评估、申请延期和恢复生产',
  'hazard.supervise': '隐患挂牌督办、审批延期和恢复生产、责令停产',
  'hazard.close': '重大事故隐患核查销号',
  'hazard.catalog': '维护重大事故隐患判定标准（省级）',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const REGULATOR_BUSINESS: Permission[] = [
  'org.read',
  'mine.read',
  'mine.create',
  'mine.update',
  'mine.deactivate',
  'mine.import',
  'campaign.read',
  'obligation.submit',
  'obligation.review',
  'notice.read',
  'notice.issue',
  'hazard.read',
  'hazard.report',
  'hazard.supervise',
  'hazard.close',
  'hazard.catalog',
];
const MINE_STAFF: Permission[] = [
  'org.read',
  'mine.read',
  'mine.update',
  'campaign.read',
  'obligation.submit',
  'notice.read',
  'hazard.read',
  'hazard.report',
  'hazard.rectify',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sys_admin: ['org.read', 'org.manage', 'user.manage', 'account.read'],
  sec_admin: ['security.manage', 'account.read', 'account.approve'],
  audit_admin: ['audit.read', 'account.read', 'account.approve'],
  regulator_leader: [...REGULATOR_BUSINESS, 'campaign.manage'],
  regulator_officer: [...REGULATOR_BUSINESS, 'campaign.manage'],
  inspector: ['org.read', 'mine.read', 'campaign.read', 'notice.read', 'hazard.read', 'hazard.report'],
  group_officer: ['org.read', 'mine.read', 'campaign.read', 'notice.read', 'notice.issue', 'hazard.read'],
  mine_principal: MINE_STAFF,
  mine_safety_officer: MINE_STAFF,
  mine_viewer: ['org.read', 'mine.read', 'campaign.read', 'notice.read', 'hazard.read'],
};

/** Which org kinds a role may be held in. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  sys_admin: ['province'],
  sec_admin: ['province'],
  audit_admin: ['province'],
  regulator_leader: ['province', 'division', 'city', 'county'],
  regulator_officer: ['province', 'division', 'city', 'county'],
  inspector: ['province', 'division', 'city', 'county'],
  group_officer: ['group'],
  mine_principal: ['mine'],
  mine_safety_officer: ['mine'],
  mine_viewer: ['mine'],
};

export type AdminRole = 'sys_admin' | 'sec_admin' | 'audit_admin';
export const ADMIN_ROLES: readonly Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];

export function isAdminRole(role: Role): role is AdminRole {
  return role === 'sys_admin' || role === 'sec_admin' || role === 'audit_admin';
}

/** The administrator role among the roles, if any (a valid set holds at most one, and nothing else). */
export function adminRoleOf(roles: readonly Role[]): AdminRole | null {
  return roles.find(isAdminRole) ?? null;
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ownValue(ROLE_PERMISSIONS, r) ?? []));
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ownValue(ROLE_PERMISSIONS, r)?.includes(permission));
}

/** A 三员 administrator may hold no other role, so duties stay separated. */
export function rolesProblem(roles: readonly Role[], orgKind: OrgKind): string | null {
  if (roles.length === 0) return '至少选择一个角色';
  const admins = roles.filter(isAdminRole);
  if (admins.length > 0 && roles.length > 1)
    return '系统管理员、安全管理员、审计管理员须分设，不能兼任其他角色';
  const wrong = roles.find((r) => !ownValue(ROLE_ORG_KINDS, r)?.includes(orgKind));
  if (wrong) return `角色“${ROLES[wrong]}”不适用于该类单位`;
  return null;
}

/**
 * Why an existing account may not move from its roles to the new ones, or null. An administrator
 * account keeps its one role for life and an administrator role is granted only with a new account:
 * otherwise one person would hold, one after the other, two of the duties 三员 keeps apart (a security
 * administrator made auditor would audit its own actions).
 */
export function roleChangeProblem(current: readonly Role[], next: readonly Role[]): string | null {
  const held = adminRoleOf(current);
  const same = current.length === next.length && current.every((r) => next.includes(r));
  if (held && !same)
    return `${ROLES[held]}账号的角色不能变更（三员专人专岗），如需调整请停用该账号后另建账号`;
  const granted = adminRoleOf(next);
  if (!held && granted) return `不能为已有账号授予${ROLES[granted]}角色，管理员账号须单独新建`;
  return null;
}
