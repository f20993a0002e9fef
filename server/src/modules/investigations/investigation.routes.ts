import {
  ZErrorBody,
  ZInvestigationCoverage,
  ZInvestigationCoverageQuery,
  ZInvestigationCreate,
  ZInvestigationList,
  ZInvestigationListQuery,
  ZInvestigationView,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/types';
import type { HazardDeps } from '../hazards/hazard.service';
import {
  canRecordInvestigation,
  investigationCoverage,
  listInvestigations,
  recordInvestigation,
} from './investigation.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ['hazards'];

/** The principal's monthly major-hazard investigation: records, coverage, a new record. */
export const investigationRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
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
  };
