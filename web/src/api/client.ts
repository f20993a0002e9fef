import type { ErrorBody } from '@tiegui/domain';

export type FieldError = { field: string; message: string };

/** Every failed API call throws this, carrying the server's `{ code, message, fields }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** The whole answer, for what a caller reads beyond the message (a login's challenge). */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.body = body;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type AuthHandlers = { unauthenticated: () => void; passwordChangeRequired: () => void };

// main.tsx replaces these with router navigation; the defaults keep the client usable alone.
let handlers: AuthHandlers = {
  unauthenticated: () => {
    if (window.location.pathname !== '/login') window.location.assign('/login');
  },
  passwordChangeRequired: () => {
    if (window.location.pathname !== '/change-password') window.location.assign('/change-password');
  },
};

export function setAuthHandlers(next: AuthHandlers): void {
  handlers = next;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds `/api<path>?…`, leaving out blank values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isErrorBody(body))
    return new ApiError(response.status, body.code, body.message, body.fields ?? [], body);
  const message =
    response.status >= 500 ? '服务器暂时无法处理请求，请稍后重试' : `请求失败（HTTP ${response.status}）`;
  return new ApiError(response.status, 'HTTP_ERROR', message);
}

/** Turns a non-2xx answer into an ApiError and follows the session rules of the contract. */
async function ensureOk(response: Response, path: string): Promise<Response> {
  if (response.ok) return response;
  const error = await errorOf(response);
  if (error.status === 401 && path !== '/auth/login') handlers.unauthenticated();
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') handlers.passwordChangeRequired();
  throw error;
}

async function send(path: string, init: RequestInit, query?: Query): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  return ensureOk(response, path);
}

/** A POST sent again within this long with the same path and body is the same attempt (a double click). */
const SAME_ATTEMPT_MS = 10_000;
const attempts = new Map<string, { key: string; at: number }>();

// getRandomValues, unlike randomUUID, works on a plain-HTTP intranet address too.
const freshKey = () =>
  `web-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/**
 * The `Idempotency-Key` of a POST: one per submit attempt, so a double click or a repeated send of
 * the same form gets the server's first answer instead of a second record; a changed form is a new
 * attempt with a fresh key.
 */
function idempotencyKey(path: string, body: string): string {
  const now = Date.now();
  for (const [k, a] of attempts) if (now - a.at > SAME_ATTEMPT_MS) attempts.delete(k);
  const id = `${path}\n${body}`;
  const known = attempts.get(id);
  const key = known?.key ?? freshKey();
  attempts.set(id, { key, at: now });
  return key;
}

async function json<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (text !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = text;
  }
  // Only a POST with a body submits a form that creates something; one without (校验完整性, 签收)
  // asks again each time and must get a fresh answer, not the first one replayed.
  if (method === 'POST' && text !== undefined) headers['Idempotency-Key'] = idempotencyKey(path, text);
  init.headers = headers;
  const response = await send(path, init, query);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  delete: <T>(path: string) => json<T>('DELETE', path),
};

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** GETs a file and saves it under the name the server gives in Content-Disposition. */
export async function downloadFile(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
  const response = await send(path, { method: 'GET' }, query);
  const blob = await response.blob();
  const name = filenameOf(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** POSTs one file as multipart (field `file` unless told) and reads the JSON answer. */
export async function uploadFile<T>(
  path: string,
  file: Blob,
  fieldName = 'file',
  fileName?: string,
): Promise<T> {
  const form = new FormData();
  if (fileName) form.append(fieldName, file, fileName);
  else form.append(fieldName, file);
  const response = await send(path, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  return (await response.json()) as T;
}
