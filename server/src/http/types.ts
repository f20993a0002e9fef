import type { Permission } from '@tiegui/domain';
import type { z } from 'zod';
import type { Actor } from '../access/actor';
import type { SessionInfo } from '../modules/auth/auth.service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, docs). */
    public?: boolean;
    /** The coarse role permission the route needs; the data scope is checked in the service. */
    permission?: Permission;
    /** Reachable while the user must still change an initial password. */
    duringPasswordChange?: boolean;
    /** A body the handler validates itself, shown in the API document (a workflow action's evidence). */
    documentedBody?: z.ZodType;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    sessionToken: string | null;
  }
}

export function actorOf(session: SessionInfo | null): Actor {
  if (!session) throw new Error('route without a session reached an authenticated handler');
  return session.actor;
}
