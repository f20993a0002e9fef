import {
  ZDutiesQuery,
  ZErrorBody,
  ZIdParams,
  ZObligation,
  ZObligationDetail,
  ZReturn,
  ZReview,
  ZSubmissionValues,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import { workflowRoutes } from '../../workflow/workflow.routes';
import { getObligation, listDuties, type ObligationDeps, saveDraft } from './obligation.service';
import { OBLIGATION_MODULE, reviewObligation, submitObligation } from './obligation.workflow';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const obligationRoutes =
  (deps: ObligationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // `POST /obligations/:id/actions/<action>` for every action of the table; the routes below are
    // the web's own names for the same actions.
    await app.register(
      workflowRoutes(OBLIGATION_MODULE, deps, {
        records: 'obligations',
        tag: 'duties',
        permission: 'campaign.read',
        response: ZObligationDetail,
      }),
    );
    app.get(
      '/duties',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['duties'],
          summary: '我的任务（scope=mine）或待我审核（scope=review）',
          querystring: ZDutiesQuery,
          response: { 200: z.object({ items: z.array(ZObligation) }), ...errors },
        },
      },
      async (request) => ({ items: await listDuties(deps, actorOf(request.session), request.query) }),
    );
    app.get(
      '/duties/:id',
      {
        config: { permission: 'campaign.read' },
        schema: {
          tags: ['duties'],
          summary: '任务详情、表单和历次报送',
          params: ZIdParams,
          response: { 200: ZObligationDetail, ...errors },
        },
      },
      async (request) => getObligation(deps, actorOf(request.session), request.params.id),
    );
    app.put(
      '/duties/:id/draft',
      {
        config: { permission: 'obligation.submit' },
        schema: {
          tags: ['duties'],
          summary: '保存草稿',
          params: ZIdParams,
          body: ZSubmissionValues,
          response: { 200: ZObligationDetail, ...errors },
        },
      },
      async (request) => saveDraft(deps, actorOf(request.session), request.params.id, request.body.values),
    );
    app.post(
      '/duties/:id/submit',
      {
        config: { permission: 'obligation.submit' },
        schema: {
          tags: ['duties'],
          summary: '报送',
          params: ZIdParams,
          body: ZSubmissionValues,
          response: { 200: ZObligationDetail, ...errors },
        },
      },
      async (request) =>
        submitObligation(deps, actorOf(request.session), request.params.id, request.body.values),
    );
    app.post(
      '/duties/:id/accept',
      {
        config: { permission: 'obligation.review' },
        schema: {
          tags: ['duties'],
          summary: '审核通过',
          params: ZIdParams,
          body: ZReview,
          response: { 200: ZObligationDetail, ...errors },
        },
      },
      async (request) =>
        reviewObligation(deps, actorOf(request.session), request.params.id, 'accept', request.body.comment),
    );
    app.post(
      '/duties/:id/return',
      {
        config: { permission: 'obligation.review' },
        schema: {
          tags: ['duties'],
          summary: '退回（须说明原因）',
          params: ZIdParams,
          body: ZReturn,
          response: { 200: ZObligationDetail, ...errors },
        },
      },
      async (request) =>
        reviewObligation(deps, actorOf(request.session), request.params.id, 'return', request.body.comment),
    );
  };
