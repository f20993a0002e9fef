import { FIELD_LABELS, fieldLabel, ZPowChallenge } from '@tiegui/domain';
import { z } from 'zod';
import type { FuzzCase } from './fuzz-cases';

/** The documented error body (`ZErrorBody`), and nothing else. */
const ZDocumentedError = z.strictObject({
  code: z.string().min(1),
  message: z.string().min(1),
  fields: z.array(z.strictObject({ field: z.string().min(1), message: z.string().min(1) })).optional(),
});

const CJK = /[\u4e00-\u9fff]/;
/**
 * Latin words a Chinese message may hold: file kinds, units, date formats, media types and the
 * names of standards and products users know by them. Anything else is English or a raw key.
 */
const ALLOWED_WORDS = new Set([
  'MB',
  'KB',
  'GB',
  'JSON',
  'Excel',
  'xlsx',
  'xls',
  'pdf',
  'doc',
  'docx',
  'jpg',
  'png',
  'ofd',
  'zip',
  'YYYY',
  'multipart',
  'form',
  'data',
  'MM',
  'DD',
  'T',
]);

/** What is wrong with one message a user may read: not Chinese, English words, raw keys. */
export function messageProblems(
  message: string,
  keys: ReadonlySet<string>,
  sent: readonly string[],
): string[] {
  const problems: string[] = [];
  if (!CJK.test(message)) problems.push(`message without Chinese: "${message}"`);
  // What the request itself said may be quoted back ("没有这项任务：x1"): it is the user's, not ours.
  const ours = sent.reduce((m, text) => (text.length > 0 ? m.split(text).join(' ') : m), message);
  for (const word of ours.match(/[A-Za-z][A-Za-z_]*/g) ?? []) {
    if (ALLOWED_WORDS.has(word)) continue;
    problems.push(
      keys.has(word) ? `raw field key "${word}" in "${message}"` : `English "${word}" in "${message}"`,
    );
  }
  return problems;
}

/** Does a 400's field name the path, or the object holding it, or a part of it? */
const names = (field: string, path: string) =>
  [path, path.replace(/^values\./, '')].some(
    (p) => field === p || field.startsWith(`${p}.`) || p.startsWith(`${field}.`),
  );

export interface Answer {
  statusCode: number;
  body: string;
}

export interface CheckContext {
  /** The keys of the route's body: none may reach a message. */
  keys: ReadonlySet<string>;
  /** Labels a form gives the `values` it holds (a deliverable's own labels). */
  formLabels: readonly string[];
  /** The route read the body (a probe got its 400): a refusal is due. */
  reached: boolean;
}

/**
 * What is wrong with an answer to a case: a 5xx; a 4xx outside the documented body; a message not
 * in Chinese, with English or a raw key; a field not named by its Chinese label; a body that breaks
 * a documented rule taken, or refused without naming the field.
 */
export function answerProblems(c: FuzzCase, res: Answer, ctx: CheckContext): string[] {
  if (res.statusCode >= 500) return [`answered ${res.statusCode}: ${res.body.slice(0, 200)}`];
  const problems: string[] = [];
  let error: z.infer<typeof ZDocumentedError> | null = null;
  if (res.statusCode >= 400) {
    // A login that asks for the proof of work documents the challenge beside the message.
    const documented =
      res.statusCode === 428 ? ZDocumentedError.extend({ challenge: ZPowChallenge }) : ZDocumentedError;
    const parsed = documented.safeParse(safeJson(res.body));
    if (!parsed.success) return [`${res.statusCode} outside the documented body: ${res.body.slice(0, 200)}`];
    error = parsed.data;
    const sent = stringsIn(typeof c.payload === 'string' ? safeJson(c.payload) : null);
    problems.push(...messageProblems(error.message, ctx.keys, sent));
    for (const f of error.fields ?? []) {
      problems.push(...messageProblems(f.message, ctx.keys, sent));
      const label = res.statusCode === 400 ? labelProblem(f.field, f.message, ctx.formLabels) : null;
      if (label) problems.push(label);
    }
  }
  const refuse = c.refuse;
  if (!refuse || !ctx.reached) return problems;
  if ('status' in refuse) {
    if (res.statusCode !== refuse.status) problems.push(`answered ${res.statusCode}, not ${refuse.status}`);
  } else if (res.statusCode !== 400) {
    problems.push(res.statusCode < 300 ? `taken (${res.statusCode})` : `answered ${res.statusCode}, not 400`);
  } else if (refuse.path && !(error?.fields ?? []).some((f) => names(f.field, refuse.path))) {
    problems.push(`the 400 does not name ${refuse.path}: ${res.body.slice(0, 200)}`);
  }
  return problems;
}

/**
 * A field's message must name it, before its first '：': by the label labels.ts gives its key or
 * a key holding it (a file's `files.0.id` is named as 附件), or for a form's values by the form's label.
 */
export function labelProblem(field: string, message: string, formLabels: readonly string[]): string | null {
  const head = message.split('：')[0] ?? message;
  if (field === '请求') return head.includes('请求') ? null : `"${message}" does not name 请求`;
  if (formLabels.some((l) => head.includes(l))) return null;
  const keys = field.split('.').filter((s) => !/^\d+$/.test(s));
  // Each key's own label, and the field's as the server names it (a key may mean another thing in a list).
  const own = fieldLabel(keys);
  const labels = [
    ...keys.flatMap((k) => (Object.hasOwn(FIELD_LABELS, k) ? [FIELD_LABELS[k] ?? k] : [])),
    own,
  ];
  const key = keys[keys.length - 1] ?? '';
  if (own === key && formLabels.length === 0)
    return `no Chinese label for the field ${key} (domain/src/schemas/labels.ts)`;
  return labels.some((l) => head.includes(l)) ? null : `"${message}" does not name ${field} by its label`;
}

/** Every string a JSON value holds, longest first (so a part of one is not taken for another). */
function stringsIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return found.sort((a, b) => b.length - a.length);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An anonymous call must be refused as such: 401, naming no field. */
export function anonymousProblems(res: Answer): string[] {
  const body = safeJson(res.body);
  if (res.statusCode === 401) return [];
  const fields = body !== null && typeof body === 'object' && Object.hasOwn(body, 'fields');
  return [`anonymous call answered ${res.statusCode}${fields ? ' with a list of fields' : ''}`];
}

/** A failure the suite found and another branch fixes: kept visible, counted, and removed on merge. */
export interface KnownOpen {
  /** `POST /api/auth/login`; `*` stands for any text. */
  route: string;
  /** The case's name; `*` stands for any text. */
  case: string;
  /** The item of issue 9 it belongs to, and the branch that fixes it. */
  item: string;
  branch: string;
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

/** The known-open entry a failure falls under, if any. */
export function knownOpen(list: readonly KnownOpen[], route: string, name: string): KnownOpen | undefined {
  return list.find((k) => glob(k.route).test(route) && glob(k.case).test(name));
}
