import {
  ZDashboardQuery,
  ZErrorBody,
  ZHazardDashboard,
  ZIdParams,
  ZMineHazardFlags,
  ZRecurrence,
  ZRecurrencesQuery,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import type { HazardDeps } from '../hazards/hazard.service';
import { hazardDashboard, listRecurrences, mineHazardFlags } from './hazard-dashboard.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ['hazards'];

/** 动态清零: the dashboard, the recurrences (提请关闭) and a mine's hazard flags. */
export const hazardDashboardRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
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
          querystring: ZRecurrencesQuery,
          response: { 200: z.object({ items: z.array(ZRecurrence) }), ...errors },
        },
      },
      async (request) => ({ items: await listRecurrences(deps, actorOf(request.session), request.query) }),
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
  };
