import { type Permission, ZErrorBody, ZIdParams } from '@tiegui/domain';
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../access/actor';
import type { Db } from '../db/database';
import { importReceipt } from '../lib/excel';
import { sendDownload } from './download';
import { actorOf } from './types';
import { uploadedFile } from './upload';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

type Download = Awaited<ReturnType<typeof importReceipt>>;

/** What a register (台账) offers over HTTP: its template, an import with its receipt, an export. */
export interface RegisterRoutes<Q extends z.ZodType, R extends z.ZodType> {
  /** `/<records>/import-template`, `/<records>/import`, `/<records>/import-receipts/:id`, `/<records>/export`. */
  records: string;
  /** The register's name in the API document (矿山台账, 隐患台账). */
  title: string;
  /** File names of the downloads, without `.xlsx`. */
  files: { template: string; export: string };
  importPermission: Permission;
  exportPermission: Permission;
  exportQuery: Q;
  importResult: R;
  /** A note on the export's filters in the API document. */
  exportNote?: string;
  template(actor: Actor): Promise<Download>;
  importFile(actor: Actor, file: Awaited<ReturnType<typeof uploadedFile>>): Promise<z.output<R>>;
  exportRows(actor: Actor, query: z.output<Q>): Promise<Download>;
}

/** The four routes of a register, the same for every register. */
export function registerRoutes<Q extends z.ZodType, R extends z.ZodType>(
  db: Db,
  r: RegisterRoutes<Q, R>,
): FastifyPluginAsync {
  // Plain Fastify types: the schemas below still validate; the handlers take what they parsed.
  const tags = [r.records];
  return async (app) => {
    app.get(
      `/${r.records}/export`,
      {
        config: { permission: r.exportPermission },
        schema: {
          tags,
          summary: `导出${r.title}（xlsx${r.exportNote ?? ''}）`,
          querystring: r.exportQuery,
          response: errors,
        },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          // The route's schema has parsed the query into the schema's output.
          await r.exportRows(actorOf(request.session), request.query as z.output<Q>),
          `${r.files.export}.xlsx`,
        ),
    );
    app.get(
      `/${r.records}/import-template`,
      {
        config: { permission: r.importPermission },
        schema: { tags, summary: `下载${r.title}导入模板（xlsx）`, response: errors },
      },
      async (request, reply) =>
        sendDownload(reply, await r.template(actorOf(request.session)), `${r.files.template}.xlsx`),
    );
    app.post(
      `/${r.records}/import`,
      {
        config: { permission: r.importPermission },
        schema: {
          tags,
          summary: `导入${r.title}（multipart，字段file，xlsx）`,
          consumes: ['multipart/form-data'],
          // 503 when more files are being read than the server takes at once.
          response: { 200: r.importResult, ...errors, 503: ZErrorBody },
        },
      },
      async (request) => r.importFile(actorOf(request.session), await uploadedFile(request, 'Excel文件')),
    );
    app.get(
      `/${r.records}/import-receipts/:id`,
      {
        config: { permission: r.importPermission },
        schema: { tags, summary: `下载${r.title}导入错误回执（xlsx）`, params: ZIdParams, response: errors },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await importReceipt(
            db,
            actorOf(request.session).userId,
            (request.params as z.output<typeof ZIdParams>).id,
          ),
          'import-receipt.xlsx',
        ),
    );
  };
}
