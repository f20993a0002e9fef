import {
  ZErrorBody,
  ZIdParams,
  ZMine,
  ZMineCount,
  ZMineCreate,
  ZMineFilter,
  ZMineListQuery,
  ZMinePage,
  ZMineUpdate,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import {
  countMinesOf,
  createMine,
  getMine,
  listMinesPage,
  type MineDeps,
  mineFormOptions,
} from './mine.service';
import { setMineActive, updateMine } from './mine-edit.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const ZFormOptions = z.object({
  supervisors: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), regionCode: z.string() }),
  ),
  divisions: z.array(z.object({ id: z.string(), name: z.string(), coveredRegions: z.array(z.string()) })),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const mineRoutes =
  (deps: MineDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mines',
      {
        config: { permission: 'mine.read' },
        schema: {
          tags: ['mines'],
          summary: '矿山列表（数据范围内）',
          querystring: ZMineListQuery,
          response: { 200: ZMinePage, ...errors },
        },
      },
      async (request) => listMinesPage(deps, actorOf(request.session), request.query),
    );
    app.get(
      '/mines/count',
      {
        config: { permission: 'mine.read' },
        schema: {
          tags: ['mines'],
          summary: '矿山数量（与列表同一筛选）',
          querystring: ZMineFilter,
          response: { 200: ZMineCount, ...errors },
        },
      },
      async (request) => countMinesOf(deps, actorOf(request.session), request.query),
    );
    app.get(
      '/mines/form-options',
      {
        config: { permission: 'mine.read' },
        schema: { tags: ['mines'], summary: '矿山表单选项', response: { 200: ZFormOptions, ...errors } },
      },
      async (request) => mineFormOptions(deps, actorOf(request.session)),
    );
    app.get(
      '/mines/:id',
      {
        config: { permission: 'mine.read' },
        schema: {
          tags: ['mines'],
          summary: '矿山详情',
          params: ZIdParams,
          response: { 200: ZMine, ...errors },
        },
      },
      async (request) => getMine(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/mines',
      {
        config: { permission: 'mine.create' },
        schema: {
          tags: ['mines'],
          summary: '新增矿山',
          body: ZMineCreate,
          response: { 201: ZMine, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createMine(deps, actorOf(request.session), request.body)),
    );
    app.patch(
      '/mines/:id',
      {
        config: { permission: 'mine.update' },
        schema: {
          tags: ['mines'],
          summary: '修改矿山基础信息',
          params: ZIdParams,
          body: ZMineUpdate,
          response: { 200: ZMine, ...errors },
        },
      },
      async (request) => updateMine(deps, actorOf(request.session), request.params.id, request.body),
    );
    for (const [action, active, summary] of [
      ['deactivate', false, '停用矿山'],
      ['reactivate', true, '启用矿山'],
    ] as const) {
      app.post(
        `/mines/:id/${action}`,
        {
          config: { permission: 'mine.deactivate' },
          schema: { tags: ['mines'], summary, params: ZIdParams, response: { 200: ZMine, ...errors } },
        },
        async (request) => setMineActive(deps, actorOf(request.session), request.params.id, active),
      );
    }
  };
