import {
  type ActionOf,
  type AnyWorkflow,
  type EvidenceOf,
  fieldLabel,
  guardProblemOf,
  hasPermission,
  kindProblem,
  type PartyOf,
  type RecordFacts,
  type StateOf,
  stateProblem,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import { OutOfScopeError } from '../access/access';
import type { Actor } from '../access/actor';
import { type AuditActor, appendAudit, auditActorOf } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Clock } from '../lib/clock';
import { AppError, forbidden } from '../lib/errors';
import { newId } from '../lib/ids';
import { insertWorkflowEvent } from './workflow.repository';

/** What every workflow module needs from the app. */
export interface WorkflowDeps {
  db: Db;
  clock: Clock;
}

/** What an action's effect gets: the transaction, who acts, the record as read, the parsed body. */
export interface EffectContext<Row, E> {
  trx: Kysely<Database>;
  actor: Actor;
  who: AuditActor;
  row: Row;
  evidence: E;
  now: Date;
}

/** One row of a record's history, as the engine writes it. */
export interface HistoryEntry {
  id: string;
  recordId: string;
  action: string;
  from: string;
  to: string;
  actorUserId: string;
  actorOrgId: string;
  at: string;
  evidence: Record<string, unknown>;
}

/**
 * A workflow table bound to its records: how to read one in the actor's scope, who its parties are,
 * what each action changes (typed over every action of the table, so an action added to the table
 * does not compile until its effect is written), how the state is written and how it is answered.
 */
export interface WorkflowModule<
  W extends AnyWorkflow,
  Row,
  Update,
  Result,
  Deps extends WorkflowDeps = WorkflowDeps,
> {
  workflow: W;
  /** The record kind in the audit log and the history (hazard, obligation …). */
  entityType: string;
  /** The record as the actor may see it; undefined answers 404. */
  load(db: Db, actor: Actor, id: string): Promise<Row | undefined>;
  /** State, kind and the guards' facts of a record. */
  factsOf(row: Row): RecordFacts<W>;
  /** Whether the actor is this party of the record (the permission is checked by the engine). */
  isParty(party: PartyOf<W>, actor: Actor, row: Row): boolean;
  /** Checks of the body against the record beyond its schema (a 400 naming the field), before any write. */
  checks?: {
    [A in ActionOf<W>]?: (
      row: Row,
      evidence: EvidenceOf<W, A>,
      ctx: { db: Db; actor: Actor; now: Date },
    ) => void | Promise<void>;
  };
  /** The files a body attaches, checked before any write (a 400 naming the field). */
  attach?(db: Db, actor: Actor, row: Row, evidence: Record<string, unknown>): Promise<void>;
  effects: { [A in ActionOf<W>]: (ctx: EffectContext<Row, EvidenceOf<W, A>>) => Promise<Update> };
  /**
   * Writes the new state and the effect's update, guarded by the state and version that were read;
   * returns the row as written, or null when someone changed the record in between (409).
   */
  write(trx: Kysely<Database>, row: Row, to: StateOf<W>, update: Update, now: Date): Promise<Row | null>;
  /** What the history and the audit keep of the body and the effect (default: the body as parsed). */
  recorded?(
    action: ActionOf<W>,
    row: Row,
    evidence: Record<string, unknown>,
    update: Update,
  ): Record<string, unknown>;
  /** The audit action of each table action that has its own name (default `<entityType>.transition`). */
  auditActions?: { [A in ActionOf<W>]?: string };
  /** The history row (default: the shared workflow_events table). */
  history?(trx: Kysely<Database>, entry: HistoryEntry): Promise<void>;
  /** What follows once the state has changed, in the same transaction (notifications). */
  after?(
    ctx: EffectContext<Row, Record<string, unknown>> & {
      action: ActionOf<W>;
      from: StateOf<W>;
      to: StateOf<W>;
    },
  ): Promise<void>;
  /** The answer of an action: the record as the actor now sees it. */
  present(deps: Deps, actor: Actor, row: Row): Promise<Result>;
}

/** Which `who` entry of an action the actor fills for this record (null: none). */
export function matchingParty<W extends AnyWorkflow, Row>(
  module: Pick<WorkflowModule<W, Row, unknown, unknown>, 'workflow' | 'isParty'>,
  action: ActionOf<W>,
  actor: Actor,
  row: Row,
) {
  return (
    module.workflow.actions[action]!.who.find(
      (w) => hasPermission(actor.roles, w.permission) && module.isParty(w.party, actor, row),
    ) ?? null
  );
}

