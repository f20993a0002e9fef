import {
  ZAccountChange,
  ZAccountChangeCreate,
  ZAccountChangeFiled,
  ZAccountChangeListQuery,
  ZErrorBody,
  ZIdParams,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import { workflowRoutes } from '../../workflow/workflow.routes';
import {
  type AccountChangeDeps,
  fileAccountChange,
  getAccountChange,
  listAccountChanges,
} from './account-change.service';
import { ACCOUNT_CHANGE_MODULE } from './account-change.workflow';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** 三员 account change requests: file (system administrator), list, read, and the table's actions. */
export const accountChangeRoutes =
  (deps: AccountChangeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(
      workflowRoutes(ACCOUNT_CHANGE_MODULE, deps, {
        records: 'account-changes',
        tag: 'users',
        permission: 'account.read',
        response: ZAccountChange,
      }),
    );
    app.get(
      '/account-changes',
      {
        config: { permission: 'account.read' },
        schema: {
          tags: ['users'],
          summary: '账号变更申请列表',
          querystring: ZAccountChangeListQuery,
          response: { 200: z.object({ items: z.array(ZAccountChange) }), ...errors },
        },
      },
      async (request) => ({
        items: await listAccountChanges(deps, actorOf(request.session), request.query.box),
      }),
    );
    app.get(
      '/account-changes/:id',
      {
        config: { permission: 'account.read' },
        schema: {
          tags: ['users'],
          summary: '账号变更申请',
          params: ZIdParams,
          response: { 200: ZAccountChange, ...errors },
        },
      },
      async (request) => getAccountChange(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/account-changes',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '提交账号变更申请',
          body: ZAccountChangeCreate,
          response: { 202: ZAccountChangeFiled, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await fileAccountChange(deps, actorOf(request.session), request.body)),
    );
  };
