import { HAZARD_TRANSITIONS, ZErrorBody, ZHazardDetail, ZIdParams } from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/types';
import type { HazardDeps } from './hazard.service';
import { executeTransition } from './hazard.transition';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/**
 * One route per transition of the workflow table, `POST /hazards/:id/actions/<action>` with the
 * action's evidence as the body. Who may is checked by the transition helper against the table.
 */
export const hazardWorkflowRoutes =
  (deps: HazardDeps): FastifyPluginAsyncZod =>
  async (app) => {
    for (const t of HAZARD_TRANSITIONS) {
      app.post(
        `/hazards/:id/actions/${t.action}`,
        {
          config: { permission: 'hazard.read' },
          schema: {
            tags: ['hazards'],
            summary: t.label,
            params: ZIdParams,
            // The helper validates the evidence so a 403/404/409 comes before a 400 on the body.
            response: { 200: ZHazardDetail, ...errors },
          },
        },
        async (request) =>
          executeTransition(deps, actorOf(request.session), request.params.id, t.action, request.body),
      );
    }
  };
