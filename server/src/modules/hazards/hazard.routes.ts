import {
  ZErrorBody,
  ZHazardCount,
  ZHazardCreate,
  ZHazardDetail,
  ZHazardDuplicateError,
  ZHazardFilter,
  ZHazardListQuery,
  ZHazardPage,
  ZIdParams,
  ZSupervisionCreate,
  ZSupervisionRemove,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import {
  countHazardsOf,
  getHazard,
  type HazardDeps,
  listHazardsPage,
  registerHazard,
} from './hazard.service';
import { checkSupervisionOverdue, listForSupervision, removeSupervision } from './hazard-supervision.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ['hazards'];

const ZOverdueCheck = z.object({
  overdue: z.array(
    z.object({
      supervisionId: z.string(),
      hazardId: z.string(),
      mineName: z.string(),
      orgName: z.string(),
      reportOverdue: z.boolean(),
      deadlineOverdue: z.boolean(),
    }),
  ),
  notified: z.number(),
});

export const hazardRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/hazards',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '隐患列表（数据范围内，键集分页）',
          querystring: ZHazardListQuery,
          response: { 200: ZHazardPage, ...errors },
        },
      },
      async (request) => listHazardsPage(deps, actorOf(request.session), request.query),
    );
    app.get(
      '/hazards/count',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '隐患条数（与列表同一筛选，超过上限时只说“超过”）',
          querystring: ZHazardFilter,
          response: { 200: ZHazardCount, ...errors },
        },
      },
      async (request) => countHazardsOf(deps, actorOf(request.session), request.query),
    );
    app.post(
      '/hazards',
      {
        config: { permission: 'hazard.report' },
        schema: {
          tags,
          summary: '登记隐患',
          description:
            '同一矿山同一排查发现日期已有内容或地点相似的隐患（规则见 domain/src/rules/hazard-duplicate.ts）时不登记，答复 409 `DUPLICATE` 及其 `candidates`；请求中 `confirmDuplicate: true` 则仍然登记',
          body: ZHazardCreate,
          response: { 201: ZHazardDetail, ...errors, 409: z.union([ZHazardDuplicateError, ZErrorBody]) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await registerHazard(deps, actorOf(request.session), request.body)),
    );
    app.post(
      '/hazards/supervision/check-overdue',
      {
        config: { permission: 'hazard.supervise' },
        schema: {
          tags,
          summary: '检查本单位督办的隐患是否逾期并提醒',
          response: { 200: ZOverdueCheck, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request.session);
        return checkSupervisionOverdue(deps, actor, { supervisingOrgId: actor.orgId });
      },
    );
    app.get(
      '/hazards/:id',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '隐患详情（含办理记录、督办、可执行操作）',
          params: ZIdParams,
          response: { 200: ZHazardDetail, ...errors },
        },
      },
      async (request) => getHazard(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/hazards/:id/supervision',
      {
        config: { permission: 'hazard.supervise' },
        schema: {
          tags,
          summary: '挂牌督办',
          params: ZIdParams,
          body: ZSupervisionCreate,
          response: { 200: ZHazardDetail, ...errors },
        },
      },
      async (request) => listForSupervision(deps, actorOf(request.session), request.params.id, request.body),
    );
    app.post(
      '/hazards/:id/supervision/remove',
      {
        config: { permission: 'hazard.supervise' },
        schema: {
          tags,
          summary: '解除挂牌督办（销号后，由挂牌单位）',
          params: ZIdParams,
          body: ZSupervisionRemove,
          response: { 200: ZHazardDetail, ...errors },
        },
      },
      async (request) =>
        removeSupervision(deps, actorOf(request.session), request.params.id, request.body.note),
    );
  };
