import { HAZARD_WORKFLOW, type HazardState, type ProductionStop } from '@tiegui/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { cookieJar, describeWorkflowRoutes } from '../../testing/workflow-suite';
import { fileRefs, GENERAL, MAJOR, SAMPLE_EVIDENCE } from './hazard.fixtures';

/** The hazard loop's route tests, generated from its workflow table. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const cookie = cookieJar(() => ctx);

function variant(level: 'major' | 'general', stop: ProductionStop) {
  return {
    name: `${level}, stop ${stop}`,
    kind: level,
    start: 'registered' as const,
    facts: (state: HazardState) => ({ state, productionStop: stop, extensionPending: false }),
    async create() {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/hazards',
        headers: { cookie: await cookie('dx-mine') },
        payload: {
          ...(level === 'major' ? MAJOR : GENERAL),
          productionStop: stop,
          ...(stop === 'area' ? { stoppedArea: '一采区' } : {}),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    },
  };
}

describeWorkflowRoutes({
  workflow: HAZARD_WORKFLOW,
  records: 'hazards',
  entityType: 'hazard',
  ctx: () => ctx,
  cookie,
  users: { mine: 'dx-mine', regulator: 'dx-county' },
  readOnlyUsers: ['grp-a'],
  outOfScopeUser: 'yp-mine',
  variants: [variant('major', 'none'), variant('major', 'area'), variant('general', 'none')],
  prepare: {
    grantExtension: { via: ['requestExtension'], facts: { extensionPending: true } },
    refuseExtension: { via: ['requestExtension'], facts: { extensionPending: true } },
  },
  avoid: ['refuseResume', 'failEvaluation'],
  evidence: async (action, user) => SAMPLE_EVIDENCE[action](await fileRefs(ctx, user)),
  stateOf: (body) => (body as { state: string }).state,
  history: async (id) =>
    (
      await ctx.db
        .selectFrom('hazard_events')
        .select(['action', 'from_state', 'to_state'])
        .where('hazard_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((e) => ({ action: e.action, from: e.from_state, to: e.to_state })),
});
