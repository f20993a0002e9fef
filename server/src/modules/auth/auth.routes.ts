import { ZChangePassword, ZErrorBody, ZLogin, ZMe, ZOk, ZPowRequiredBody } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../../http/auth-hook';
import { overTls } from '../../http/security';
import { actorOf } from '../../http/types';
import type { AuthDeps } from './auth.service';
import { changePassword, login, logout, meOf, resolveSession } from './auth.service';

export const authRoutes =
  (deps: AuthDeps & { secureCookies: boolean }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录',
          body: ZLogin,
          response: {
            200: ZMe,
            400: ZErrorBody,
            401: ZErrorBody,
            423: ZErrorBody,
            428: ZPowRequiredBody,
            429: ZErrorBody,
          },
        },
      },
      async (request, reply) => {
        const { token } = await login(deps, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        const session = await resolveSession(deps, token, request.ip);
        if (!session) throw new Error('session vanished right after login');
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies || overTls(request),
        });
        return meOf(session);
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { duringPasswordChange: true },
        schema: { tags: ['auth'], summary: '退出登录', response: { 200: ZOk, 401: ZErrorBody } },
      },
      async (request, reply) => {
        await logout(deps, actorOf(request.session));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/me',
      {
        config: { duringPasswordChange: true },
        schema: { tags: ['auth'], summary: '当前用户', response: { 200: ZMe, 401: ZErrorBody } },
      },
      async (request) => meOf(request.session!),
    );

    app.post(
      '/auth/change-password',
      {
        config: { duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: '修改密码',
          body: ZChangePassword,
          response: { 200: ZOk, 400: ZErrorBody, 401: ZErrorBody, 429: ZErrorBody },
        },
      },
      async (request) => {
        await changePassword(deps, actorOf(request.session), request.sessionToken ?? '', request.body);
        return { ok: true as const };
      },
    );
  };
