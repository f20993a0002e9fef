import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';

/** Methods that change something: a foreign page may not send them. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SecurityConfig {
  /** Origins besides the server's own that may send writes (a portal on another host name). */
  allowedOrigins: string[];
}

/** Whether the request reached us over TLS (directly, or through a trusted proxy that says so). */
export function overTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * Browser hardening for every response: a Content-Security-Policy whose style nonce the page hands
 * to antd's CSS-in-JS (see `spaIndex`), no framing, nosniff, a strict Referrer-Policy, HSTS only
 * when the request came over TLS (over plain HTTP a browser ignores it, and a LAN install without
 * TLS must not be told to upgrade). Writes from another site's page are refused (CSRF), and bodies
 * are JSON or multipart only: a `text/plain` form post is the one a foreign page can send without
 * a preflight.
 */
export async function registerSecurity(app: FastifyInstance, config: SecurityConfig): Promise<void> {
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // <style> elements only with the page's nonce (antd's CSS-in-JS carries it); style
        // attributes stay allowed because charts and tooltips write them, and they cannot run code.
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (overTls(request)) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });

  app.removeContentTypeParser('text/plain');
  const allowed = new Set(config.allowedOrigins.map((o) => o.replace(/\/+$/, '')));
  app.addHook('onRequest', async (request) => {
    if (!WRITES.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const own = `${request.protocol}://${request.host}`;
      if (origin !== own && !allowed.has(origin)) throw crossSite();
      return;
    }
    // A browser that sends no Origin still says where the request came from.
    if (request.headers['sec-fetch-site'] === 'cross-site') throw crossSite();
  });
}

function crossSite(): AppError {
  return new AppError('FORBIDDEN', '跨站请求已被拒绝：请在本系统页面内操作');
}
