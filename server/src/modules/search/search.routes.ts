import { ZErrorBody, ZSearchQuery, ZSearchResults } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/types';
import { type SearchDeps, search } from './search.service';

/** The header's search box: one request for every kind. */
export const searchRoutes =
  (deps: SearchDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      {
        // Each kind is gated by its own list's permission: a kind the actor may not list is absent.
        schema: {
          tags: ['search'],
          summary:
            '全局搜索：数据范围内的矿山（名称、统一社会信用代码）、隐患（描述、部位、编号）、通知（文号、标题）',
          querystring: ZSearchQuery,
          response: { 200: ZSearchResults, 400: ZErrorBody, 401: ZErrorBody },
        },
      },
      async (request) => search(deps, actorOf(request.session), request.query.q),
    );
  };
