import { ZErrorBody, ZIdParams, ZMineImportResult, ZMineListQuery } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDownload } from '../../http/download';
import { actorOf } from '../../http/types';
import { uploadedFile } from '../../http/upload';
import { importReceipt } from '../../lib/excel';
import { exportMines, importMines, mineImportTemplate } from './mine.excel';
import type { MineDeps } from './mine.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const ZMineExportQuery = ZMineListQuery.omit({ cursor: true, limit: true });

export const mineExcelRoutes =
  (deps: MineDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mines/import-template',
      {
        config: { permission: 'mine.import' },
        schema: { tags: ['mines'], summary: '下载矿山导入模板（xlsx）', response: errors },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await mineImportTemplate(deps, actorOf(request.session)),
          'mine-import-template.xlsx',
        ),
    );
    app.post(
      '/mines/import',
      {
        config: { permission: 'mine.import' },
        schema: {
          tags: ['mines'],
          summary: '导入矿山台账（multipart，字段file，xlsx）',
          consumes: ['multipart/form-data'],
          response: { 200: ZMineImportResult, ...errors },
        },
      },
      async (request) =>
        importMines(deps, actorOf(request.session), await uploadedFile(request, 'Excel文件')),
    );
    app.get(
      '/mines/import-receipts/:id',
      {
        config: { permission: 'mine.import' },
        schema: { tags: ['mines'], summary: '下载导入错误回执（xlsx）', params: ZIdParams, response: errors },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await importReceipt(deps.db, actorOf(request.session).userId, request.params.id),
          'import-receipt.xlsx',
        ),
    );
    app.get(
      '/mines/export',
      {
        config: { permission: 'mine.read' },
        schema: {
          tags: ['mines'],
          summary: '导出矿山台账（xlsx）',
          querystring: ZMineExportQuery,
          response: errors,
        },
      },
      async (request, reply) =>
        sendDownload(reply, await exportMines(deps, actorOf(request.session), request.query), 'mines.xlsx'),
    );
  };
