import { type FormDefinition, ZFormDefinition } from '@tiegui/domain';
import type { TestContext } from './index';
import { type DocumentedRoute, urlOf } from './openapi';
import { type Account, accountOf } from './scope-accounts';
import { RECORD_KINDS } from './scope-kinds';

/** Where the fuzz suite sends a route's cases, as whom, and whether the route reads the body there. */
export interface Target {
  username: string;
  url: string;
  /** The record's detail (`GET` of the id) sends the form its `values` follow. */
  form: FormDefinition | null;
  /** A probe (an array for the body) got the route's 400: the cases reach its checks. */
  reached: boolean;
}

/** Demo accounts in the order the suite asks them to act: the mine, the bureaus, the group, the administrators. */
const ORDER = [
  'dx-mine',
  'dx-county',
  'xz-city',
  'sx-officer',
  'grp-a',
  'xz-division',
  'yp-mine',
  'sx-admin',
  'sx-sec',
  'sx-audit',
];
const PROBES = 80;

/** Signs each account in once; again when a case ended its session (logout). */
export class Sessions {
  private readonly cookies = new Map<string, string>();
  private readonly accounts = new Map<string, Account>();
  constructor(private readonly ctx: TestContext) {}
  async cookie(username: string): Promise<string> {
    const known = this.cookies.get(username);
    if (known) return known;
    const cookie = await this.ctx.login(username);
    this.cookies.set(username, cookie);
    return cookie;
  }
  forget(username: string) {
    this.cookies.delete(username);
  }
  async account(username: string): Promise<Account> {
    const known = this.accounts.get(username) ?? (await accountOf(this.ctx.db, username));
    this.accounts.set(username, known);
    return known;
  }
}

/**
 * Who calls a route, on which record: an account holding its permission (`reserved` for a route
 * only one account may take the beating of) and, for a path with an id, one of the records of its
 * kind the account sees, never a demo account's own org or user (`spared`). Where the route checks
 * its body only after scope and state (a workflow action), each record is probed until the route
 * reads the body; a deliverable's values go to the record, among those probed, whose form exercises
 * the form checker most (`formKey`: a record of that form).
 */
export async function findTarget(
  ctx: TestContext,
  sessions: Sessions,
  route: DocumentedRoute,
  options: { reserved?: string; spared: ReadonlySet<string>; formKey?: string },
): Promise<Target> {
  const usernames = options.reserved ? [options.reserved] : ORDER;
  const perAccount: { username: string; id: string | null }[][] = [];
  for (const username of usernames) {
    const a = await sessions.account(username);
    if (route.permission && !a.permissions.has(route.permission)) continue;
    if (route.pathParameters.length === 0) {
      perAccount.push([{ username, id: null }]);
      continue;
    }
    const prefix = route.path.slice(0, route.path.indexOf('{'));
    const kind = RECORD_KINDS.find((k) => k.prefixes.includes(prefix));
    if (!kind)
      throw new Error(
        `${route.method} ${route.path}: no record kind has ids under ${prefix} (scope-kinds.ts)`,
      );
    const ids = (await kind.visible(ctx.db, a))
      .filter((id) => !options.spared.has(id))
      .sort()
      .reverse();
    perAccount.push(ids.map((id) => ({ username, id })));
  }
  // Round the accounts, so the probes reach the one whose records the route serves (the reviewer's).
  const longest = Math.max(0, ...perAccount.map((c) => c.length));
  const candidates = Array.from({ length: longest }, (_, i) => perAccount.flatMap((c) => c[i] ?? [])).flat();
  const first = candidates[0];
  if (!first) throw new Error(`${route.method} ${route.path}: no demo account may call it`);
  const targetOf = (c: { username: string; id: string | null }) => ({
    username: c.username,
    url: urlOf(route.path, c.id === null ? {} : { [route.pathParameters[0] ?? 'id']: c.id }),
  });
  if (route.body?.contentType !== 'application/json')
    return { ...targetOf(first), form: null, reached: true };
  const takesValues = Object.hasOwn(route.body.schema.properties ?? {}, 'values');
  let best: Target | null = null;
  const forms = new Map<string, boolean>();
  for (const c of candidates.slice(0, PROBES)) {
    const t = targetOf(c);
    const probe = await send(ctx, sessions, t, route.method, []);
    if (probe.statusCode !== 400) continue;
    if (!takesValues || c.id === null) return { ...t, form: null, reached: true };
    const form = await formOf(ctx, sessions, c.username, route.path.slice(0, route.path.indexOf('{')), c.id);
    const leaf = form?.fields.find((f) =>
      ['text', 'textarea', 'number', 'money', 'date', 'single'].includes(f.type),
    );
    if (!form || !leaf || (options.formKey && form.key !== options.formKey)) continue;
    // A form tried on one record is not tried again on another: the probes go to other forms.
    if (forms.get(form.key) === false || (best?.form && richness(best.form) >= richness(form))) continue;
    // The form is checked after scope, owner and state (a draft's too): a list for a plain field shows it is reached.
    const deep = await send(ctx, sessions, t, route.method, { values: { [leaf.key]: ['列表'] } });
    const reached = deep.statusCode === 400 && deep.body.includes(`"${leaf.key}`);
    forms.set(form.key, reached);
    if (reached) best = { ...t, form, reached: true };
  }
  return best ?? { ...targetOf(first), form: null, reached: false };
}

/**
 * How much of the form checker a form exercises: its kinds of field (its rows' and groups'
 * included), the enumerated ones (single, multi, checklist) counted twice, since their values are
 * where `__proto__` would slip through.
 */
function richness(form: FormDefinition): number {
  const kinds = new Set(
    form.fields.flatMap((f) => [
      f.type,
      ...(f.type === 'rows' || f.type === 'group' ? f.fields.map((s) => s.type) : []),
    ]),
  );
  return kinds.size + [...kinds].filter((k) => k === 'single' || k === 'multi' || k === 'checklist').length;
}

async function formOf(ctx: TestContext, sessions: Sessions, username: string, prefix: string, id: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `${prefix}${id}`,
    headers: { cookie: await sessions.cookie(username) },
  });
  if (res.statusCode !== 200) return null;
  const parsed = ZFormDefinition.safeParse(Reflect.get(Object(res.json()), 'form'));
  return parsed.success ? parsed.data : null;
}

/** Sends a JSON body as the target's account. */
export async function send(
  ctx: TestContext,
  sessions: Sessions,
  target: { username: string; url: string },
  method: DocumentedRoute['method'],
  body: unknown,
) {
  return ctx.app.inject({
    method,
    url: target.url,
    headers: { cookie: await sessions.cookie(target.username), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

/** The ids of the demo accounts' users and orgs: records no case may change under them. */
export async function demoAccountIds(ctx: TestContext, usernames: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const username of usernames) {
    const a = await accountOf(ctx.db, username);
    ids.add(a.userId);
    ids.add(a.orgId);
  }
  return ids;
}
