import { z } from 'zod';
import { ZNewPassword, ZRole } from './auth';
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
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof ZUser>;

export const ZUserCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名为3至32位小写字母、数字或 . _ -，以字母开头'),
  displayName: z.string().trim().min(2, '姓名至少2个字').max(30),
  phone: optionalText(20),
  orgId: z.string().min(1, '请选择所属单位'),
  roles: z.array(ZRole).min(1, '至少选择一个角色'),
  password: ZNewPassword,
});
export type UserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z.strictObject({
  displayName: z.string().trim().min(2, '姓名至少2个字').max(30).optional(),
  phone: optionalText(20).nullable(),
  roles: z.array(ZRole).min(1, '至少选择一个角色').optional(),
  active: z.boolean().optional(),
});

export const ZPasswordReset = z.strictObject({ password: ZNewPassword });

export const ZUserListQuery = z.object({
  q: optionalText(50),
  orgId: z.string().max(64).optional(),
});
