import {
  AUDIT_ACTIONS,
  type AuditEvent,
  auditActorLabel,
  auditChangeLines,
  REFUSAL_WINDOW_MINUTES,
  recordKindLabel,
  ZAuditEvent,
  ZAuditQuery,
  ZAuditRefusal,
  ZAuditVerify,
  ZErrorBody,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database';
import { actorOf } from '../http/types';
import { beijingTimeWithOffset } from '../lib/beijing';
import type { Clock } from '../lib/clock';
import { listAuditEvents, recordNames } from './audit.repository';
import { auditActorOf, recordAudit } from './audit.service';
import { verifyAuditChain } from './audit.verifier';
import { namesOf, valueRefs } from './audit-names';
import { closeRefusalWindows, countingRefusals } from './audit-refusals';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

type Row = Awaited<ReturnType<typeof listAuditEvents>>[number];

const changesOf = (r: Row): unknown => (r.changes === null ? null : JSON.parse(r.changes));

/** A page of events with the names of the records they are about and the records their changes name. */
async function named(db: Db, rows: readonly Row[]) {
  const refs = rows.map((r) => valueRefs(changesOf(r)));
  const names = await recordNames(db, [...rows, ...refs.flat()]);
  return rows.map((row, i) => ({ row, names, valueNames: namesOf(refs[i] ?? [], names) }));
}

function present({ row: r, names, valueNames }: Awaited<ReturnType<typeof named>>[number]): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorUsername: r.actor_username,
    actorOrgId: r.actor_org_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityName: names.get(`${r.entity_type}:${r.entity_id}`) ?? null,
    changes: changesOf(r),
    valueNames,
    ip: r.ip,
    hash: r.hash,
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote always; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export const auditRoutes =
  (deps: { db: Db; clock: Clock }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit/events',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志（最新在前）',
          querystring: ZAuditQuery,
          response: {
            200: z.object({ items: z.array(ZAuditEvent), nextCursor: z.number().nullable() }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { limit, ...q } = request.query;
        await closeRefusalWindows(deps.db, deps.clock.now());
        const rows = await listAuditEvents(deps.db, q, limit + 1);
        const page = rows.slice(0, limit);
        // After the read: a reader's own read is the newest event, not one on the page read.
        await recordAudit(
          deps.db,
          auditActorOf(actorOf(request.session)),
          { action: 'audit.read', changes: { ...q, count: page.length } },
          deps.clock.now(),
        );
        return {
          items: (await named(deps.db, page)).map(present),
          nextCursor: rows.length > limit ? (page[page.length - 1]?.seq ?? null) : null,
        };
      },
    );

    app.get(
      '/audit/refusals',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: `计数中的重复拒绝访问（${REFUSAL_WINDOW_MINUTES}分钟内同一用户同一接口，窗口结束时合并为一条审计记录）`,
          response: { 200: z.object({ items: z.array(ZAuditRefusal) }), ...errors },
        },
      },
      async (request) => {
        const now = deps.clock.now();
        await closeRefusalWindows(deps.db, now);
        const items = await countingRefusals(deps.db, now);
        await recordAudit(
          deps.db,
          auditActorOf(actorOf(request.session)),
          { action: 'audit.read', changes: { refusals: items.length } },
          now,
        );
        return { items };
      },
    );

    app.get(
      '/audit/events.csv',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '导出审计日志CSV',
          querystring: ZAuditQuery.omit({ cursor: true, limit: true }),
        },
      },
      async (request, reply) => {
        const header = [
          '序号',
          '时间（北京时间）',
          '用户',
          '单位ID',
          '操作',
          '操作代码',
          '对象类型',
          '对象名称',
          '对象ID',
          '变更内容',
          '变更原文',
          'IP',
          '哈希',
        ];
        const lines = [header.map(csvCell).join(',')];
        await closeRefusalWindows(deps.db, deps.clock.now());
        let cursor: number | undefined;
        for (;;) {
          const rows = await listAuditEvents(deps.db, { ...request.query, cursor }, 5000);
          for (const { row: r, names, valueNames } of await named(deps.db, rows)) {
            const context = { entityType: r.entity_type, names: valueNames };
            lines.push(
              [
                r.seq,
                beijingTimeWithOffset(r.at),
                auditActorLabel(r.actor_username),
                r.actor_org_id,
                AUDIT_ACTIONS[r.action] ?? r.action,
                r.action,
                recordKindLabel(r.entity_type),
                names.get(`${r.entity_type}:${r.entity_id}`) ?? '',
                r.entity_id,
                auditChangeLines(changesOf(r), context).join('；'),
                r.changes,
                r.ip,
                r.hash,
              ]
                .map(csvCell)
                .join(','),
            );
          }
          if (rows.length < 5000) break;
          cursor = rows[rows.length - 1]?.seq;
        }
        const actor = actorOf(request.session);
        await recordAudit(
          deps.db,
          auditActorOf(actor),
          { action: 'audit.exported', changes: request.query },
          deps.clock.now(),
        );
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="audit.csv"; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`,
          );
        return `\uFEFF${lines.join('\r\n')}\r\n`;
      },
    );

    app.post(
      '/audit/verify',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '校验审计日志哈希链与检查点（列出每一处断裂）',
          response: { 200: ZAuditVerify, ...errors },
        },
      },
      async (request) => {
        await closeRefusalWindows(deps.db, deps.clock.now());
        const result = await verifyAuditChain(deps.db);
        // The outcome, not the list: a long list of breaks stays in the answer, not in every row after.
        const { ok, checked, brokenAt, reason, breaks, omitted } = result;
        await recordAudit(
          deps.db,
          auditActorOf(actorOf(request.session)),
          {
            action: 'audit.verified',
            changes: { ok, checked, brokenAt, reason, breaks: breaks.length + omitted },
          },
          deps.clock.now(),
        );
        return result;
      },
    );
  };
