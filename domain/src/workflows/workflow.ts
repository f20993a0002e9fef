import type { z } from 'zod';
import type { Permission } from '../access/roles';

/**
 * A workflow as data: the record's states with the labels users read, its parties, the guards
 * beyond the state, and one entry per action (from, to, kinds, who, guard, evidence). The server
 * executes any action of any table with one executor and generates its routes and route tests from
 * the table; the web renders the buttons the server says a user may take.
 */

/** Who may take an action: a party of the record (its mine, a regulator over it …) with a permission. */
export interface WorkflowActor<P extends string> {
  party: P;
  permission: Permission;
}

export interface WorkflowActionSpec<S extends string, P extends string, G extends string, K extends string> {
  /** The button and history label users read. */
  label: string;
  from: readonly S[];
  /** null: the state stays (a report or a decision on the side). */
  to: S | null;
  /** The kinds of record the action applies to (a hazard's level); absent: every kind. */
  kinds?: readonly K[];
  who: readonly WorkflowActor<P>[];
  guard?: G;
  /** The body of the action; a 400 names each field that fails it. */
  evidence: z.ZodType;
}

export interface WorkflowTable<
  S extends string,
  P extends string,
  G extends string,
  K extends string,
  F,
  Actions extends Record<string, WorkflowActionSpec<S, P, G, K>>,
> {
  /** The record's name in messages: 该隐患当前状态为… */
  record: string;
  states: Readonly<Record<S, string>>;
  /** How a 403 names each party: 只有该矿山企业或监管部门有权… */
  parties: Readonly<Record<P, string>>;
  /** Why a guard does not hold for the record's facts (a 409 message), or null. */
  guards: { readonly [g in G]: (facts: F) => string | null };
  kinds?: Readonly<Record<K, string>>;
  actions: Actions;
  /** What a 409 says when an action meets a state it does not take, where the plain message would read oddly. */
  stateConflicts?: { readonly [A in keyof Actions]?: Partial<Readonly<Record<S, string>>> };
}

/**
 * Declares a workflow table. The first call fixes states, parties, guards, kinds and the guard
 * facts; the second infers the actions, so each action keeps its own evidence type.
 */
export function defineWorkflow<S extends string, P extends string, G extends string, K extends string, F>() {
  return <const Actions extends Record<string, WorkflowActionSpec<S, P, G, K>>>(
    table: WorkflowTable<S, P, G, K, F, Actions>,
  ) => table;
}

/** The widest table, for helpers that take any workflow (a guard of any facts is a guard of `never`). */
export type AnyWorkflow = WorkflowTable<
  string,
  string,
  string,
  string,
  never,
  Record<string, WorkflowActionSpec<string, string, string, string>>
>;

export type ActionOf<W extends AnyWorkflow> = keyof W['actions'] & string;
export type StateOf<W extends AnyWorkflow> = keyof W['states'] & string;
export type PartyOf<W extends AnyWorkflow> = keyof W['parties'] & string;
/** The facts the table's guards read (unknown for a table without guards). */
export type FactsOf<W extends AnyWorkflow> = [keyof W['guards']] extends [never]
  ? unknown
  : Parameters<W['guards'][keyof W['guards']]>[0];
/** The parsed body of one action. */
export type EvidenceOf<W extends AnyWorkflow, A extends ActionOf<W>> = z.output<W['actions'][A]['evidence']>;

export type GuardOf<W extends AnyWorkflow> = keyof W['guards'] & string;
export type KindOf<W extends AnyWorkflow> =
  W['kinds'] extends Readonly<Record<infer K, string>> ? K & string : string;

/** One action of a table with its name, as a list row. */
export type ActionEntry<W extends AnyWorkflow> = WorkflowActionSpec<
  StateOf<W>,
  PartyOf<W>,
  GuardOf<W>,
  KindOf<W>
> & {
  action: ActionOf<W>;
};

/** The table's actions as a list, in the table's order. */
export function actionList<W extends AnyWorkflow>(w: W): ActionEntry<W>[] {
  return Object.entries(w.actions).map(([action, spec]) => ({ ...spec, action })) as ActionEntry<W>[];
}

/** The facts a check of an action against a record needs. */
export interface RecordFacts<W extends AnyWorkflow> {
  state: StateOf<W>;
  kind?: string;
  facts: FactsOf<W>;
}

/** The 409 message when the state does not allow an action: it names the current state. */
export function stateProblem<W extends AnyWorkflow>(
  w: W,
  action: ActionOf<W>,
  state: StateOf<W>,
): string | null {
  const spec = w.actions[action]!;
  if (spec.from.includes(state)) return null;
  const specific = w.stateConflicts?.[action]?.[state];
  return specific
    ? `${specific}（当前状态为“${w.states[state]}”）`
    : `该${w.record}当前状态为“${w.states[state]}”，不能${spec.label}`;
}

/** The 409 message when the record's kind does not take the action, or null. */
export function kindProblem<W extends AnyWorkflow>(
  w: W,
  action: ActionOf<W>,
  kind: string | undefined,
): string | null {
  const spec = w.actions[action]!;
  if (!spec.kinds || kind === undefined || spec.kinds.includes(kind)) return null;
  return `${w.kinds?.[kind] ?? kind}不适用“${spec.label}”`;
}

/** Why the action's guard does not hold for the facts (a 409 message), or null. */
export function guardProblemOf<W extends AnyWorkflow>(
  w: W,
  action: ActionOf<W>,
  facts: FactsOf<W>,
): string | null {
  const guard = w.actions[action]!.guard;
  if (guard === undefined) return null;
  // Seen through AnyWorkflow a guard takes `never`; the table's own guards take its facts.
  const check = w.guards[guard] as (f: FactsOf<W>) => string | null;
  return check(facts);
}

/** Whether state, kind and guard all let the action be taken on the record (who is the server's). */
export function actionOpen<W extends AnyWorkflow>(w: W, action: ActionOf<W>, r: RecordFacts<W>): boolean {
  return (
    stateProblem(w, action, r.state) === null &&
    kindProblem(w, action, r.kind) === null &&
    guardProblemOf(w, action, r.facts) === null
  );
}
