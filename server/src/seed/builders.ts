import {
  type MineCategory,
  type MineCreate,
  type MineStatus,
  type MineType,
  type OrgKind,
  type Role,
  USCC_ALPHABET,
  usccCheckChar,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from '../lib/ids';
import { defaultDivision, insertMine } from '../modules/mines/mine.service';
import { insertOrg } from '../modules/orgs/org.service';
import { insertUser } from '../modules/users/user.service';

/**
 * Builders shared by the demo seed, the scale seed and the tests. Each takes what it needs and
 * invents the rest from a counter, so records never collide and tests need not clean up.
 */
let counter = 0;
const unique = () => ++counter;

/** A valid 统一社会信用代码 for a region, from a number (GB 32100 check character). */
export function makeUscc(regionCode: string, n: number): string {
  let body = '';
  let x = n;
  for (let i = 0; i < 9; i++) {
    body = (USCC_ALPHABET[x % 31] ?? '0') + body;
    x = Math.floor(x / 31);
  }
  const first17 = `91${regionCode}${body}`;
  return first17 + usccCheckChar(first17);
}

export async function buildOrg(
  trx: Kysely<Database>,
  input: {
    parentId: string | null;
    kind: OrgKind;
    name?: string;
    regionCode: string | null;
    coveredRegions?: string[];
    id?: string;
  },
  now = new Date(),
): Promise<string> {
  const { id } = await insertOrg(
    trx,
    {
      id: input.id,
      parentId: input.parentId,
      kind: input.kind,
      name: input.name ?? `测试单位${unique()}`,
      regionCode: input.regionCode,
    },
    now,
  );
  for (const prefix of input.coveredRegions ?? []) {
    await trx.insertInto('division_regions').values({ division_id: id, region_prefix: prefix }).execute();
  }
  return id;
}

export interface BuildMineInput extends Partial<MineCreate> {
  /** The supervising bureau (county or city). */
  supervisorOrgId: string;
  regionCode: string;
  id?: string;
}

export async function buildMine(
  trx: Kysely<Database>,
  input: BuildMineInput,
  now = new Date(),
): Promise<string> {
  const n = unique();
  const category: MineCategory = input.category ?? 'coal';
  const mineType: MineType = input.mineType ?? 'underground';
  const status: MineStatus = input.status ?? 'producing';
  const divisionOrgId =
    input.divisionOrgId !== undefined ? input.divisionOrgId : await defaultDivision(trx, input.regionCode);
  return insertMine(
    trx,
    {
      name: input.name ?? `测试矿山${n}`,
      uscc: input.uscc ?? makeUscc(input.regionCode, 900000 + n + Math.floor(Math.random() * 1e9)),
      category,
      mineType,
      status,
      designCapacity: input.designCapacity ?? 90,
      gasGrade: category === 'coal' ? (input.gasGrade ?? 'low') : null,
      hydroType: input.hydroType ?? 'medium',
      rockBurst: input.rockBurst ?? null,
      combustionTendency: input.combustionTendency ?? null,
      principalName: input.principalName ?? '张测试',
      principalPhone: input.principalPhone ?? '13800000000',
      directorIsChairman: input.directorIsChairman ?? false,
      supervisorOrgId: input.supervisorOrgId,
      regionCode: input.regionCode,
      divisionOrgId,
      groupOrgId: input.groupOrgId ?? null,
      address: input.address ?? null,
      longitude: input.longitude ?? null,
      latitude: input.latitude ?? null,
      id: input.id,
    },
    now,
  );
}

export async function buildUser(
  trx: Kysely<Database>,
  input: {
    orgId: string;
    roles: Role[];
    username?: string;
    passwordHash: string;
    displayName?: string;
    mustChangePassword?: boolean;
    id?: string;
  },
  now = new Date(),
): Promise<string> {
  const n = unique();
  return insertUser(
    trx,
    {
      id: input.id,
      username: input.username ?? `user${n}-${Math.floor(Math.random() * 1e6)}`,
      displayName: input.displayName ?? `测试用户${n}`,
      orgId: input.orgId,
      roles: input.roles,
      passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword ?? false,
    },
    now,
  );
}

/**
 * An obligation of an org under a campaign, pending, for a period of its own (a test's fresh
 * record), received by the given orgs (none: kept on record).
 */
export async function buildObligation(
  db: Kysely<Database>,
  input: {
    campaignId: string;
    dutyKey: string;
    orgId: string;
    orgKind: string;
    recipients: readonly string[];
    dueAt: string;
  },
): Promise<string> {
  const id = newId();
  const n = unique();
  await db
    .insertInto('obligations')
    .values({
      id,
      campaign_id: input.campaignId,
      duty_key: input.dutyKey,
      org_id: input.orgId,
      org_kind: input.orgKind,
      period_key: `test-${n}`,
      period_label: `测试期${n}`,
      due_at: input.dueAt,
      state: 'pending',
      submitted_at: null,
      late: 0,
      accepted_at: null,
      updated_at: new Date(0).toISOString(),
    })
    .execute();
  for (const org of input.recipients)
    await db.insertInto('obligation_recipients').values({ obligation_id: id, org_id: org }).execute();
  return id;
}

/** A campaign in draft from a stored plan, issued by an org for a region (a test's fresh record). */
export async function buildCampaign(
  db: Kysely<Database>,
  input: { planId: string; issuerOrgId: string; regionPrefix: string; createdBy: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('campaigns')
    .values({
      id,
      plan_id: input.planId,
      title: `测试专项活动${unique()}`,
      issuer_org_id: input.issuerOrgId,
      co_issuer_org_id: null,
      region_prefix: input.regionPrefix,
      state: 'draft',
      starts_on: '2024-08-01',
      ends_on: '2024-12-31',
      activated_at: null,
      closed_at: null,
      created_by: input.createdBy,
      created_at: new Date(0).toISOString(),
    })
    .execute();
  return id;
}
