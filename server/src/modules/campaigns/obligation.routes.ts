import {
  ZErrorBody,
  ZIdParams,
  ZObligation,
  ZObligationDetail,
  ZObligationsQuery,
  ZReturn,
  ZReview,
  ZSubmissionValues,
} from '@tiegui/domain';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import { workflowRoutes } from '../../workflow/workflow.routes';
import { getObligation, listObligations, type ObligationDeps, saveDraft } from './obligation.service';
import { OBLIGATION_MODULE, reviewObligation, submitObligation } from './obligation.workflow';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/**
 * An org's obligations (任务) under `/obligations`. The same routes answer under `/duties`, their
 * name before 2026-12, for one more release: deprecated in the API document.
 */
export const obligationRoutes =
  (deps: ObligationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // `POST /obligations/:id/actions/<action>` for every action of the table.
    await app.register(
      workflowRoutes(OBLIGATION_MODULE, deps, {
        records: 'obligations',
        tag: 'obligations',
        permission: 'campaign.read',
        response: ZObligationDetail,
      }),
    );
    obligationsUnder(app, deps, 'obligations', false);
    obligationsUnder(app, deps, 'duties', true);
  };

function obligationsUnder(app: FastifyInstance, deps: ObligationDeps, base: string, deprecated: boolean) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const doc = { tags: ['obligations'], ...(deprecated ? { deprecated: true } : {}) };
  r.get(
    `/${base}`,
    {
      config: { permission: 'campaign.read' },
      schema: {
        ...doc,
        summary: '我的任务（scope=mine）或待我审核（scope=review）',
        querystring: ZObligationsQuery,
        response: { 200: z.object({ items: z.array(ZObligation) }), ...errors },
      },
    },
    async (request) => ({ items: await listObligations(deps, actorOf(request.session), request.query) }),
  );
  r.get(
    `/${base}/:id`,
    {
      config: { permission: 'campaign.read' },
      schema: {
        ...doc,
        summary: '任务详情、表单和历次报送',
        params: ZIdParams,
        response: { 200: ZObligationDetail, ...errors },
      },
    },
    async (request) => getObligation(deps, actorOf(request.session), request.params.id),
  );
  r.put(
    `/${base}/:id/draft`,
    {
      config: { permission: 'obligation.submit' },
      schema: {
        ...doc,
        summary: '保存草稿',
        params: ZIdParams,
        body: ZSubmissionValues,
        response: { 200: ZObligationDetail, ...errors },
      },
    },
    async (request) => saveDraft(deps, actorOf(request.session), request.params.id, request.body.values),
  );
  r.post(
    `/${base}/:id/submit`,
    {
      config: { permission: 'obligation.submit' },
      schema: {
        ...doc,
        summary: '报送',
        params: ZIdParams,
        body: ZSubmissionValues,
        response: { 200: ZObligationDetail, ...errors },
      },
    },
    async (request) =>
      submitObligation(deps, actorOf(request.session), request.params.id, request.body.values),
  );
  r.post(
    `/${base}/:id/accept`,
    {
      config: { permission: 'obligation.review' },
      schema: {
        ...doc,
        summary: '审核通过',
        params: ZIdParams,
        body: ZReview,
        response: { 200: ZObligationDetail, ...errors },
      },
    },
    async (request) =>
      reviewObligation(deps, actorOf(request.session), request.params.id, 'accept', request.body.comment),
  );
  r.post(
    `/${base}/:id/return`,
    {
      config: { permission: 'obligation.review' },
      schema: {
        ...doc,
        summary: '退回（须说明原因）',
        params: ZIdParams,
        body: ZReturn,
        response: { 200: ZObligationDetail, ...errors },
      },
    },
    async (request) =>
      reviewObligation(deps, actorOf(request.session), request.params.id, 'return', request.body.comment),
  );
}
