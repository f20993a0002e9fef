import { ZErrorBody, ZIdParams, ZOk } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { actorOf } from '../../http/types';
import type { Clock } from '../../lib/clock';
import { listNotifications, markRead } from './notification.service';

const ZNotifications = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      body: z.string().nullable(),
      link: z.string().nullable(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});

export const notificationRoutes =
  (deps: { db: Db; clock: Clock }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: '我的通知（含未读数）',
          response: { 200: ZNotifications, 401: ZErrorBody },
        },
      },
      async (request) => listNotifications(deps.db, actorOf(request.session).userId),
    );
    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: '标记已读',
          params: ZIdParams,
          response: { 200: ZOk, 401: ZErrorBody, 404: ZErrorBody },
        },
      },
      async (request) => {
        await markRead(deps, actorOf(request.session).userId, request.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/notifications/read-all',
      {
        schema: { tags: ['notifications'], summary: '全部标记已读', response: { 200: ZOk, 401: ZErrorBody } },
      },
      async (request) => {
        await markRead(deps, actorOf(request.session).userId, 'all');
        return { ok: true as const };
      },
    );
  };
