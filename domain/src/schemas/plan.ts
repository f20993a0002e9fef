import { z } from 'zod';
import { ZFormDefinition } from '../forms/definition';
import { ZDateOnly } from './date';

/**
 * A campaign plan as versioned data: its sections and tasks as the document numbers them, and
 * for each duty who owes it, how often, by when, which form delivers it and who receives it.
 */

export const ZOwedByKind = z.enum(['province', 'division', 'city', 'county', 'mine']);

/**
 * Who receives a deliverable, relative to the org that owes it:
 * - supervisor: the bureau that supervises it (a mine's parent; a county's city; a city's province);
 * - division: the supervision division covering its region (the national line);
 * - issuer: the province orgs that issued the campaign;
 * none (an empty list) means the deliverable is kept as a record.
 */
export const ZRecipientRule = z.enum(['supervisor', 'division', 'issuer']);
export type RecipientRule = z.infer<typeof ZRecipientRule>;

export const ZDuty = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,59}$/),
  task: z.string().min(1).max(10),
  title: z.string().min(1).max(200),
  owedBy: z.array(ZOwedByKind).min(1),
  cadence: z.enum(['once', 'monthly', 'quarterly', 'half_yearly', 'per_event', 'continuous']),
  dueDate: ZDateOnly.optional(),
  minFirstPeriodDays: z.number().int().min(0).max(31).optional(),
  formKey: z.string().nullable(),
  recipients: z.array(ZRecipientRule),
  /** Only orgs whose region starts with this prefix owe it (a city's additions when forwarding). */
  regionPrefix: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** The document that adds this duty, when it is not the plan itself (a forwarding notice). */
  addedBy: z.string().max(60).optional(),
  /** Where the duty comes from: the document and paragraph. */
  source: z.string().min(1).max(300),
  note: z.string().max(500).optional(),
});
export type Duty = z.infer<typeof ZDuty>;

export const ZPlan = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{3,40}$/),
    version: z.number().int().min(1),
    title: z.string().min(1).max(200),
    documentNumber: z.string().max(60),
    startsOn: ZDateOnly,
    endsOn: ZDateOnly,
    sections: z
      .array(z.object({ code: z.string().min(1).max(10), title: z.string().min(1).max(100) }))
      .min(1),
    tasks: z
      .array(
        z.object({
          no: z.string().min(1).max(10),
          section: z.string().min(1).max(10),
          title: z.string().min(1).max(100),
          summary: z.string().max(1000),
          paragraph: z.string().min(1).max(60),
        }),
      )
      .min(1),
    duties: z.array(ZDuty).min(1),
    forms: z.array(ZFormDefinition),
  })
  .superRefine((plan, ctx) => {
    if (plan.endsOn < plan.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
    const tasks = new Set(plan.tasks.map((t) => t.no));
    const forms = new Set(plan.forms.map((f) => f.key));
    const sections = new Set(plan.sections.map((s) => s.code));
    plan.tasks.forEach((t, i) => {
      if (!sections.has(t.section))
        ctx.addIssue({
          code: 'custom',
          path: ['tasks', i, 'section'],
          message: `没有这一部分：${t.section}`,
        });
    });
    const keys = new Set<string>();
    plan.duties.forEach((d, i) => {
      if (keys.has(d.key))
        ctx.addIssue({ code: 'custom', path: ['duties', i, 'key'], message: `职责标识重复：${d.key}` });
      keys.add(d.key);
      if (!tasks.has(d.task))
        ctx.addIssue({ code: 'custom', path: ['duties', i, 'task'], message: `没有这项任务：${d.task}` });
      if (d.formKey && !forms.has(d.formKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['duties', i, 'formKey'],
          message: `没有这个表单：${d.formKey}`,
        });
      }
      const hasDeliverable = d.cadence !== 'continuous' && d.cadence !== 'per_event';
      if (hasDeliverable && !d.formKey) {
        ctx.addIssue({
          code: 'custom',
          path: ['duties', i, 'formKey'],
          message: '有期限的职责须指定交付表单',
        });
      }
      if (d.dueDate && (d.dueDate < plan.startsOn || d.dueDate > plan.endsOn)) {
        ctx.addIssue({ code: 'custom', path: ['duties', i, 'dueDate'], message: '期限须在活动时间内' });
      }
    });
  });
export type Plan = z.infer<typeof ZPlan>;
