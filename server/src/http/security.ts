import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../lib/errors';

/** Methods that change something: a foreign page may not send them. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyReply {
    /** The page's nonces (spa.ts puts the style one where antd's CSS-in-JS reads it); null on API answers. */
    cspNonce: { script: string; style: string } | null;
  }
}

const CSP = 'content-security-policy';

const DIRECTIVES = {
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
};

/** The headers a helmet middleware sets, read by running it once on a response that is never sent. */
function headersOf(middleware: ReturnType<typeof helmet>): Map<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  // helmet's middleware is synchronous: the headers are set when it returns.
  middleware(request, response, () => {});
  return new Map(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

/** Placeholders a nonce replaces in the page's policy, which helmet works out once. */
const SCRIPT_SLOT = 'tiegui-script-nonce';
const STYLE_SLOT = 'tiegui-style-nonce';

/** Every answer's headers (no framing, nosniff, same-origin referrer …) and its Content-Security-Policy. */
function securityHeaders() {
  const always = headersOf(
    helmet({
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: false,
    }),
  );
  const policy = (scriptSrc: string[], styleSrc: string[]) =>
    headersOf(
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives: { ...DIRECTIVES, scriptSrc, styleSrc } },
      }),
    ).get(CSP) ?? '';
  const page = policy(
    [...DIRECTIVES.scriptSrc, `'nonce-${SCRIPT_SLOT}'`],
    [...DIRECTIVES.styleSrc, `'nonce-${STYLE_SLOT}'`],
  );
  return {
    always,
    apiPolicy: policy(DIRECTIVES.scriptSrc, DIRECTIVES.styleSrc),
    pagePolicy: (nonce: { script: string; style: string }) =>
      page.replace(SCRIPT_SLOT, nonce.script).replace(STYLE_SLOT, nonce.style),
  };
}

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
  const headers = securityHeaders();
  app.decorateReply('cspNonce', null);
  // The headers are helmet's, worked out once: helmet's own plugin builds its middleware again on
  // every request (a tenth of a short API answer's time). An API answer's policy needs no nonce:
  // only the page (spa.ts) carries one, new on every load.
  app.addHook('onRequest', (request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers.always) raw.setHeader(name, value);
    if (request.url.startsWith('/api/')) {
      raw.setHeader(CSP, headers.apiPolicy);
    } else {
      const nonce = { script: randomBytes(16).toString('hex'), style: randomBytes(16).toString('hex') };
      reply.cspNonce = nonce;
      raw.setHeader(CSP, headers.pagePolicy(nonce));
    }
    done();
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
