import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './config';
import type { Db } from './db/database';
import { registerAuthHook } from './http/auth-hook';
import { registerErrorHandler } from './http/errors';
import { documentRoute } from './http/openapi';
import './http/types';
import { auditRoutes } from './audit/audit.routes';
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
import { orgRoutes } from './modules/orgs/org.routes';
import { userRoutes } from './modules/users/user.routes';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Builds the whole app as a plugin tree; nothing listens here. */
export async function buildApp(config: AppConfig, db: Db): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ? { level: 'info' } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

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
  // Reference data shipped with the code is stored before the first request reads it.
  await ensureShippedStandards(db, config.clock.now());
  registerAuthHook(app, deps);
  registerErrorHandler(app, deps);

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
      await api.register(authRoutes({ ...deps, secureCookies: config.secureCookies }));
      await api.register(orgRoutes(deps));
      await api.register(mineRoutes(deps));
      await api.register(mineExcelRoutes(deps));
      await api.register(userRoutes(deps));
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
    },
    { prefix: '/api' },
  );

  const webDist = config.webDist;
  if (webDist) {
    fs.mkdirSync(webDist, { recursive: true });
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every non-API path it does not have a file for.
    const spa = webDist && request.method === 'GET' && !request.url.startsWith('/api/');
    if (spa && fs.existsSync(path.join(webDist, 'index.html'))) return reply.sendFile('index.html');
    return reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}
