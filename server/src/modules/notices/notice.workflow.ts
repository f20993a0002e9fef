import { type DeliveryState, NOTICE_SIGN_OFF_WORKFLOW, type Notice } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { executeAction, prepareAction, type WorkflowModule } from '../../workflow/engine';
import { noticeInScope } from './notice.access';
import { type DeliveryRow, signDelivery } from './notice.repository';
import { getNotice, type NoticeDeps } from './notice.service';

/** A notice the actor may read, with its org's delivery of it (null: the org is not a recipient). */
interface DeliveryRecord {
  noticeId: string;
  orgId: string;
  /** Who signs, if the action is taken: the user who read the record. */
  userId: string;
  delivery: DeliveryRow | null;
}

async function loadDelivery(db: Db, actor: Actor, id: string): Promise<DeliveryRecord> {
  const { access } = await noticeInScope(db, actor, id);
  return { noticeId: id, orgId: actor.orgId, userId: actor.userId, delivery: access.mine.get(id) ?? null };
}

/** 签收 on the workflow engine: the recipient org's delivery of a notice moves from 未签收 to 已签收. */
export const NOTICE_SIGN_OFF_MODULE: WorkflowModule<
  typeof NOTICE_SIGN_OFF_WORKFLOW,
  DeliveryRecord,
  Record<string, never>,
  Notice,
  NoticeDeps
> = {
  workflow: NOTICE_SIGN_OFF_WORKFLOW,
  isParty: (_party, actor, row) => row.delivery !== null && row.orgId === actor.orgId,
  factsOf: (row) => ({
    state: (row.delivery?.signed_at ? 'signed' : 'unsigned') as DeliveryState,
    facts: null,
  }),
  entityType: 'notice',
  load: loadDelivery,
  effects: { signOff: async () => ({}) },
  async write(trx, row, _to, _update, now) {
    const signed = await signDelivery(trx, row.noticeId, row.orgId, row.userId, now);
    return signed ? row : null;
  },
  auditActions: { signOff: 'notice.signed' },
  present: (deps, actor, row) => getNotice(deps, actor, row.noticeId),
};

/** 签收: a user of a recipient org signs the notice off for the org; once. */
export function signOffNotice(deps: NoticeDeps, actor: Actor, id: string) {
  return executeAction(NOTICE_SIGN_OFF_MODULE, deps, actor, id, 'signOff', {});
}

/** The sign-off a forward brings with it, checked now and written in the forward's transaction. */
export async function signOffWith(
  deps: NoticeDeps,
  actor: Actor,
  id: string,
): Promise<(trx: Kysely<Database>) => Promise<unknown>> {
  const prepared = await prepareAction(NOTICE_SIGN_OFF_MODULE, deps, actor, id, 'signOff', {});
  return (trx) => prepared.commit(trx);
}
