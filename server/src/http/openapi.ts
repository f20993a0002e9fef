import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** An upload's body as the API document shows it: the one file part the upload routes read. */
const ZUploadBody = z.object({ file: z.file() });

/** What a signed-in JSON POST may carry so that sending it twice does it once (`idempotency.ts`). */
const ZIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      '同一次提交的标识（8–100 个字母、数字或 _.:-）：24 小时内同一用户在同一路径重复发送，答复第一次成功的结果',
    ),
});

type Schema = FastifySchema & { consumes?: readonly string[]; hide?: boolean };

/**
 * The API document says what the route table knows beyond the schemas, so a reader (or a suite
 * generated from the document) needs nothing else: the permission a route asks (`x-permission`),
 * no session for a public route (`security: []`), the body of a route that validates its own (a
 * workflow action's evidence, checked after scope and state), the file part of an upload and the
 * `Idempotency-Key` a signed-in POST may carry.
 */
export const documentRoute: SwaggerTransform<Schema> = (input) => {
  const schema: Schema = { ...input.schema };
  const config = input.route.config;
  if (config?.permission) Object.assign(schema, { 'x-permission': config.permission });
  if (config?.public) schema.security = [];
  if (!schema.body && config?.documentedBody) schema.body = config.documentedBody;
  const upload = schema.consumes?.includes('multipart/form-data');
  if (!schema.body && upload) schema.body = ZUploadBody;
  // As submitsForm decides at run time: a signed-in POST with a JSON body.
  if (input.route.method === 'POST' && !config?.public && !upload && schema.body && !schema.headers)
    schema.headers = ZIdempotencyHeaders;
  return jsonSchemaTransform({ ...input, schema });
};
