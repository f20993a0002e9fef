import fc from 'fast-check';
import {
  baseValue,
  isDate,
  kindOf,
  type Path,
  type Spot,
  spotsOf,
  withValue,
  wrongTypeFor,
} from './fuzz-values';
import type { JsonSchema } from './openapi';

/** One request body of the fuzz suite and what the API document says must become of it. */
export interface FuzzCase {
  /** What it tries, naming the field: `NUL in description`. */
  name: string;
  contentType: string;
  payload: string | Buffer;
  /**
   * A rule the body breaks, so it must be refused: a 400 naming `path` (any 400 for `''`), or
   * another status (413 for a body past the limit).
   */
  refuse?: { path: string } | { status: number };
}

const JSON_TYPE = 'application/json';
const dotted = (path: Path) => path.join('.');
const json = (name: string, body: unknown, refuse?: FuzzCase['refuse']): FuzzCase => ({
  name,
  contentType: JSON_TYPE,
  payload: JSON.stringify(body),
  ...(refuse ? { refuse } : {}),
});
/** A body with one raw JSON member added in front (JSON.stringify cannot write `__proto__` as a key). */
const withRawMember = (body: unknown, member: string) => {
  const text = JSON.stringify(body);
  return text.startsWith('{}') ? `{${member}}` : text.startsWith('{') ? `{${member},${text.slice(1)}` : text;
};

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
/** Open where any JSON is taken (a form's values before the form checks them). */
const open = (schema: JsonSchema) => kindOf(schema) === 'any' || kindOf(schema) === 'object';

/** The cases every field of a JSON body gets, each alone on an otherwise well-formed body. */
export function fieldCases(schema: JsonSchema): FuzzCase[] {
  const base = baseValue(schema);
  const spots = spotsOf(schema, base);
  const cases: FuzzCase[] = [
    json('an array for the body', [], { path: '' }),
    {
      name: 'a __proto__ member',
      contentType: JSON_TYPE,
      payload: withRawMember(base, '"__proto__":{"admin":true}'),
      refuse: { path: '' },
    },
    {
      name: 'a constructor.prototype member',
      contentType: JSON_TYPE,
      payload: withRawMember(base, '"constructor":{"prototype":{"admin":true}}'),
      refuse: { path: '' },
    },
    {
      name: 'a 3 MB body',
      contentType: JSON_TYPE,
      payload: JSON.stringify({ 填充: 'x'.repeat(3_000_000) }),
      refuse: { status: 413 },
    },
  ];
  for (const spot of spots) cases.push(...spotCases(base, spot));
  // One field takes the megabyte: every text field is read the same way, each already spoiled above.
  const text = spots.find((s) => kindOf(s.schema) === 'string');
  if (text) {
    const at = dotted(text.path);
    const huge = withValue(base, text.path, 'a'.repeat(1_000_000));
    cases.push(json(`1 MB string in ${at}`, huge, text.schema.maxLength ? { path: at } : undefined));
  }
  return cases;
}

