import { z } from 'zod';
import { ZNewPassword } from './auth';

/** How long an activation code can be used after it is issued. */
export const ACTIVATION_HOURS = 24;

const code = z.string().trim().min(1, '请输入激活码').max(64);

export const ZActivationCheck = z.strictObject({ code });
export const ZActivate = z.strictObject({ code, password: ZNewPassword });

/** Whose account a code sets the password of, shown on the activation page before the form. */
export const ZActivationAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  expiresAt: z.string(),
});
export type ActivationAccount = z.infer<typeof ZActivationAccount>;

/** A code just issued: shown once to the administrator who hands it over, never stored in clear. */
export const ZActivationIssued = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type ActivationIssued = z.infer<typeof ZActivationIssued>;
