import {
  ZBoard,
  ZBoardOrgsQuery,
  ZBoardRegions,
  ZBoardRegionsQuery,
  ZCampaign,
  ZCampaignCreate,
  ZErrorBody,
  ZIdParams,
  ZPlan,
  ZPlanSummary,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download';
import { actorOf } from '../../http/types';
import { workflowRoutes } from '../../workflow/workflow.routes';
import { boardExcel } from './board.excel';
import { boardOrgs, boardRegions, campaignBoard, urgeOverdue } from './board.service';
import {
  type CampaignDeps,
  createCampaign,
  getCampaign,
  listCampaigns,
  listPlanVersions,
} from './campaign.service';
import { activateCampaign, CAMPAIGN_MODULE, closeCampaign } from './campaign.workflow';
import { loadPlanById, uploadPlanVersion } from './plan.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const ZBoardOrg = z.object({
  obligationId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string().nullable(),
  periodLabel: z.string(),
  dueAt: z.string(),
  state: z.string(),
  overdue: z.boolean(),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
});

export const campaignRoutes =
  (deps: CampaignDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // `POST /campaigns/:id/actions/<action>` for the lifecycle's actions; /activate and /close below
    // are the same actions under the web's names.
    await app.register(
      workflowRoutes(CAMPAIGN_MODULE, deps, {
        records: 'campaigns',
        tag: 'campaigns',
        permission: 'campaign.read',
        response: ZCampaign,
      }),
    );
    app.get(
      '/plans',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '活动方案版本',
          response: { 200: z.object({ items: z.array(ZPlanSummary) }), ...errors },
        },
      },
      async () => ({ items: await listPlanVersions(deps) }),
    );
    app.post(
      '/plans',
      {
        config: { permission: 'campaign.manage' },
        schema: {
          tags: ['campaigns'],
          summary: '上传活动方案新版本',
          body: ZPlan,
          response: { 201: ZPlanSummary, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await uploadPlanVersion(deps, actorOf(request.session), request.body)),
    );
    app.get(
      '/plans/:id',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '活动方案内容',
          params: ZIdParams,
          response: { 200: ZPlan, ...errors },
        },
      },
      async (request) => loadPlanById(deps, request.params.id),
    );
    app.get(
      '/campaigns',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '专项活动',
          response: { 200: z.object({ items: z.array(ZCampaign) }), ...errors },
        },
      },
      async (request) => ({ items: await listCampaigns(deps, actorOf(request.session)) }),
    );
    app.post(
      '/campaigns',
      {
        config: { permission: 'campaign.manage' },
        schema: {
          tags: ['campaigns'],
          summary: '发起专项活动（草稿）',
          body: ZCampaignCreate,
          response: { 201: ZCampaign, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createCampaign(deps, actorOf(request.session), request.body)),
    );
    app.get(
      '/campaigns/:id',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '专项活动详情',
          params: ZIdParams,
          response: { 200: ZCampaign, ...errors },
        },
      },
      async (request) => getCampaign(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/campaigns/:id/activate',
      {
        config: { permission: 'campaign.manage' },
        schema: {
          tags: ['campaigns'],
          summary: '启动专项活动：生成各单位任务',
          params: ZIdParams,
          response: { 200: ZCampaign.extend({ obligations: z.number() }), ...errors },
        },
      },
      async (request) => activateCampaign(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/campaigns/:id/close',
      {
        config: { permission: 'campaign.manage' },
        schema: {
          tags: ['campaigns'],
          summary: '结束专项活动',
          params: ZIdParams,
          response: { 200: ZCampaign, ...errors },
        },
      },
      async (request) => closeCampaign(deps, actorOf(request.session), request.params.id),
    );
    app.get(
      '/campaigns/:id/board',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '进度看板',
          params: ZIdParams,
          response: { 200: ZBoard, ...errors },
        },
      },
      async (request) => campaignBoard(deps, actorOf(request.session), request.params.id),
    );
    app.get(
      '/campaigns/:id/board/orgs',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '看板数字背后的单位',
          params: ZIdParams,
          querystring: ZBoardOrgsQuery,
          response: { 200: z.object({ items: z.array(ZBoardOrg) }), ...errors },
        },
      },
      async (request) => ({
        items: await boardOrgs(deps, actorOf(request.session), request.params.id, request.query),
      }),
    );
    app.get(
      '/campaigns/:id/board/regions',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['campaigns'],
          summary: '看板按地区排名（完成率、逾期数），可按地区下钻',
          params: ZIdParams,
          querystring: ZBoardRegionsQuery,
          response: { 200: ZBoardRegions, ...errors },
        },
      },
      async (request) => boardRegions(deps, actorOf(request.session), request.params.id, request.query),
    );
    app.get(
      '/campaigns/:id/board.xlsx',
      {
        config: { permission: 'campaign.read' },
        schema: { tags: ['campaigns'], summary: '导出进度看板', params: ZIdParams, response: errors },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await boardExcel(deps, actorOf(request.session), request.params.id),
          'board.xlsx',
        ),
    );
    app.post(
      '/campaigns/:id/urge',
      {
        config: { permission: 'obligation.review' },
        schema: {
          tags: ['campaigns'],
          summary: '批量催办某项职责的逾期单位',
          params: ZIdParams,
          body: z.strictObject({ dutyKey: z.string().min(1).max(60) }),
          response: { 200: z.object({ orgs: z.number() }), ...errors },
        },
      },
      async (request) => urgeOverdue(deps, actorOf(request.session), request.params.id, request.body.dutyKey),
    );
  };
