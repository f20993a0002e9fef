import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect';
import type { Database } from './schema';

/** Stand-ins for the arguments while the query is built; each must reach the SQL as one parameter. */
const SLOTS = Array.from({ length: 32 }, (_, i) => `\u0000slot-${i}\u0000`);

interface Template {
  sql: string;
  /** Per parameter: the argument it takes (an index), or the constant compiled into it. */
  parameters: ({ arg: number } | { value: unknown })[];
}

/**
 * A query of fixed shape built and compiled once per dialect and then run with each call's values.
 * Building a Kysely query (parsing its references, cloning its nodes) costs more than SQLite takes
 * to run a short one; the hot path of a hazard transition makes a dozen. The builder gets
 * stand-ins for its arguments and must pass each one whole as a value (no `${arg}%`, no arrays):
 * the first call checks that every argument became a parameter and none was altered.
 */
export function prepared<A extends unknown[], R>(build: (db: Kysely<Database>, ...args: A) => Compilable<R>) {
  const templates = new Map<string, Template>();
  return async (db: Kysely<Database>, ...args: A): Promise<R[]> => {
    const key = isPostgres(db as unknown as Kysely<unknown>) ? 'postgres' : 'sqlite';
    let template = templates.get(key);
    if (!template) {
      template = compileTemplate(db, build, args.length);
      templates.set(key, template);
    }
    const parameters = template.parameters.map((p) => ('arg' in p ? args[p.arg] : p.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

function compileTemplate<A extends unknown[], R>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
  arity: number,
): Template {
  if (arity > SLOTS.length) throw new Error(`prepared: at most ${SLOTS.length} arguments`);
  const compiled = build(db, ...(SLOTS.slice(0, arity) as A)).compile();
  const parameters = compiled.parameters.map((value) => {
    const arg = SLOTS.indexOf(value as string);
    if (arg >= 0) return { arg };
    if (typeof value === 'string' && value.includes('\u0000slot-'))
      throw new Error(`prepared: an argument was altered before it became a parameter: ${compiled.sql}`);
    return { value };
  });
  for (let i = 0; i < arity; i++) {
    if (!parameters.some((p) => 'arg' in p && p.arg === i))
      throw new Error(`prepared: argument ${i} did not become a parameter: ${compiled.sql}`);
  }
  return { sql: compiled.sql, parameters };
}
