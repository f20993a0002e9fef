import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { SESSION_MAX_HOURS, SESSIONS_PER_USER } from '@tiegui/domain';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppConfig, DEFAULT_POW_DIFFICULTY } from './config';
import type { Db } from './db/database';
import { registerAuthHook } from './http/auth-hook';
import { registerErrorHandler } from './http/errors';
import { registerIdempotency } from './http/idempotency';
import { loggerOptions } from './http/logging';
import { documentRoute } from './http/openapi';
import { registerSecurity } from './http/security';
import { spaIndex } from './http/spa';
import { registerTextGuard } from './http/text-guard';
import './http/types';
import { auditRoutes } from './audit/audit.routes';
import { accountChangeRoutes } from './modules/account-changes/account-change.routes';
import { activationRoutes } from './modules/auth/activation.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { campaignRoutes } from './modules/campaigns/campaign.routes';
import { obligationRoutes } from './modules/campaigns/obligation.routes';
import { fileRoutes } from './modules/files/file.routes';
import { diskFileStore } from './modules/files/file.store';
import { hazardCatalogRoutes } from './modules/hazard-catalog/hazard-catalog.routes';
import { ensureShippedStandards } from './modules/hazard-catalog/hazard-catalog.service';
import { hazardDashboardRoutes } from './modules/hazard-dashboard/hazard-dashboard.routes';
import { hazardRoutes } from './modules/hazards/hazard.routes';
import { hazardExcelRoutes } from './modules/hazards/hazard-excel.routes';
import { hazardWorkflowRoutes } from './modules/hazards/hazard-workflow.routes';
import { investigationRoutes } from './modules/investigations/investigation.routes';
import { mineRoutes } from './modules/mines/mine.routes';
import { mineExcelRoutes } from './modules/mines/mine-excel.routes';
import { noticeRoutes } from './modules/notices/notice.routes';
import { notificationRoutes } from './modules/notifications/notification.routes';
import { jointIssuerRoutes } from './modules/orgs/joint-issuer.routes';
import { orgRoutes } from './modules/orgs/org.routes';
import { searchRoutes } from './modules/search/search.routes';
import { todayRoutes } from './modules/today/today.routes';
import { userRoutes } from './modules/users/user.routes';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Builds the whole app as a plugin tree; nothing listens here. */
export async function buildApp(config: AppConfig, db: Db): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ? loggerOptions(config.logStream) : false,
    // Only the configured proxies may say who the client is (the audit records the address).
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await registerSecurity(app, { allowedOrigins: config.allowedOrigins });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '铁规 Tiegui API', description: '矿山安全专项活动监管平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tiegui_sid' } } },
      security: [{ session: [] }],
    },
    transform: documentRoute,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const deps = { db, clock: config.clock };
  const sessions = {
    maxHours: config.sessionMaxHours ?? SESSION_MAX_HOURS,
    perUser: config.sessionsPerUser ?? SESSIONS_PER_USER,
  };
  // Reference data shipped with the code is stored before the first request reads it.
  await ensureShippedStandards(db, config.clock.now());
  registerAuthHook(app, { ...deps, sessions });
  registerErrorHandler(app, deps);
  registerTextGuard(app);
  registerIdempotency(app, deps);

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { public: true },
          schema: {
            tags: ['system'],
            summary: '健康检查',
            response: { 200: z.object({ status: z.literal('ok'), time: z.string() }) },
          },
        },
        async () => ({ status: 'ok' as const, time: config.clock.now().toISOString() }),
      );
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(
        authRoutes({
          ...deps,
          sessions,
          secureCookies: config.secureCookies,
          powDifficulty: config.powDifficulty ?? DEFAULT_POW_DIFFICULTY,
        }),
      );
      await api.register(activationRoutes(deps));
      await api.register(orgRoutes(deps));
      await api.register(jointIssuerRoutes(deps));
      await api.register(mineRoutes(deps));
      await api.register(mineExcelRoutes(deps));
      await api.register(userRoutes(deps));
      await api.register(accountChangeRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(campaignRoutes(deps));
      await api.register(obligationRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(
        fileRoutes({
          ...deps,
          store: diskFileStore(path.join(config.dataDir, 'files')),
          maxBytes: MAX_UPLOAD_BYTES,
        }),
      );
      await api.register(noticeRoutes(deps));
      await api.register(hazardRoutes(deps));
      await api.register(hazardCatalogRoutes(deps));
      await api.register(investigationRoutes(deps));
      await api.register(hazardDashboardRoutes(deps));
      await api.register(hazardWorkflowRoutes(deps));
      await api.register(hazardExcelRoutes(deps));
      await api.register(todayRoutes(deps));
      await api.register(searchRoutes(deps));
    },
    { prefix: '/api' },
  );

  const webDist = config.webDist;
  if (webDist) {
    fs.mkdirSync(webDist, { recursive: true });
    // Files are looked up per request, so a rebuilt web app is served without a restart. The index
    // is not served as a file: it carries each response's CSP nonce (the not-found handler below).
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: false,
      allowedPath: (pathName) => pathName !== '/index.html',
    });
  }
  const index = webDist ? spaIndex(webDist) : null;
  const sendIndex = (reply: FastifyReply) => {
    const html = index?.(reply);
    if (html === undefined) return false;
    void reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    return true;
  };
  app.get('/', { schema: { hide: true } }, (_request, reply) => {
    if (!sendIndex(reply)) void reply.code(404).send({ code: 'NOT_FOUND', message: '前端页面尚未构建' });
    return reply;
  });
  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every non-API path it does not have a file for.
    if (request.method === 'GET' && !request.url.startsWith('/api/') && sendIndex(reply)) return reply;
    return reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}
