import { ZErrorBody, ZIdParams, ZOrg, ZOrgCreate, ZOrgListQuery, ZOrgUpdate } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import { createOrg, getOrg, listOrgs, type OrgDeps, updateOrg } from './org.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const orgRoutes =
  (deps: OrgDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/orgs',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '组织机构（数据范围内）',
          querystring: ZOrgListQuery,
          response: { 200: z.object({ items: z.array(ZOrg) }), ...errors },
        },
      },
      async (request) => ({ items: await listOrgs(deps, actorOf(request.session), request.query) }),
    );
    app.get(
      '/orgs/:id',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['orgs'],
          summary: '单位详情',
          params: ZIdParams,
          response: { 200: ZOrg, ...errors },
        },
      },
      async (request) => getOrg(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/orgs',
      {
        config: { permission: 'org.manage' },
        schema: { tags: ['orgs'], summary: '新增单位', body: ZOrgCreate, response: { 201: ZOrg, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send(await createOrg(deps, actorOf(request.session), request.body)),
    );
    app.patch(
      '/orgs/:id',
      {
        config: { permission: 'org.manage' },
        schema: {
          tags: ['orgs'],
          summary: '修改单位',
          params: ZIdParams,
          body: ZOrgUpdate,
          response: { 200: ZOrg, ...errors },
        },
      },
      async (request) => updateOrg(deps, actorOf(request.session), request.params.id, request.body),
    );
  };
