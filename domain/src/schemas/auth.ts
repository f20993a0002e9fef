import { z } from 'zod';
import { ROLES } from '../access/roles';
import { ORG_KINDS } from '../catalog/orgs';
import { passwordProblem } from '../rules/password';
import { ZPowChallenge, ZPowSolution } from '../rules/proof-of-work';
import { ZErrorBody, zLabelledEnum } from './common';

export const ZLogin = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
  /** The solved challenge, once the server asked for one (428). */
  pow: ZPowSolution.optional(),
});

/** 428: the login must bring this challenge solved. */
export const ZPowRequiredBody = ZErrorBody.extend({ challenge: ZPowChallenge });

export const ZNewPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ZChangePassword = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: ZNewPassword,
});

export const ZRole = zLabelledEnum(ROLES);
export const ZOrgKind = zLabelledEnum(ORG_KINDS);

export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  org: z.object({ id: z.string(), name: z.string(), kind: ZOrgKind, regionCode: z.string().nullable() }),
});
export type Me = z.infer<typeof ZMe>;