/** The actions the actor may take on the record now: state, kind, guard and who all hold. */
export function actionsFor<W extends AnyWorkflow, Row>(
  module: Pick<WorkflowModule<W, Row, unknown, unknown>, 'workflow' | 'isParty' | 'factsOf'>,
  actor: Actor,
  row: Row,
): ActionOf<W>[] {
  const facts = module.factsOf(row);
  return (Object.keys(module.workflow.actions) as ActionOf<W>[]).filter(
    (a) =>
      stateProblem(module.workflow, a, facts.state) === null &&
      kindProblem(module.workflow, a, facts.kind) === null &&
      guardProblemOf(module.workflow, a, facts.facts) === null &&
      matchingParty(module, a, actor, row) !== null,
  );
}

/** Zod issues of a body as one 400 naming each field the way the form does. */
export function evidenceError(issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const fields = issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const label = fieldLabel(path.filter((p) => typeof p === 'string'));
    return { field: path.join('.') || '请求', message: `${label}：${i.message}` };
  });
  return new AppError('VALIDATION', fields.map((f) => f.message).join('；'), fields);
}

/** An action checked and ready to write: `commit` writes it in the caller's transaction. */
export interface PreparedAction<Row> {
  row: Row;
  commit(trx: Kysely<Database>): Promise<Row>;
}

/**
 * Checks one action of a workflow for the actor before anything is written: scope (404), who (403),
 * kind, state and guard (409 naming the current state or the reason), body (400 naming the field),
 * the module's checks and attachments. Its `commit` then runs the effect, writes the state under
 * the state and version read, one history row, what follows, and the audit row last.
 */
export async function prepareAction<W extends AnyWorkflow, Row, Update, Result, Deps extends WorkflowDeps>(
  module: WorkflowModule<W, Row, Update, Result, Deps>,
  deps: Deps,
  actor: Actor,
  id: string,
  action: ActionOf<W>,
  raw: unknown,
): Promise<PreparedAction<Row>> {
  const { db, clock } = deps;
  const w = module.workflow;
  const spec = w.actions[action]!;
  const row = await module.load(db, actor, id);
  if (row === undefined) throw new OutOfScopeError(w.record);
  if (!matchingParty(module, action, actor, row)) {
    const parties = [...new Set(spec.who.map((p) => w.parties[p.party]))].join('或');
    throw forbidden(`只有${parties}有权${spec.label}`);
  }
  const facts = module.factsOf(row);
  const problem =
    kindProblem(w, action, facts.kind) ??
    stateProblem(w, action, facts.state) ??
    guardProblemOf(w, action, facts.facts);
  if (problem) throw new AppError('CONFLICT', problem);
  const parsed = spec.evidence.safeParse(raw ?? {});
  if (!parsed.success) throw evidenceError(parsed.error.issues);
  const evidence = parsed.data as EvidenceOf<W, typeof action>;
  const now = clock.now();
  await module.checks?.[action]?.(row, evidence, { db, actor, now });
  await module.attach?.(db, actor, row, evidence as Record<string, unknown>);

  const from = facts.state;
  const to = (spec.to ?? from) as StateOf<W>;
  const commit = async (trx: Kysely<Database>) => {
    const ctx = { trx, actor, who: auditActorOf(actor), row, evidence, now };
    const update = await module.effects[action](ctx);
    const written = await module.write(trx, row, to, update, now);
    if (written === null) throw new AppError('CONFLICT', `该${w.record}刚被他人处理，请刷新后重试`);
    const recorded =
      module.recorded?.(action, row, evidence as Record<string, unknown>, update) ??
      (evidence as Record<string, unknown>);
    const entry: HistoryEntry = {
      id: newId(),
      recordId: id,
      action,
      from,
      to,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      at: now.toISOString(),
      evidence: recorded,
    };
    await (module.history ?? ((t, e) => insertWorkflowEvent(t, module.entityType, e)))(trx, entry);
    await module.after?.({ ...ctx, evidence: evidence as Record<string, unknown>, action, from, to });
    // Last: appending locks the audit chain's head until the commit, and every audited write in
    // every process waits for that lock (on PostgreSQL each statement under it is a round trip).
    await appendAudit(
      trx,
      ctx.who,
      {
        action: module.auditActions?.[action] ?? `${module.entityType}.transition`,
        entityType: module.entityType,
        entityId: id,
        changes: { action, from, to, evidence: recorded },
      },
      now,
    );
    return written;
  };
  return { row, commit };
}

/** Executes one action of a workflow for the actor in one transaction and answers the record. */
export async function executeAction<W extends AnyWorkflow, Row, Update, Result, Deps extends WorkflowDeps>(
  module: WorkflowModule<W, Row, Update, Result, Deps>,
  deps: Deps,
  actor: Actor,
  id: string,
  action: ActionOf<W>,
  raw: unknown,
): Promise<Result> {
  const prepared = await prepareAction(module, deps, actor, id, action, raw);
  const after = await deps.db.transaction().execute((trx) => prepared.commit(trx));
  return module.present(deps, actor, after);
}
