import { UPLOAD_MAX_MB, ZErrorBody, ZIdParams, ZStoredFile } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDownload } from '../../http/download';
import { actorOf } from '../../http/types';
import { uploadedFile } from '../../http/upload';
import { type FileDeps, readFile, uploadFile } from './file.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const fileRoutes =
  (deps: FileDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/files',
      {
        schema: {
          tags: ['files'],
          summary: `上传文件（multipart，字段file；pdf、doc/docx、xls/xlsx、jpg/png、ofd、zip，不超过${UPLOAD_MAX_MB}MB）`,
          consumes: ['multipart/form-data'],
          response: { 201: ZStoredFile, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await uploadFile(deps, actorOf(request.session), await uploadedFile(request))),
    );
    app.get(
      '/files/:id',
      {
        schema: {
          tags: ['files'],
          summary: '下载文件（上传单位，或能查看引用它的通知、记录的用户）',
          params: ZIdParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const file = await readFile(deps, actorOf(request.session), request.params.id);
        const ext = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')) : '';
        reply.header('x-content-type-options', 'nosniff');
        return sendDownload(reply, { fileName: file.name, content: file.content }, `file${ext}`, file.mime);
      },
    );
  };
