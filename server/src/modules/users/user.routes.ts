import {
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
import { createUser, listUsers, resetPassword, type UserDeps, unlockUser, updateUser } from './user.service';

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
          summary: '新增用户',
          body: ZUserCreate,
          response: { 201: ZUser, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createUser(deps, actorOf(request.session), request.body)),
    );
    app.patch(
      '/users/:id',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '修改用户',
          params: ZIdParams,
          body: ZUserUpdate,
          response: { 200: ZUser, ...errors },
        },
      },
      async (request) => updateUser(deps, actorOf(request.session), request.params.id, request.body),
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
          summary: '重置密码',
          params: ZIdParams,
          body: ZPasswordReset,
          response: { 200: ZUser, ...errors },
        },
      },
      async (request) =>
        resetPassword(deps, actorOf(request.session), request.params.id, request.body.password),
    );
  };
