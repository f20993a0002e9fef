import { z } from 'zod';
import { isKnownRegion } from '../catalog/regions';
import { type FormDefinition, ZFormDefinition } from '../forms/definition';

/** An enumeration whose values are the keys of a table of Chinese labels (`{ coal: '煤矿' }`). */
export const zLabelledEnum = <T extends Record<string, string>>(labels: T) =>
  z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]);

export const ZId = z.string().min(1).max(64);
export const ZIdParams = z.object({ id: ZId });

export const ZErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;

export const ZPageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZOk = z.object({ ok: z.literal(true) });

/** An optional text from a form or a query string: blank means absent. */
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string().max(max).optional(),
  );

/**
 * A list's region filter (`?regionCode=`): a region of the GB/T 2260 data by its code or prefix; the
 * lists match the codes beginning with it.
 */
export const ZRegionQuery = z
  .string()
  .regex(/^\d{2,6}$/, '行政区划代码应为2至6位数字')
  .refine(isKnownRegion, '不在行政区划数据中，请从省、市、县（市、区）中选择')
  .optional();

/** Accepts "true"/"false" from query strings. */
export const queryBoolean = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);

/**
 * An action the signed-in user may take now on a record, with the form of what it asks for: sent
 * beside the record's `actions` so the web renders it without knowing the workflow's schemas.
 */
export const zWorkflowActionForm = <A extends z.ZodType<string>>(action: A) =>
  z.object({ action, label: z.string(), form: ZFormDefinition });
export interface WorkflowActionForm<A extends string = string> {
  action: A;
  label: string;
  form: FormDefinition;
}
