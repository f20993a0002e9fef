import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long the first answer to a key is kept and given again. */
export const IDEMPOTENCY_HOURS = 24;
/** A request still unanswered after this long died with its process: its key may be used again. */
const ABANDONED_MINUTES = 5;
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

type Pending = { user_id: string; route: string; idempotency_key: string };

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Pending | null;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** How long a second request waits for the first one still being handled (a double click). */
const WAIT_MS = 10_000;
const POLL_MS = 100;

const answerOf = (db: Db, id: Pending) =>
  db
    .selectFrom('idempotency_keys')
    .select(['idempotency_keys.request_hash', 'idempotency_keys.status', 'idempotency_keys.response'])
    .where((eb) => eb.and(id))
    .executeTakeFirst();

/** The first request's row, once it is answered (or after a short wait, as it stands then). */
async function firstAnswer(db: Db, id: Pending) {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const row = await answerOf(db, id);
    if (!row || row.status !== null || Date.now() > until) return row;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Method and path, hashed when too long for the column (the path is the user's, its length too). */
function routeOf(request: FastifyRequest): string {
  const route = `${request.method} ${request.url}`;
  return route.length <= 400 ? route : `${request.method} #${sha256(request.url)}`;
}

/**
 * A POST whose body is a form (a record to create, an action's evidence): sent twice, it must do its
 * work once. A POST without one (校验完整性, 签收, 全部已读) asks again each time and gets a fresh
 * answer whatever key a client sends; an upload is one file and is not repeated by a double click.
 */
export function submitsForm(request: FastifyRequest): boolean {
  if (request.isMultipart()) return false;
  return Boolean(request.routeOptions.schema?.body || request.routeOptions.config.documentedBody);
}

/**
 * `Idempotency-Key` on every signed-in POST that submits a form (see submitsForm): the same key from the same user on the same path within 24 hours
 * answers the first successful answer again instead of doing the work twice; the same key with
 * another body is refused. Only successes are kept: a refused request may be corrected and sent again.
 */
export function registerIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || !request.session || header === undefined || !submitsForm(request))
      return;
    if (typeof header !== 'string' || !KEY.test(header))
      throw new AppError('VALIDATION', '提交标识格式不正确，请刷新页面后重新提交');
    const now = deps.clock.now();
    const id: Pending = {
      user_id: request.session.actor.userId,
      route: routeOf(request),
      idempotency_key: header,
    };
    const hash = sha256(JSON.stringify(request.body ?? null));
    const expired = new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000).toISOString();
    const abandoned = new Date(now.getTime() - ABANDONED_MINUTES * 60_000).toISOString();
    await deps.db
      .deleteFrom('idempotency_keys')
      .where('idempotency_keys.user_id', '=', id.user_id)
      .where((eb) =>
        eb.or([
          eb('idempotency_keys.created_at', '<', expired),
          eb.and([
            eb('idempotency_keys.route', '=', id.route),
            eb('idempotency_keys.idempotency_key', '=', id.idempotency_key),
            eb('idempotency_keys.status', 'is', null),
            eb('idempotency_keys.created_at', '<', abandoned),
          ]),
        ]),
      )
      .execute();
    const inserted = await deps.db
      .insertInto('idempotency_keys')
      .values({ ...id, request_hash: hash, status: null, response: null, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'route', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      request.idempotency = id;
      return;
    }
    const first = await firstAnswer(deps.db, id);
    if (first && first.request_hash !== hash)
      throw new AppError('CONFLICT', '这次提交的内容与先前同一次提交不同，请刷新页面后重新提交');
    if (!first) throw new AppError('CONFLICT', '先前同一次提交未被接受，请检查后重新提交');
    if (first.status === null || first.response === null)
      throw new AppError('CONFLICT', '同一次提交正在处理中，请稍候刷新页面查看结果');
    return reply
      .code(first.status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(first.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotency;
    if (!id) return payload;
    request.idempotency = null;
    if (reply.statusCode < 300 && typeof payload === 'string') {
      await deps.db
        .updateTable('idempotency_keys')
        .set({ status: reply.statusCode, response: payload })
        .where((eb) => eb.and(id))
        .execute();
    } else {
      await deps.db
        .deleteFrom('idempotency_keys')
        .where((eb) => eb.and(id))
        .execute();
    }
    return payload;
  });
}
