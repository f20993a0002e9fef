import { ZErrorBody, ZHazardExportQuery, ZHazardImportResult, ZIdParams } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDownload } from '../../http/download';
import { actorOf } from '../../http/types';
import { uploadedFile } from '../../http/upload';
import { importReceipt } from '../../lib/excel';
import { exportHazards, hazardImportTemplate, importHazards } from './hazard.excel';
import type { HazardDeps } from './hazard.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const hazardExcelRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/hazards/export',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags: ['hazards'],
          summary: '导出隐患台账（xlsx，筛选条件同列表）',
          querystring: ZHazardExportQuery,
          response: errors,
        },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await exportHazards(deps, actorOf(request.session), request.query),
          'hazards.xlsx',
        ),
    );
    app.get(
      '/hazards/import-template',
      {
        config: { permission: 'hazard.report' },
        schema: { tags: ['hazards'], summary: '下载隐患台账导入模板（xlsx）', response: errors },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await hazardImportTemplate(deps, actorOf(request.session)),
          'hazard-import-template.xlsx',
        ),
    );
    app.post(
      '/hazards/import',
      {
        config: { permission: 'hazard.report' },
        schema: {
          tags: ['hazards'],
          summary: '导入隐患台账（multipart，字段file，xlsx）',
          consumes: ['multipart/form-data'],
          response: { 200: ZHazardImportResult, ...errors },
        },
      },
      async (request) =>
        importHazards(deps, actorOf(request.session), await uploadedFile(request, 'Excel文件')),
    );
    app.get(
      '/hazards/import-receipts/:id',
      {
        config: { permission: 'hazard.report' },
        schema: {
          tags: ['hazards'],
          summary: '下载隐患导入错误回执（xlsx）',
          params: ZIdParams,
          response: errors,
        },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await importReceipt(deps.db, actorOf(request.session).userId, request.params.id),
          'import-receipt.xlsx',
        ),
    );
  };
