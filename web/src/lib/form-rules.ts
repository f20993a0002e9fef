import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** An antd rule that checks a non-blank value with a domain zod schema and shows its message. */
export function schemaRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (isBlank(value)) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** An antd rule from a pure domain check that returns a message or null. */
export function problemRule(problem: (value: string) => string | null): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const message = problem(value);
      if (message) throw new Error(message);
    },
  };
}

export function requiredRule(message: string): Rule {
  return { required: true, whitespace: true, message };
}

export { isBlank };

/**
 * Client rules give instant feedback, but only a blank required field stops the request: every other
 * judgement is the server's, and its field errors are put on the fields.
 */
export function hasAllRequired<T extends object>(values: T, required: readonly (keyof T)[]): boolean {
  return required.every(
    (key) => !isBlank(values[key]) && !(Array.isArray(values[key]) && values[key].length === 0),
  );
}
