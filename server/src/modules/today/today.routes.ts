import { ZAdminToday, ZErrorBody, ZToday } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/types';
import { adminToday } from './admin-today.service';
import { type TodayDeps, today } from './today.service';

const errors = { 401: ZErrorBody, 403: ZErrorBody };

/** 今日工作: the landing page's one request. */
export const todayRoutes =
  (deps: TodayDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/today',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['today'],
          summary:
            '今日工作：逾期和7日内到期的任务、待签收和待转发的通知、待审核、待办隐患、督办报告、落后地区',
          response: { 200: ZToday, ...errors },
        },
      },
      async (request) => today(deps, actorOf(request.session)),
    );
    app.get(
      '/today/admin',
      {
        config: { permission: 'account.read' },
        schema: {
          tags: ['today'],
          summary:
            '三员的今日工作：待审批的账号变更、本人的申请、锁定账号、未使用的激活码、需关注的账号、审计日志校验和拒绝访问计数',
          response: { 200: ZAdminToday, ...errors },
        },
      },
      async (request) => adminToday(deps, actorOf(request.session)),
    );
  };
