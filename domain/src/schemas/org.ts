import { z } from 'zod';
import { REGION_CODE } from '../rules/region';
import { ZOrgKind } from './auth';
import { optionalText, ZId } from './common';

export const ZOrg = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: ZOrgKind,
  name: z.string(),
  shortName: z.string().nullable(),
  regionCode: z.string().nullable(),
  coveredRegions: z.array(z.string()),
  active: z.boolean(),
});
export type Org = z.infer<typeof ZOrg>;

/** Orgs other than mines (mines are created through the registry). */
export const ZOrgCreate = z.strictObject({
  parentId: z.string().nullable(),
  kind: z.enum(['province', 'division', 'city', 'county', 'group']),
  name: z.string().trim().min(2, '名称至少2个字').max(100),
  shortName: optionalText(30),
  regionCode: z.string().regex(REGION_CODE, '行政区划代码应为6位数字'),
  coveredRegions: z.array(z.string().regex(/^\d{2,6}$/, '监察范围应为2至6位行政区划代码前缀')).default([]),
});
export type OrgCreate = z.infer<typeof ZOrgCreate>;

export const ZOrgUpdate = z.strictObject({
  name: z.string().trim().min(2, '名称至少2个字').max(100).optional(),
  shortName: optionalText(30).nullable(),
  coveredRegions: z.array(z.string().regex(/^\d{2,6}$/, '监察范围应为2至6位行政区划代码前缀')).optional(),
  active: z.boolean().optional(),
});
export type OrgUpdate = z.infer<typeof ZOrgUpdate>;

export const ZOrgListQuery = z.object({
  kind: ZOrgKind.optional(),
  includeMines: z.preprocess((v) => v === 'true' || v === '1', z.boolean()).default(false),
});

/** A pair of orgs that may issue a notice or a campaign together (联合发文), whichever issues it. */
export const ZJointIssuer = z.object({
  id: z.string(),
  issuerOrgId: z.string(),
  issuerName: z.string(),
  coIssuerOrgId: z.string(),
  coIssuerName: z.string(),
  /** The pair the system ships with (DEFAULT_JOINT_ISSUERS). */
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type JointIssuer = z.infer<typeof ZJointIssuer>;

export const ZJointIssuerCreate = z.strictObject({ issuerOrgId: ZId, coIssuerOrgId: ZId });
export type JointIssuerCreate = z.infer<typeof ZJointIssuerCreate>;
