import {
  ZDashboardQuery,
  ZErrorBody,
  ZHazardCount,
  ZHazardCreate,
  ZHazardDashboard,
  ZHazardDetail,
  ZHazardFilter,
  ZHazardListQuery,
  ZHazardPage,
  ZHazardStandard,
  ZHazardStandardSummary,
  ZIdParams,
  ZInvestigationCoverage,
  ZInvestigationCoverageQuery,
  ZInvestigationCreate,
  ZInvestigationList,
  ZInvestigationListQuery,
  ZInvestigationView,
  ZMineHazardFlags,
  ZRecurrence,
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
import { canUploadStandard, getStandard, listStandards, uploadStandard } from './hazard-catalog.service';
import { hazardDashboard, listRecurrences, mineHazardFlags } from './hazard-dashboard.service';
import {
  canRecordInvestigation,
  investigationCoverage,
  listInvestigations,
  recordInvestigation,
} from './hazard-investigation.service';
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
          body: ZHazardCreate,
          response: { 201: ZHazardDetail, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await registerHazard(deps, actorOf(request.session), request.body)),
    );
    app.get(
      '/hazards/dashboard',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '动态清零看板（本辖区，可按地区下钻）',
          querystring: ZDashboardQuery,
          response: { 200: ZHazardDashboard, ...errors },
        },
      },
      async (request) => hazardDashboard(deps, actorOf(request.session), request.query),
    );
    app.get(
      '/hazards/recurrences',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '3个月内2次以上发现重大事故隐患仍生产的矿山（提请关闭）',
          response: { 200: z.object({ items: z.array(ZRecurrence) }), ...errors },
        },
      },
      async (request) => ({ items: await listRecurrences(deps, actorOf(request.session)) }),
    );
    app.get(
      '/hazards/mines/:id/flags',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '矿山的隐患标志（未销号重大隐患、逾期、提请关闭）',
          params: ZIdParams,
          response: { 200: ZMineHazardFlags, ...errors },
        },
      },
      async (request) => mineHazardFlags(deps, actorOf(request.session), request.params.id),
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
      '/hazards/investigations',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '主要负责人月度重大事故隐患排查记录',
          querystring: ZInvestigationListQuery,
          response: { 200: ZInvestigationList, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request.session);
        return {
          items: await listInvestigations(deps, actor, request.query),
          canRecord: canRecordInvestigation(actor),
        };
      },
    );
    app.get(
      '/hazards/investigations/coverage',
      {
        config: { permission: 'hazard.read' },
        schema: {
          tags,
          summary: '某月已记录和未记录月度排查的矿山（数据范围内）',
          querystring: ZInvestigationCoverageQuery,
          response: { 200: ZInvestigationCoverage, ...errors },
        },
      },
      async (request) => investigationCoverage(deps, actorOf(request.session), request.query),
    );
    app.post(
      '/hazards/investigations',
      {
        config: { permission: 'hazard.rectify' },
        schema: {
          tags,
          summary: '记录月度重大事故隐患排查（有任务时同时报送）',
          body: ZInvestigationCreate,
          response: { 201: ZInvestigationView, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await recordInvestigation(deps, actorOf(request.session), request.body)),
    );
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
      async (request) => getStandard(deps, request.params.key, request.query.version),
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
