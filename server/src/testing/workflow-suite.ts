import {
  type ActionOf,
  type AnyWorkflow,
  type FactsOf,
  guardProblemOf,
  kindProblem,
  type PartyOf,
  type StateOf,
} from '@tiegui/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TestContext } from '.';

/** One way a record starts (a hazard's level and production stop), with the facts its guards read. */
export interface WorkflowVariant<W extends AnyWorkflow> {
  name: string;
  kind?: string;
  /** Creates a new record of the variant in its first state; returns its id. */
  create(): Promise<string>;
  start: StateOf<W>;
  /** The guards' facts of a record of the variant in a state, with nothing pending on the side. */
  facts(state: StateOf<W>): FactsOf<W>;
}

export interface WorkflowSuite<W extends AnyWorkflow> {
  workflow: W;
  /** The route's collection: `POST /api/<records>/:id/actions/<action>`. */
  records: string;
  /** The audit action and record kind each action writes. */
  entityType: string;
  auditActions?: { [A in ActionOf<W>]?: string };
  ctx(): TestContext;
  /** A signed-in user's Cookie header (kept per user by the caller). */
  cookie(username: string): Promise<string>;
  /** The user who acts as each party of the table. */
  users: { [P in PartyOf<W>]: string };
  /** Users who see the record but may take none of its actions (403). */
  readOnlyUsers: readonly string[];
  /** A user who does not see the record (404). */
  outOfScopeUser: string;
  variants: readonly WorkflowVariant<W>[];
  /** Actions taken first to meet an action's guard (an extension requested before it is granted), and the facts then. */
  prepare?: { [A in ActionOf<W>]?: { via: readonly ActionOf<W>[]; facts: Partial<FactsOf<W>> } };
  /** Actions a walk to a state never takes (the ones that go back). */
  avoid?: readonly ActionOf<W>[];
  /** A valid body of the action for the user. */
  evidence(action: ActionOf<W>, username: string): Promise<Record<string, unknown>>;
  /** The state an action's answer shows. */
  stateOf(body: unknown): string;
  /** The record's history, oldest first, as (action, from, to). */
  history(id: string): Promise<{ action: string; from: string | null; to: string | null }[]>;
}

/** The body's required fields, read from its JSON Schema (the description the web gets too). */
export function requiredFields(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { required?: string[] };
  return json.required ?? [];
}

/**
 * Route tests generated from a workflow table: for every action, 401 without a session; each
 * required field missing answers 400 naming it; an unknown field 400; every party not allowed and
 * every read-only user 403; out of scope 404; a wrong state 409 naming the current state; a record
 * of another kind 409; and every allowed party 200 with the state moved, one history row and the
 * audit row.
 */
