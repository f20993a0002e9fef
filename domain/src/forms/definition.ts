import { z } from 'zod';

/**
 * Deliverable forms are data: a small definition rendered by one generic renderer in the web and
 * validated by the same definition on the server. Values are plain JSON keyed by field key.
 */
const ZKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, '字段标识须以小写字母开头，仅含字母、数字、下划线');

const base = {
  key: ZKey,
  label: z.string().min(1).max(100),
  required: z.boolean().default(false),
  help: z.string().max(300).optional(),
  /** A heading shown before this field: it starts a part of the form. */
  section: z.string().min(1).max(100).optional(),
};

const ZChoiceOption = z.object({ value: z.string().min(1).max(40), label: z.string().min(1).max(100) });

export const ZChecklistItem = z.object({
  key: ZKey,
  label: z.string().min(1).max(300),
  /** Where the requirement comes from (the seed paragraph, a standard's article). */
  source: z.string().max(200),
});

const leafFields = [
  z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(500).default(100) }),
  z.object({
    ...base,
    type: z.literal('textarea'),
    maxLength: z.number().int().min(1).max(20000).default(5000),
  }),
  z.object({
    ...base,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: z.string().max(20).optional(),
  }),
  /** An amount in 元 with at most two decimals, never negative (stored by the server as 分). */
  z.object({ ...base, type: z.literal('money'), max: z.number().positive().optional() }),
  z.object({ ...base, type: z.literal('date') }),
  z.object({
    ...base,
    type: z.literal('single'),
    options: z.array(ZChoiceOption).min(1),
    /** A dropdown even when the choices are few enough for radio buttons. */
    dropdown: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('multi'), options: z.array(ZChoiceOption).min(1) }),
  z.object({
    ...base,
    type: z.literal('attachments'),
    maxFiles: z.number().int().min(1).max(20).default(10),
  }),
] as const;

export const ZLeafField = z.discriminatedUnion('type', [...leafFields]);

export const ZFormField = z.discriminatedUnion('type', [
  ...leafFields,
  z.object({ ...base, type: z.literal('checklist'), items: z.array(ZChecklistItem).min(1) }),
  z.object({
    ...base,
    type: z.literal('rows'),
    fields: z.array(ZLeafField).min(1),
    minRows: z.number().int().min(0).default(0),
    maxRows: z.number().int().min(1).max(500).default(100),
  }),
  /**
   * Fields that belong together under one key (`finderReward.amountYuan`). An optional group is sent
   * only when something in it is filled in, and then its own required fields must be too.
   */
  z.object({ ...base, type: z.literal('group'), fields: z.array(ZLeafField).min(1) }),
]);
export type FormField = z.infer<typeof ZFormField>;
export type LeafField = z.infer<typeof ZLeafField>;

export const ZFormDefinition = z
  .object({
    key: ZKey,
    title: z.string().min(1).max(100),
    version: z.number().int().min(1),
    description: z.string().max(1000).optional(),
    fields: z.array(ZFormField).min(1),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const [i, f] of form.fields.entries()) {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `字段标识重复：${f.key}` });
      seen.add(f.key);
    }
  });
export type FormDefinition = z.infer<typeof ZFormDefinition>;

/** Results of one checklist item. */
export const CHECKLIST_RESULTS = { ok: '符合', problem: '存在问题', na: '不适用' } as const;
export type ChecklistResult = keyof typeof CHECKLIST_RESULTS;

/** An uploaded file referenced from a form value. */
export interface FileRef {
  id: string;
  name: string;
}

export type FormValues = Record<string, unknown>;
