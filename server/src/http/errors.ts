import { fieldLabel } from '@tiegui/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { OutOfScopeError } from '../access/access';
import { auditActorOf } from '../audit/audit.service';
import { recordRefusal } from '../audit/audit-refusals';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { AppError, type FieldError, STATUS_OF } from '../lib/errors';

/** One mapping from errors to responses. A 400 names each field; a 5xx shows no internals. */
export function registerErrorHandler(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldError[] = error.validation.map((v) => {
        const path = v.instancePath.split('/').filter((p) => p !== '');
        const label = fieldLabel(path.filter((p) => !/^\d+$/.test(p)));
        return { field: path.join('.') || '请求', message: `${label}：${v.message ?? '格式不正确'}` };
      });
      return reply
        .code(400)
        .send({ code: 'VALIDATION', message: fields.map((f) => f.message).join('；'), fields });
    }
    if (error instanceof AppError) {
      const denied = error.code === 'FORBIDDEN' || error instanceof OutOfScopeError;
      if (denied && request.session) {
        const actor = request.session.actor;
        await recordRefusal(
          deps.db,
          { ...auditActorOf(actor, request.ip), userId: actor.userId },
          {
            method: request.method,
            route: request.routeOptions.url ?? request.url,
            url: request.url,
            status: STATUS_OF[error.code],
            code: error.code,
          },
          deps.clock.now(),
        );
      }
      const { retryAfterSeconds, challenge, candidates } = error.details ?? {};
      if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
      return reply.code(STATUS_OF[error.code]).send({
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(challenge ? { challenge } : {}),
        ...(candidates ? { candidates } : {}),
      });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply.code(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '上传的文件过大' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const message =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? '不支持的请求内容类型'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? '请求内容不是有效的JSON'
            : '请求无效';
      return reply.code(error.statusCode).send({ code: 'BAD_REQUEST', message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系系统管理员' });
  });
}
