import { ZHazardDetail } from '@tiegui/domain';
import { workflowRoutes } from '../../workflow/workflow.routes';
import type { HazardDeps } from './hazard.service';
import { HAZARD_MODULE } from './hazard.workflow';

/** `POST /hazards/:id/actions/<action>` for every action of the hazard loop. */
export const hazardWorkflowRoutes = (deps: HazardDeps) =>
  workflowRoutes(HAZARD_MODULE, deps, {
    records: 'hazards',
    tag: 'hazards',
    permission: 'hazard.read',
    response: ZHazardDetail,
  });
