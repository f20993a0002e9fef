import { hasPermission } from '@tiegui/domain';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors';
import { resolveSession, type SessionDeps } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'tiegui_sid';

/** Every API route is private unless its config says `public`; its `permission` is checked here. */
export function registerAuthHook(app: FastifyInstance, deps: SessionDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (
      !request.url.startsWith('/api/') ||
      config.public ||
      request.is404 ||
      // The static-file route: it serves only the web app's files, never data.
      request.routeOptions.url === '/*' ||
      request.url.startsWith('/api/docs')
    )
      return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps, token, request.ip) : null;
    if (!session || !token) throw new AppError('UNAUTHENTICATED', '未登录或登录已超时，请重新登录');
    request.session = session;
    request.sessionToken = token;
    if (session.mustChangePassword && !config.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改密码');
    }
    if (config.permission && !hasPermission(session.actor.roles, config.permission)) {
      throw new AppError('FORBIDDEN', '没有执行此操作的权限');
    }
  });
}
