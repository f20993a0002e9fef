import {
  ZAccountChangeFiled,
  ZActivationIssued,
  ZErrorBody,
  ZIdParams,
  ZPasswordReset,
  ZUser,
  ZUserCreate,
  ZUserListQuery,
  ZUserUpdate,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/types';
import { fileAccountChange } from '../account-changes/account-change.service';
import { listUsers, resetPassword, type UserDeps, unlockUser } from './user.service';
import { updateUser } from './user-update.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const userRoutes =
  (deps: UserDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/users',
      {
        // user.manage or security.manage: checked in the service.
        schema: {
          tags: ['users'],
          summary: '用户列表',
          querystring: ZUserListQuery,
          response: { 200: z.object({ items: z.array(ZUser) }), ...errors },
        },
      },
      async (request) => ({ items: await listUsers(deps, actorOf(request.session), request.query) }),
    );
    app.post(
      '/users',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '新增用户（提交申请，经审批生效）',
          body: ZUserCreate,
          response: { 202: ZAccountChangeFiled, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            await fileAccountChange(deps, actorOf(request.session), { ...request.body, change: 'create' }),
          ),
    );
    app.patch(
      '/users/:id',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '修改用户（角色、所属单位、停用启用须经审批生效）',
          params: ZIdParams,
          body: ZUserUpdate,
          response: { 200: ZUser, 202: ZAccountChangeFiled, ...errors },
        },
      },
      async (request, reply) => {
        const done = await updateUser(deps, actorOf(request.session), request.params.id, request.body);
        return 'request' in done ? reply.code(202).send(done.request) : done.user;
      },
    );
    app.post(
      '/users/:id/unlock',
      {
        config: { permission: 'security.manage' },
        schema: {
          tags: ['users'],
          summary: '解锁账号',
          params: ZIdParams,
          response: { 200: ZUser, ...errors },
        },
      },
      async (request) => unlockUser(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/users/:id/reset-password',
      {
        config: { permission: 'security.manage' },
        schema: {
          tags: ['users'],
          summary: '重置密码（签发一次性激活码）',
          params: ZIdParams,
          // It takes nothing: a call without a body is as good as `{}`.
          body: ZPasswordReset.nullish(),
          response: { 200: ZActivationIssued, ...errors },
        },
      },
      async (request) => resetPassword(deps, actorOf(request.session), request.params.id),
    );
  };
