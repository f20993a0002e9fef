import type { NoticeRecipientKind, OrgKind, RecipientOptions, ZNoticeIssue } from '@tiegui/domain';
import type { z } from 'zod';
import type { Actor } from '../../access/actor';
import { noticeReach } from '../../access/notice-scope';
import type { Db } from '../../db/database';
import { invalidField } from '../../lib/errors';
import { coIssuersOf } from '../orgs/joint-issuer.service';
import { activeOrgIdsMatching, activeOrgs } from './notice.repository';

/** The orgs the actor may address, and how many each recipient kind reaches. */
export async function recipientOptions(db: Db, actor: Actor): Promise<RecipientOptions> {
  const filter = await noticeReach(db, actor);
  const orgs = (await activeOrgs(db, [filter])).filter((o) => o.id !== actor.orgId);
  const count = (kind: NoticeRecipientKind) =>
    orgs.filter((o) =>
      kind === 'directMine' ? o.kind === 'mine' && o.parent_id === actor.orgId : o.kind === kind,
    ).length;
  const kinds = (['division', 'city', 'county', 'group', 'mine', 'directMine'] as const)
    .map((kind) => ({ kind, count: count(kind) }))
    .filter((k) => k.count > 0);
  const ids = new Set(orgs.map((o) => o.id));
  return {
    orgs: orgs.map((o) => ({
      id: o.id,
      parentId: o.parent_id && ids.has(o.parent_id) ? o.parent_id : null,
      kind: o.kind as OrgKind,
      name: o.name,
    })),
    // A county's own mines are all its mines: one pick is enough.
    kinds: actor.orgKind === 'county' ? kinds.filter((k) => k.kind !== 'directMine') : kinds,
    coIssuers: await coIssuersOf(db, actor.orgId),
  };
}

/** Resolves recipients at issue time, within the actor's reach; the issuers never receive their own notice. */
export async function resolveRecipients(
  db: Db,
  actor: Actor,
  recipients: z.output<typeof ZNoticeIssue>['recipients'],
  exclude: readonly (string | null | undefined)[],
): Promise<string[]> {
  const filter = await noticeReach(db, actor);
  const ids = new Set<string>();
  if (recipients.orgIds.length > 0) {
    const found = await activeOrgIdsMatching(db, recipients.orgIds, filter);
    if (found.size !== new Set(recipients.orgIds).size)
      throw invalidField('recipients.orgIds', '接收单位：所选单位不存在或不在本单位管辖范围内');
    for (const id of found) ids.add(id);
  }
  if (recipients.kinds.length > 0) {
    const plain: string[] = recipients.kinds.filter((k) => k !== 'directMine');
    const direct = recipients.kinds.includes('directMine');
    for (const o of await activeOrgs(db, [filter])) {
      if (plain.includes(o.kind)) ids.add(o.id);
      else if (direct && o.kind === 'mine' && o.parent_id === actor.orgId) ids.add(o.id);
    }
  }
  for (const id of [actor.orgId, ...exclude]) if (id) ids.delete(id);
  if (ids.size === 0) throw invalidField('recipients', '接收单位：所选范围内没有可接收的单位');
  return [...ids];
}
