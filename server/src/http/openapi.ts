import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** An upload's body as the API document shows it: the one file part the upload routes read. */
const ZUploadBody = z.object({ file: z.file() });

type Schema = FastifySchema & { consumes?: readonly string[]; hide?: boolean };

/**
 * The API document says what the route table knows beyond the schemas, so a reader (or a suite
 * generated from the document) needs nothing else: the permission a route asks (`x-permission`),
 * no session for a public route (`security: []`), the body of a route that validates its own (a
 * workflow action's evidence, checked after scope and state) and the file part of an upload.
 */
export const documentRoute: SwaggerTransform<Schema> = (input) => {
  const schema: Schema = { ...input.schema };
  const config = input.route.config;
  if (config?.permission) Object.assign(schema, { 'x-permission': config.permission });
  if (config?.public) schema.security = [];
  if (!schema.body && config?.documentedBody) schema.body = config.documentedBody;
  if (!schema.body && schema.consumes?.includes('multipart/form-data')) schema.body = ZUploadBody;
  return jsonSchemaTransform({ ...input, schema });
};
