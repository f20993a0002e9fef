import type { FormInstance } from 'antd';
import { ApiError } from './client';

type NamePathPart = string | number;

/** `roles.0` → ['roles', 0]: numeric segments become list indexes, as antd expects. */
function toNamePath(field: string): NamePathPart[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the `fields` of a server 400 (or any error carrying fields) on the form, each at the nearest
 * registered field: `roles.0` lands on `roles`. Returns the messages that matched no field, so the
 * caller can show them elsewhere (with the overall message of a non-400 that carried fields). A non-API error comes back as its message.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  if (error.fields.length === 0) return [error.message];

  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePathPart[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const { field, message } of error.fields) {
    const path = toNamePath(field);
    let name: NamePathPart[] | null = null;
    for (let n = path.length; n > 0 && !name; n--) {
      const prefix = path.slice(0, n);
      if (registered.has(JSON.stringify(prefix))) name = prefix;
    }
    if (!name) {
      unplaced.push(message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  const first = byField.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  // A 403 or 409 with fields says something about the whole request too; a 400's message only repeats them.
  const fieldMessages = error.fields.map((f) => f.message);
  if (error.code !== 'VALIDATION' && !fieldMessages.includes(error.message)) unplaced.unshift(error.message);
  return unplaced;
}
