import { type ActionOf, type AnyWorkflow, type Permission, ZErrorBody, ZIdParams } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf } from '../http/types';
import { executeAction, type WorkflowDeps, type WorkflowModule } from './engine';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/**
 * One route per action of a workflow table, `POST /<records>/:id/actions/<action>` with the action's
 * body. The route asks only for the read permission; who may act is the engine's check against the
 * table, and the engine validates the body so a 403/404/409 comes before a 400.
 */
export function workflowRoutes<W extends AnyWorkflow, Row, Update, Result, Deps extends WorkflowDeps>(
  module: WorkflowModule<W, Row, Update, Result, Deps>,
  deps: Deps,
  options: { records: string; tag: string; permission: Permission; response: z.ZodType },
): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [action, spec] of Object.entries(module.workflow.actions)) {
      app.post(
        `/${options.records}/:id/actions/${action}`,
        {
          config: { permission: options.permission, documentedBody: spec.evidence },
          schema: {
            tags: [options.tag],
            summary: spec.label,
            params: ZIdParams,
            response: { 200: options.response, ...errors },
          },
        },
        async (request) =>
          executeAction(
            module,
            deps,
            actorOf(request.session),
            request.params.id,
            action as ActionOf<W>,
            request.body,
          ),
      );
    }
  };
}
