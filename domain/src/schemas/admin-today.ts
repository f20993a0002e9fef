import { z } from 'zod';
import { ZAccountChangeState, ZAccountChangeType } from '../workflows/account-change';

/** An account change request as a line of an administrator's first page. */
const ZAdminRequest = z.object({
  id: z.string(),
  change: ZAccountChangeType,
  state: ZAccountChangeState,
  username: z.string(),
  displayName: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export type AdminRequest = z.infer<typeof ZAdminRequest>;

/** An account as a line: `until` is when its lock ends, its code expires, or it last signed in. */
const ZAdminAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgName: z.string(),
  until: z.string().nullable(),
});
export type AdminAccount = z.infer<typeof ZAdminAccount>;

/**
 * The 三员's first page: the work of each administrator role the account holds; a section of a
 * role it does not hold is null.
 */
export const ZAdminToday = z.object({
  asOf: z.string(),
  /** Requests waiting for this administrator's approval or confirmation. */
  approvals: z.array(ZAdminRequest).nullable(),
  /** The system administrator's own requests: waiting, rejected, and approved within the week. */
  requests: z.array(ZAdminRequest).nullable(),
  /** Security administrator: accounts locked out now, and holding an unused activation code. */
  locked: z.array(ZAdminAccount).nullable(),
  activations: z.array(ZAdminAccount).nullable(),
  /** System administrator: active accounts holding no role (`noRole`) or long unused (`dormant`). */
  attention: z.array(ZAdminAccount.extend({ reason: z.enum(['noRole', 'dormant']) })).nullable(),
  /** Auditor: the newest verification of the chain within 30 days, and refusals still counting. */
  audit: z
    .object({
      verifiedAt: z.string().nullable(),
      verifiedBy: z.string().nullable(),
      verifiedOk: z.boolean().nullable(),
      refusalWindows: z.number(),
      refusals: z.number(),
    })
    .nullable(),
});
export type AdminToday = z.infer<typeof ZAdminToday>;
