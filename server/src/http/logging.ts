import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * JSON lines on standard output, one per request received and answered, each with its request id.
 * A request is logged by its method, route and path only: query strings may carry what a user
 * searched for or a receipt code, and headers carry the session cookie.
 */
export function loggerOptions(
  stream?: { write(line: string): void },
  level = 'info',
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        route: request.routeOptions?.url,
        path: request.url.split('?')[0],
        ip: request.ip,
      }),
    },
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
}
