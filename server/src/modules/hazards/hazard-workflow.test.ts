import {
  guardProblem,
  HAZARD_STATES,
  HAZARD_TRANSITIONS,
  type HazardLevel,
  type HazardState,
  type HazardTransition,
  type ProductionStop,
} from '@tiegui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestContext, type TestContext } from '../../testing';
import { fileRefs, GENERAL, MAJOR, SAMPLE_EVIDENCE } from './hazard.fixtures';

/**
 * Route tests generated from the workflow table: for every transition, the allowed party succeeds,
 * a wrong state answers 409 naming the current state, the other party and a read-only user get
 * 403, a mine out of scope gets 404, and each required evidence field missing answers 400 naming it.
 */
let ctx: TestContext;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['dx-mine', 'dx-county', 'yp-mine', 'grp-a']) cookies[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

const post = (url: string, user: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });

const userFor = (t: HazardTransition, party = t.who[0]!.party) =>
  party === 'mine' ? 'dx-mine' : 'dx-county';

interface Variant {
  level: HazardLevel;
  stop: ProductionStop;
}

/** The shortest run of state-changing transitions from registered to a state, for a variant. */
function pathTo(target: HazardState, v: Variant): HazardTransition[] | null {
  const queue: { state: HazardState; path: HazardTransition[] }[] = [{ state: 'registered', path: [] }];
  const seen = new Set<HazardState>(['registered']);
  while (queue.length) {
    const { state, path } = queue.shift()!;
    if (state === target) return path;
    for (const t of HAZARD_TRANSITIONS) {
      if (!t.to || t.to === state || seen.has(t.to) || !t.levels.includes(v.level) || !t.from.includes(state))
        continue;
      if (t.action === 'refuseResume' || t.action === 'failEvaluation') continue;
      if (guardProblem(t.guard, { state, productionStop: v.stop, extensionPending: false })) continue;
      seen.add(t.to);
      queue.push({ state: t.to, path: [...path, t] });
    }
  }
  return null;
}

/** A level, production stop and from-state in which the transition's guard holds. */
function setupFor(t: HazardTransition): Variant & { from: HazardState } {
  const level = t.levels[0]!;
  for (const from of t.from) {
    for (const stop of ['none', 'area'] as const) {
      if (level === 'general' && stop !== 'none') continue;
      const pending = t.guard === 'extensionPending';
      if (guardProblem(t.guard, { state: from, productionStop: stop, extensionPending: pending })) continue;
      if (pathTo(from, { level, stop })) return { level, stop, from };
    }
  }
  throw new Error(`no reachable setup for ${t.action}`);
}

async function register(v: Variant): Promise<string> {
  const base = v.level === 'major' ? MAJOR : GENERAL;
  const res = await post('/api/hazards', 'dx-mine', {
    ...base,
    productionStop: v.stop,
    ...(v.stop === 'area' ? { stoppedArea: '一采区' } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The transition asked with its sample evidence by a user of the party (the first allowed one by default). */
async function attempt(id: string, t: HazardTransition, party = t.who[0]!.party) {
  const user = userFor(t, party);
  return post(
    `/api/hazards/${id}/actions/${t.action}`,
    user,
    SAMPLE_EVIDENCE[t.action](await fileRefs(ctx, user)),
  );
}

async function run(id: string, t: HazardTransition, party = t.who[0]!.party) {
  const res = await attempt(id, t, party);
  expect(res.statusCode, `${t.action}: ${res.body}`).toBe(200);
  return res.json();
}

/** A new hazard of the variant, walked to a state. */
async function hazardAt(state: HazardState, v: Variant): Promise<string> {
  const id = await register(v);
  for (const step of pathTo(state, v)!) await run(id, step);
  return id;
}

/** A new hazard brought to the transition's from-state (with an extension pending when it needs one). */
async function hazardReadyFor(t: HazardTransition) {
  const setup = setupFor(t);
  const id = await hazardAt(setup.from, setup);
  if (t.guard === 'extensionPending')
    await run(id, HAZARD_TRANSITIONS.find((x) => x.action === 'requestExtension')!);
  return { id, setup };
}

function requiredKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
}

describe.each(HAZARD_TRANSITIONS.map((t) => [t.action, t] as const))(
  'POST /api/hazards/:id/actions/%s',
  (action, t) => {
    it('401 without a session', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/hazards/x/actions/${action}`,
        payload: {},
      });
      expect(res.statusCode).toBe(401);
    });

    it('400 naming each required evidence field that is missing', async () => {
      const { id } = await hazardReadyFor(t);
      const user = userFor(t);
      const sample = SAMPLE_EVIDENCE[action](await fileRefs(ctx, user));
      for (const key of requiredKeys(t.evidence)) {
        const { [key]: _, ...rest } = sample;
        const res = await post(`/api/hazards/${id}/actions/${action}`, user, rest);
        expect(res.statusCode, `${action} without ${key}`).toBe(400);
        expect(res.json().fields[0].field).toBe(key);
      }
    });

    it('403 for the wrong party and for a read-only user; 404 out of scope', async () => {
      const { id } = await hazardReadyFor(t);
      const parties = new Set(t.who.map((w) => w.party));
      const sample = SAMPLE_EVIDENCE[action]([]);
      for (const party of ['mine', 'regulator'] as const) {
        if (parties.has(party)) continue;
        const res = await post(
          `/api/hazards/${id}/actions/${action}`,
          party === 'mine' ? 'dx-mine' : 'dx-county',
          sample,
        );
        expect(res.statusCode, `${action} by ${party}`).toBe(403);
      }
      expect((await post(`/api/hazards/${id}/actions/${action}`, 'grp-a', sample)).statusCode).toBe(403);
      expect((await post(`/api/hazards/${id}/actions/${action}`, 'yp-mine', sample)).statusCode).toBe(404);
    });

    it('409 in a wrong state, naming the current state', async () => {
      const setup = setupFor(t);
      const wrong = (Object.keys(HAZARD_STATES) as HazardState[]).find(
        (s) => !t.from.includes(s) && pathTo(s, setup) !== null,
      )!;
      const res = await attempt(await hazardAt(wrong, setup), t);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().message).toContain(HAZARD_STATES[wrong]);
    });

    it('409 for a hazard of the other level', async () => {
      const other = (['major', 'general'] as const).find((l) => !t.levels.includes(l));
      if (!other) return;
      const setup = setupFor(t);
      // The same from-state where the other level's loop has it, else its registration.
      const variant = { level: other, stop: 'none' as const };
      const from = pathTo(setup.from, variant) ? setup.from : 'registered';
      const res = await attempt(await hazardAt(from, variant), t);
      expect(res.statusCode, res.body).toBe(409);
    });

    it.each([...new Set(t.who.map((w) => w.party))])(
      '200 for the allowed party (%s): the state moves and the step is in the history and the audit',
      async (party) => {
        const { id, setup } = await hazardReadyFor(t);
        const detail = await run(id, t, party);
        expect(detail.state).toBe(t.to ?? setup.from);
        expect(detail.events.at(-1)).toMatchObject({
          action,
          fromState: setup.from,
          toState: t.to ?? setup.from,
        });
        const audit = await ctx.db
          .selectFrom('audit_events')
          .select('changes')
          .where('entity_id', '=', id)
          .where('action', '=', 'hazard.transition')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        expect(JSON.parse(audit.changes!).action).toBe(action);
      },
    );
  },
);

it('every transition of the table is reachable from registration', () => {
  for (const t of HAZARD_TRANSITIONS) expect(() => setupFor(t), t.action).not.toThrow();
});
