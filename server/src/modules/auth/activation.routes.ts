import { ZActivate, ZActivationAccount, ZActivationCheck, ZErrorBody, ZOk } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ActivationDeps, activateAccount, checkActivationCode } from './activation.service';

/**
 * The activation page's two calls, public (the user has no password yet): whose account a code is
 * for, then the user's own password. The code travels in the body, never in a logged URL.
 */
export const activationRoutes =
  (deps: ActivationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/activation/check',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '查验激活码',
          body: ZActivationCheck,
          response: { 200: ZActivationAccount, 400: ZErrorBody },
        },
      },
      async (request) => checkActivationCode(deps, request.body.code, request.ip),
    );
    app.post(
      '/auth/activation',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '凭激活码设置密码',
          body: ZActivate,
          response: { 200: ZOk, 400: ZErrorBody },
        },
      },
      async (request) => {
        await activateAccount(deps, request.body, request.ip);
        return { ok: true as const };
      },
    );
  };
