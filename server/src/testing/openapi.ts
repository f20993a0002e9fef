import { PERMISSIONS, type Permission } from '@tiegui/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** The part of a JSON Schema the suites read (what zod's JSON Schema of the route schemas holds). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
}

const ZJsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.object({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    properties: z.record(z.string(), ZJsonSchema).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), ZJsonSchema]).optional(),
    items: ZJsonSchema.optional(),
    anyOf: z.array(ZJsonSchema).optional(),
    oneOf: z.array(ZJsonSchema).optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    pattern: z.string().optional(),
    format: z.string().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    minItems: z.number().optional(),
    maxItems: z.number().optional(),
    nullable: z.boolean().optional(),
    default: z.unknown().optional(),
  }),
);

const ZPermission = z.custom<Permission>((v) => typeof v === 'string' && Object.hasOwn(PERMISSIONS, v));

const ZOperation = z.object({
  summary: z.string().optional(),
  deprecated: z.boolean().optional(),
  security: z.array(z.unknown()).optional(),
  'x-permission': ZPermission.optional(),
  parameters: z
    .array(
      z.object({ in: z.string(), name: z.string(), required: z.boolean().optional(), schema: ZJsonSchema }),
    )
    .optional(),
  requestBody: z.object({ content: z.record(z.string(), z.object({ schema: ZJsonSchema })) }).optional(),
});

const ZDocument = z.object({ paths: z.record(z.string(), z.record(z.string(), ZOperation)) });

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const METHODS = ['GET', ...WRITE_METHODS] as const;
export type Method = (typeof METHODS)[number];
const isMethod = (m: string): m is Method => METHODS.some((x) => x === m);

export interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the API document, as the suites use it. */
export interface DocumentedRoute {
  method: Method;
  /** The document's path, parameters in braces: `/api/hazards/{id}`. */
  path: string;
  summary: string;
  /** The role permission the route asks; null when it asks none (or checks in its service). */
  permission: Permission | null;
  /** Answers without a session. */
  public: boolean;
  deprecated: boolean;
  pathParameters: string[];
  query: QueryParameter[];
  /** The headers it documents (lower case). */
  headers: string[];
  /** The body as documented: JSON, or a multipart upload. */
  body: { contentType: 'application/json' | 'multipart/form-data'; schema: JsonSchema } | null;
}

/** Every operation of the app's API document (`GET /api/openapi.json`). */
export async function documentedRoutes(app: FastifyInstance): Promise<DocumentedRoute[]> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json: ${res.statusCode}`);
  const doc = ZDocument.parse(res.json());
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [name, op] of Object.entries(operations)) {
      const method = name.toUpperCase();
      if (!isMethod(method)) continue;
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const upload = content['multipart/form-data'];
      routes.push({
        method,
        path,
        summary: op.summary ?? '',
        permission: op['x-permission'] ?? null,
        public: op.security !== undefined && op.security.length === 0,
        deprecated: op.deprecated === true,
        pathParameters: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
        body: json
          ? { contentType: 'application/json', schema: json.schema }
          : upload
            ? { contentType: 'multipart/form-data', schema: upload.schema }
            : null,
      });
    }
  }
  return routes;
}

/** The URL of a documented path with its parameters filled in. */
export function urlOf(path: string, values: Readonly<Record<string, string>>, query = ''): string {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  return query ? `${url}?${query}` : url;
}

/** The strings (or numbers, as text) found at a path of keys in a JSON answer, through its arrays. */
export function valuesAt(body: unknown, keys: readonly string[]): string[] {
  if (Array.isArray(body)) return body.flatMap((item) => valuesAt(item, keys));
  if (keys.length === 0) {
    return typeof body === 'string' || typeof body === 'number' ? [String(body)] : [];
  }
  const [key, ...rest] = keys;
  if (body === null || typeof body !== 'object' || key === undefined || !Object.hasOwn(body, key)) return [];
  return valuesAt(Reflect.get(body, key), rest);
}
