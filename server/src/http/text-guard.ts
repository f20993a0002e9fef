import { FIELD_LABELS } from '@tiegui/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';

/**
 * Text neither database can keep as sent: a lone surrogate has no UTF-8 form (both store U+FFFD
 * instead, so what was hashed or compared is not what is read back), and PostgreSQL refuses NUL
 * in text outright. In unicode mode a surrogate pair is one code point, so only lone ones match.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters refused
const UNSTORABLE = /[\p{Surrogate}\u0000]/u;

/** Whether a string can be stored and read back unchanged by both databases. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The Chinese name of the nearest labelled field on the path; never a raw key. */
function labelOf(path: readonly string[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const name = path[i];
    if (name !== undefined && Object.hasOwn(FIELD_LABELS, name)) return FIELD_LABELS[name] ?? '请求内容';
  }
  return '请求内容';
}

/** Where a value sits: its key and its parent's place, so a path is built only for the value refused. */
interface Place {
  key: string | number;
  parent: Place | null;
}

/** No form nests deeper; a deeper path names nothing a page could show, only bloats the answer. */
const MAX_PATH = 20;

const pathOf = (place: Place | null, prefix: readonly string[]): string[] => {
  const keys: string[] = [];
  for (let p = place; p !== null; p = p.parent) keys.push(String(p.key));
  return [...prefix, ...keys.reverse()].slice(0, MAX_PATH);
};

/**
 * The path of the first string (or object key) in a parsed request part that cannot be stored.
 * Walked with a stack and parent links: a 2 MB body can nest a million levels deep. Children are
 * pushed last first, so fields are checked (and the first one named) in the order they were sent.
 */
function unstorablePath(root: unknown, prefix: readonly string[]): string[] | null {
  const stack: [unknown, Place | null][] = [[root, null]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, place] = item;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return pathOf(place, prefix);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { key: i, parent: place }]);
    } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      for (const [key, v] of Object.entries(value).reverse()) {
        if (UNSTORABLE.test(key)) return pathOf(place, prefix);
        stack.push([v, { key, parent: place }]);
      }
    }
  }
  return null;
}

/**
 * The request's text that reaches the database: body, query, route params, and the stored headers,
 * with the label to name it by. A route parameter is part of the address, not a field the user
 * filled in: it is named 请求内容, not by a field that shares its key (`id` is also 附件编号).
 */
function firstUnstorable(request: FastifyRequest): { path: string[]; label: string } | null {
  const labelled = (path: string[] | null) => (path ? { path, label: labelOf(path) } : null);
  const param = unstorablePath(request.params, []);
  return (
    labelled(unstorablePath(request.body, [])) ??
    labelled(unstorablePath(request.query, [])) ??
    (param ? { path: param, label: '请求内容' } : null) ??
    // Sessions keep the User-Agent; the audit log keeps the client address (X-Forwarded-For).
    labelled(unstorablePath(request.headers['user-agent'], ['userAgent'])) ??
    labelled(unstorablePath(request.ip, ['ip']))
  );
}

/**
 * Refuses, before validation, the route and any audit row, a request carrying text that cannot be
 * stored as sent, with a 400 naming the field by its label.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = firstUnstorable(request);
    if (!found) return;
    const message = `${found.label}：含有无法保存的字符（空字符或不完整的字符编码），请删除后重新输入`;
    throw new AppError('VALIDATION', message, [{ field: found.path.join('.') || '请求', message }]);
  });
}