function spotCases(base: unknown, { path, schema, required }: Spot): FuzzCase[] {
  const at = dotted(path);
  const put = (value: unknown) => withValue(base, path, value);
  const kind = kindOf(schema);
  const cases: FuzzCase[] = [];
  if (!open(schema)) cases.push(json(`wrong type in ${at}`, put(wrongTypeFor(schema)), { path: at }));
  if (required) cases.push(json(`${at} missing`, put(undefined), { path: at }));
  if (!open(schema))
    cases.push({
      name: `1,000 levels deep in ${at}`,
      contentType: JSON_TYPE,
      payload: JSON.stringify(put('__DEEP__')).replace('"__DEEP__"', nested(1000)),
      refuse: { path: at },
    });
  if (kind === 'string' || kind === 'enum') {
    const text = String(baseValue(schema));
    cases.push(json(`NUL in ${at}`, put(`${text}\u0000`), { path: at }));
    cases.push(json(`lone surrogate in ${at}`, put(`${text}\ud800`), { path: at }));
    cases.push(json(`__proto__ as ${at}`, put('__proto__'), kind === 'enum' ? { path: at } : undefined));
    cases.push(json(`constructor as ${at}`, put('constructor'), kind === 'enum' ? { path: at } : undefined));
  }
  if (isDate(schema))
    for (const day of ['2024-02-30', '2023-02-29'])
      cases.push(json(`impossible date ${day} in ${at}`, put(day), { path: at }));
  if (kind === 'number' || kind === 'integer') {
    const below = schema.minimum !== undefined && schema.minimum > -1;
    cases.push(json(`negative ${at}`, put(-1), below ? { path: at } : undefined));
    cases.push(json(`huge ${at}`, put(1e308), schema.maximum !== undefined ? { path: at } : undefined));
    if (kind === 'integer') cases.push(json(`fraction in ${at}`, put(0.5), { path: at }));
    // JSON carries no Infinity, but a number past the double range parses as one.
    cases.push({
      name: `Infinity in ${at}`,
      contentType: JSON_TYPE,
      payload: JSON.stringify(put('__INF__')).replace('"__INF__"', '1e999'),
      refuse: { path: at },
    });
  }
  return cases;
}

/** Bodies for a route that reads none: junk it must ignore or refuse, never fail on. */
export function bodylessCases(): FuzzCase[] {
  return [
    json('a JSON object', { 意外: 1 }),
    json('an array', []),
    { name: 'a __proto__ member', contentType: JSON_TYPE, payload: '{"__proto__":{"admin":true}}' },
    { name: '1,000 levels deep', contentType: JSON_TYPE, payload: nested(1000) },
  ];
}

const BOUNDARY = '----tiegui-fuzz';
const part = (field: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;

/** Broken uploads: each must be a 400 naming the file, never a failure of the server. */
export function multipartCases(): FuzzCase[] {
  const whole = `${part('file')}PK\u0003\u0004 not really a workbook\r\n--${BOUNDARY}--\r\n`;
  const refuse = { path: 'file' };
  return [
    { name: 'multipart without a boundary', contentType: 'multipart/form-data', payload: whole, refuse },
    {
      name: 'multipart with another boundary',
      contentType: 'multipart/form-data; boundary=other',
      payload: whole,
      refuse,
    },
    {
      name: 'multipart cut short',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: whole.slice(0, part('file').length + 6),
      refuse,
    },
    {
      name: 'multipart without the file part',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: `${part('other')}x\r\n--${BOUNDARY}--\r\n`,
      refuse,
    },
    json('JSON instead of an upload', { file: 'a.xlsx' }, refuse),
  ];
}

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
/** Any JSON value of a few kinds, including none (the field left out). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: cjk, maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/**
 * fast-check's bodies for a JSON route: a few fields of the well-formed body given random values
 * of any type (or left out), or a random body where it has no fields. Only the general rules hold
 * for these (no 5xx, each 4xx in the documented body); what they must be refused for is above.
 */
export function randomCase(schema: JsonSchema | null): fc.Arbitrary<FuzzCase> {
  const base = schema ? baseValue(schema) : {};
  const spots = schema ? spotsOf(schema, base) : [];
  if (spots.length === 0) {
    const body = fc.oneof(fc.dictionary(fc.string(), junk, { minKeys: 1, maxKeys: 4 }), fc.array(junk), junk);
    return body.map((b) => json('random body', b));
  }
  return fc.subarray(spots, { minLength: 1, maxLength: Math.min(3, spots.length) }).chain((picked) =>
    fc.tuple(...picked.map(() => junk)).map((values) =>
      json(
        `random ${picked.map((s) => dotted(s.path)).join(', ')}`,
        picked.reduce((b, s, i) => withValue(b, s.path, values[i]), base),
      ),
    ),
  );
}