export function describeWorkflowRoutes<W extends AnyWorkflow>(suite: WorkflowSuite<W>): void {
  const w = suite.workflow;
  const actions = Object.keys(w.actions) as ActionOf<W>[];
  const url = (id: string, action: string) => `/api/${suite.records}/${id}/actions/${action}`;
  const post = async (id: string, action: string, user: string, payload: object) =>
    suite.ctx().app.inject({
      method: 'POST',
      url: url(id, action),
      headers: { cookie: await suite.cookie(user) },
      payload,
    });
  const spec = (a: ActionOf<W>) => w.actions[a]!;
  const firstUser = (a: ActionOf<W>) => suite.users[spec(a).who[0]!.party as PartyOf<W>];

  /** The shortest run of state-changing actions from the variant's start to a state. */
  function pathTo(target: StateOf<W>, v: WorkflowVariant<W>): ActionOf<W>[] | null {
    const queue: { state: StateOf<W>; path: ActionOf<W>[] }[] = [{ state: v.start, path: [] }];
    const seen = new Set<string>([v.start]);
    while (queue.length) {
      const { state, path } = queue.shift()!;
      if (state === target) return path;
      for (const a of actions) {
        const to = spec(a).to as StateOf<W> | null;
        if (!to || seen.has(to) || suite.avoid?.includes(a) || suite.prepare?.[a]) continue;
        if (!spec(a).from.includes(state) || kindProblem(w, a, v.kind)) continue;
        if (guardProblemOf(w, a, v.facts(state))) continue;
        seen.add(to);
        queue.push({ state: to, path: [...path, a] });
      }
    }
    return null;
  }

  /** A variant and a from-state in which the action's guard holds (after its preparation). */
  function setupFor(a: ActionOf<W>): { variant: WorkflowVariant<W>; from: StateOf<W> } {
    for (const variant of suite.variants) {
      if (kindProblem(w, a, variant.kind)) continue;
      for (const from of spec(a).from as StateOf<W>[]) {
        const facts: FactsOf<W> = Object.assign({}, variant.facts(from), suite.prepare?.[a]?.facts);
        if (guardProblemOf(w, a, facts)) continue;
        if (pathTo(from, variant)) return { variant, from };
      }
    }
    throw new Error(`no reachable setup for ${a}`);
  }

  async function run(id: string, a: ActionOf<W>, user = firstUser(a)) {
    const res = await post(id, a, user, await suite.evidence(a, user));
    expect(res.statusCode, `${a}: ${res.body}`).toBe(200);
    return res.json() as unknown;
  }

  async function recordAt(state: StateOf<W>, variant: WorkflowVariant<W>): Promise<string> {
    const id = await variant.create();
    for (const step of pathTo(state, variant)!) await run(id, step);
    return id;
  }

  async function recordReadyFor(a: ActionOf<W>) {
    const setup = setupFor(a);
    const id = await recordAt(setup.from, setup.variant);
    for (const step of suite.prepare?.[a]?.via ?? []) await run(id, step);
    return { id, ...setup };
  }

  it('every action of the table is reachable from a start', () => {
    for (const a of actions) expect(() => setupFor(a), a).not.toThrow();
  });

  describe.each(actions.map((a) => [a] as const))(`POST /api/${suite.records}/:id/actions/%s`, (a) => {
    const required = requiredFields(spec(a).evidence);
    const allowed = new Set(spec(a).who.map((p) => p.party));
    const allowedUsers = new Set([...allowed].map((p) => suite.users[p as PartyOf<W>]));
    const wrongUsers = [
      ...new Set([
        ...(Object.keys(suite.users) as PartyOf<W>[])
          .filter((p) => !allowed.has(p))
          .map((p) => suite.users[p]),
        ...suite.readOnlyUsers,
      ]),
    ].filter((u) => !allowedUsers.has(u));

    it('401 without a session', async () => {
      const res = await suite.ctx().app.inject({ method: 'POST', url: url('x', a), payload: {} });
      expect(res.statusCode).toBe(401);
    });

    it('400 for a field the action does not take, and for each required field missing, naming it', async () => {
      const { id } = await recordReadyFor(a);
      const user = firstUser(a);
      const sample = await suite.evidence(a, user);
      const extra = await post(id, a, user, { ...sample, notAField: 1 });
      expect(extra.statusCode, extra.body).toBe(400);
      for (const key of required) {
        const { [key]: _, ...rest } = sample;
        const res = await post(id, a, user, rest);
        expect(res.statusCode, `${a} without ${key}`).toBe(400);
        expect(res.json().fields[0].field).toBe(key);
      }
    });

    it('403 for every party not allowed and every read-only user; 404 out of scope', async () => {
      const { id } = await recordReadyFor(a);
      const sample = await suite.evidence(a, firstUser(a));
      expect(wrongUsers.length, 'someone who may not').toBeGreaterThan(0);
      for (const user of wrongUsers) {
        const res = await post(id, a, user, sample);
        expect(res.statusCode, `${a} by ${user}: ${res.body}`).toBe(403);
      }
      const out = await post(id, a, suite.outOfScopeUser, sample);
      expect(out.statusCode, out.body).toBe(404);
    });

    const setup = setupFor(a);
    const wrong = (Object.keys(w.states) as StateOf<W>[]).find(
      (s) => !spec(a).from.includes(s) && pathTo(s, setup.variant) !== null,
    );
    if (wrong !== undefined) {
      it(`409 in a wrong state (${wrong}), naming the current state`, async () => {
        const id = await recordAt(wrong, setup.variant);
        const user = firstUser(a);
        const res = await post(id, a, user, await suite.evidence(a, user));
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().message).toContain(w.states[wrong]);
      });
    }

    const other = suite.variants.find((v) => kindProblem(w, a, v.kind) !== null);
    if (other !== undefined) {
      it(`409 for a record of another kind (${other.name})`, async () => {
        // The same from-state where the other kind's workflow has it, else its start.
        const from = pathTo(setup.from, other) ? setup.from : other.start;
        const id = await recordAt(from, other);
        const user = firstUser(a);
        const res = await post(id, a, user, await suite.evidence(a, user));
        expect(res.statusCode, res.body).toBe(409);
      });
    }

    it.each([...allowed])(
      '200 for the allowed party (%s): the state moves, one history row, the audit row',
      async (party) => {
        const { id, from } = await recordReadyFor(a);
        const before = (await suite.history(id)).length;
        const body = await run(id, a, suite.users[party as PartyOf<W>]);
        const to = spec(a).to ?? from;
        expect(suite.stateOf(body)).toBe(to);
        const history = await suite.history(id);
        expect(history.length).toBe(before + 1);
        expect(history.at(-1)).toEqual({ action: a, from, to });
        const audit = await suite
          .ctx()
          .db.selectFrom('audit_events')
          .select(['action', 'changes'])
          .where('entity_id', '=', id)
          .where('entity_type', '=', suite.entityType)
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        expect(audit.action).toBe(suite.auditActions?.[a] ?? `${suite.entityType}.transition`);
        expect(JSON.parse(audit.changes!)).toMatchObject({ action: a, from, to });
      },
    );
  });
}

/** A record's history on the shared workflow_events table, as the suite reads it. */
export async function workflowHistory(ctx: TestContext, recordKind: string, id: string) {
  const rows = await ctx.db
    .selectFrom('workflow_events')
    .select(['action', 'from_state', 'to_state'])
    .where('record_kind', '=', recordKind)
    .where('record_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((e) => ({ action: e.action, from: e.from_state, to: e.to_state }));
}

/** Signs each user in once and keeps the Cookie header (the suites ask for the same users often). */
export function cookieJar(ctx: () => TestContext): (username: string) => Promise<string> {
  const cookies = new Map<string, string>();
  return async (username) => {
    const known = cookies.get(username);
    if (known) return known;
    const cookie = await ctx().login(username);
    cookies.set(username, cookie);
    return cookie;
  };
}
