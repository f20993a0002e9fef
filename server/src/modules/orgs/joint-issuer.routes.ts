import { ZErrorBody, ZIdParams, ZJointIssuer, ZJointIssuerCreate, ZOk } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import {
  createJointIssuer,
  deleteJointIssuer,
  type JointIssuerDeps,
  listJointIssuers,
} from './joint-issuer.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const jointIssuerRoutes =
  (deps: JointIssuerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/joint-issuers',
      {
        // Regulators only: checked in the service.
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '可联合发文的单位（成对，任一方均可作为发文单位）',
          response: { 200: z.object({ items: z.array(ZJointIssuer) }), ...errors },
        },
      },
      async (request) => ({ items: await listJointIssuers(deps, actorOf(request.session)) }),
    );
    app.post(
      '/joint-issuers',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: '新增可联合发文的一对单位',
          body: ZJointIssuerCreate,
          response: { 201: ZJointIssuer, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createJointIssuer(deps, actorOf(request.session), request.body)),
    );
    app.delete(
      '/joint-issuers/:id',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: '删除可联合发文的一对单位',
          params: ZIdParams,
          response: { 200: ZOk, ...errors },
        },
      },
      async (request) => {
        await deleteJointIssuer(deps, actorOf(request.session), request.params.id);
        return { ok: true as const };
      },
    );
  };
