import { CHECKLIST_RESULTS, type FormDefinition, type FormField, type LeafField } from '@tiegui/domain';
import type { JsonSchema } from './openapi';

/** Where a value sits in a body: keys and array indexes. */
export type Path = readonly (string | number)[];

/** A schema's alternatives: its `anyOf`/`oneOf` branches (or itself), `null` last. */
function branches(schema: JsonSchema): JsonSchema[] {
  const all = schema.anyOf ?? schema.oneOf ?? [schema];
  return [...all].sort((a, b) => Number(a.type === 'null') - Number(b.type === 'null'));
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);
const DATE = /\\d\{4\}-\\d\{2\}-\\d\{2\}/;

/** Does the schema ask for a calendar date (YYYY-MM-DD)? */
export const isDate = (schema: JsonSchema) =>
  typeOf(schema) === 'string' && (schema.format === 'date' || DATE.test(schema.pattern ?? ''));

/** Text that fits a string schema: its pattern's shape where it has one, else Chinese text of a fitting length. */
function textFor(schema: JsonSchema): string {
  if (schema.format === 'date-time') return '2024-07-15T08:00:00.000Z';
  const candidates = ['2024-07-15', '2024-07', '140923', '14', 'example_key', 'r1', '示例'];
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const fits = candidates.find((c) => pattern.test(c));
    if (fits) return fits;
  }
  const length = Math.min(Math.max(schema.minLength ?? 0, 6), schema.maxLength ?? 6);
  return '示例文字内容'.repeat(Math.ceil(length / 6)).slice(0, Math.max(length, 1));
}

/** A value the schema accepts, filling every property (so every field can be spoiled in turn). */
export function baseValue(schema: JsonSchema): unknown {
  const s = branches(schema)[0] ?? schema;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  switch (typeOf(s)) {
    case 'string':
      return textFor(s);
    case 'integer':
    case 'number': {
      const low = s.minimum ?? 0;
      const n = Math.min(Math.max(low, 1), s.maximum ?? 1);
      return typeOf(s) === 'integer' ? Math.ceil(n) : n;
    }
    case 'boolean':
      return typeof s.default === 'boolean' ? s.default : true;
    case 'array':
      return s.items && (s.minItems ?? 0) > 0
        ? Array.from({ length: s.minItems ?? 0 }, () => baseValue(s.items ?? {}))
        : [];
    case 'null':
      return null;
    default:
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, baseValue(v)]));
  }
}

/** A leaf (or inner node) of a body with the schema that describes it. */
export interface Spot {
  path: Path;
  schema: JsonSchema;
  /** The object holding it lists it as required. */
  required: boolean;
}

/** Every property of a value the schema describes, depth first (array items through the first). */
export function spotsOf(schema: JsonSchema, value: unknown, path: Path = []): Spot[] {
  const s = branches(schema)[0] ?? schema;
  if (Array.isArray(value) && s.items && value.length > 0) {
    const first = [...path, 0];
    // An item is never "missing": leaving it out only makes the list shorter.
    return [{ path: first, schema: s.items, required: false }, ...spotsOf(s.items, value[0], first)];
  }
  if (value === null || typeof value !== 'object' || !s.properties) return [];
  const spots: Spot[] = [];
  for (const [key, child] of Object.entries(s.properties)) {
    if (!Object.hasOwn(value, key)) continue;
    spots.push({ path: [...path, key], schema: child, required: (s.required ?? []).includes(key) });
    spots.push(...spotsOf(child, Reflect.get(value, key), [...path, key]));
  }
  return spots;
}

/** The schema's leaf kind at a spot: what its first non-null branch holds. */
export const kindOf = (schema: JsonSchema) => {
  const s = branches(schema)[0] ?? schema;
  return s.enum ? 'enum' : (typeOf(s) ?? (s.properties ? 'object' : 'any'));
};

/** A copy of a JSON value with the value at a path replaced (or removed, for `undefined`). */
export function withValue(body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(body) && typeof head === 'number') {
    const copy = [...body];
    copy[head] = withValue(copy[head], rest, value);
    return copy;
  }
  if (body === null || typeof body !== 'object' || typeof head !== 'string') return body;
  const copy: Record<string, unknown> = { ...body };
  const next = withValue(copy[head], rest, value);
  if (next === undefined && rest.length === 0) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** A value of another JSON type than the schema asks for. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  switch (kindOf(schema)) {
    case 'string':
    case 'enum':
      return 12345;
    case 'integer':
    case 'number':
      return '一百';
    case 'boolean':
      return '是';
    case 'array':
      return { 项目: 1 };
    default:
      return ['列表'];
  }
}

/**
 * The JSON Schema a deliverable form's values follow (the validator in domain/src/forms checks
 * it); a draft's required fields are not yet due.
 */
export function formSchema(form: FormDefinition, draft: boolean): JsonSchema {
  const leaf = (f: LeafField): JsonSchema => {
    switch (f.type) {
      case 'text':
      case 'textarea':
        return { type: 'string', minLength: 1, maxLength: f.maxLength };
      case 'number':
        return { type: f.integer ? 'integer' : 'number', minimum: f.min, maximum: f.max };
      case 'money':
        return { type: 'number', minimum: 0, maximum: f.max };
      case 'date':
        return { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
      case 'single':
        return { type: 'string', enum: f.options.map((o) => o.value) };
      case 'multi':
        return { type: 'array', items: { type: 'string', enum: f.options.map((o) => o.value) } };
      case 'attachments':
        return { type: 'array', maxItems: f.maxFiles, items: { type: 'object', required: ['id', 'name'] } };
    }
  };
  const object = (fields: readonly (FormField | LeafField)[], required: boolean): JsonSchema => ({
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, field(f)])),
    required: required && !draft ? fields.filter((f) => f.required).map((f) => f.key) : [],
  });
  const field = (f: FormField | LeafField): JsonSchema => {
    switch (f.type) {
      case 'checklist': {
        const entry: JsonSchema = {
          type: 'object',
          properties: {
            result: { type: 'string', enum: Object.keys(CHECKLIST_RESULTS) },
            note: { type: 'string' },
          },
        };
        // Every item has the one shape: the first stands for all (the others are left blank).
        const first = f.items[0];
        return { type: 'object', properties: first ? { [first.key]: entry } : {} };
      }
      case 'rows':
        return { type: 'array', minItems: Math.max(f.minRows, 1), items: object(f.fields, true) };
      case 'group':
        return object(f.fields, true);
      default:
        return leaf(f);
    }
  };
  return object(form.fields, true);
}

/** The labels a form gives its fields, items and columns: how a 400 about its values names them. */
export function formLabels(form: FormDefinition): string[] {
  return form.fields.flatMap((f) => [
    f.label,
    ...(f.type === 'checklist' ? f.items.map((i) => i.label) : []),
    ...(f.type === 'rows' || f.type === 'group' ? f.fields.map((s) => s.label) : []),
  ]);
}
