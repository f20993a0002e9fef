import { ZErrorBody, ZHazardStandard, ZHazardStandardSummary } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import type { HazardDeps } from '../hazards/hazard.service';
import { canUploadStandard, getStandard, listStandards, uploadStandard } from './hazard-catalog.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ['hazards'];

/** 重大事故隐患判定标准: the stored versions, one version, a new version (province). */
export const hazardCatalogRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/hazards/catalogs',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '重大事故隐患判定标准（各版本）',
          response: {
            200: z.object({ items: z.array(ZHazardStandardSummary), canUpload: z.boolean() }),
            ...errors,
          },
        },
      },
      async (request) => ({
        items: await listStandards(deps),
        canUpload: canUploadStandard(actorOf(request.session)),
      }),
    );
    app.get(
      '/hazards/catalogs/:key',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '判定标准内容（默认最新版本）',
          params: z.object({ key: z.string().max(40) }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 200: ZHazardStandard, ...errors },
        },
      },
      async (request) =>
        getStandard(deps, actorOf(request.session), request.params.key, request.query.version),
    );
    app.post(
      '/hazards/catalogs',
      {
        config: { permission: 'hazard.catalog' },
        schema: {
          tags,
          summary: '上传判定标准新版本（省级）',
          body: ZHazardStandard,
          response: { 201: ZHazardStandardSummary, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await uploadStandard(deps, actorOf(request.session), request.body)),
    );
  };
