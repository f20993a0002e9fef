import { z } from 'zod';
import { ZRole } from './auth';
import { optionalText } from './common';

export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  roles: z.array(ZRole),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  /** An activation code was issued and not used yet: the user has no password of their own now. */
  activationPending: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof ZUser>;

/**
 * An administrator never sets anyone's password (三员): an account gets one from its user, with a
 * one-time activation code. A body that carries one is refused, naming the field.
 */
const noAdminPassword = z
  .undefined({ error: '管理员不能设置用户的密码，账号生效后由本人凭一次性激活码设置' })
  .optional();

/** A new account as the system administrator asks for it (POST /users files the request). */
export const ZUserCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名为3至32位小写字母、数字或 . _ -，以字母开头'),
  displayName: z.string().trim().min(2, '姓名至少2个字').max(30),
  phone: optionalText(20),
  orgId: z.string().min(1, '请选择所属单位'),
  roles: z.array(ZRole).min(1, '至少选择一个角色'),
  password: noAdminPassword,
});
export type UserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z.strictObject({
  displayName: z.string().trim().min(2, '姓名至少2个字').max(30).optional(),
  phone: optionalText(20).nullable(),
  roles: z.array(ZRole).min(1, '至少选择一个角色').optional(),
  orgId: z.string().min(1, '请选择所属单位').max(64).optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof ZUserUpdate>;

/** 重置密码 takes no password: it issues an activation code for the user. */
export const ZPasswordReset = z.strictObject({ password: noAdminPassword });

export const ZUserListQuery = z.object({
  q: optionalText(50),
  orgId: z.string().max(64).optional(),
});
