import { z } from 'zod';

/** Four-digit year, month 01–12, day 01–31: the shape; whether the day exists is checked apart. */
const DATE_SHAPE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const DATE_FORMAT_MESSAGE = '日期格式应为YYYY-MM-DD';
export const DATE_INVALID_MESSAGE = '日期无效';

/** What is wrong with a 'YYYY-MM-DD' date, or null when the calendar has that day (2024-02-29 yes, 2023-02-29 no). */
export function dateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value)) return DATE_FORMAT_MESSAGE;
  // Date.parse rolls 2024-02-30 over to March 1st; the round trip shows it.
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value ? null : DATE_INVALID_MESSAGE;
}

/**
 * The one date field of every schema: a Shanghai calendar date 'YYYY-MM-DD' that exists. One issue
 * per value, so a 400 names the field once.
 */
export const ZDateOnly = z.string().superRefine((value, ctx) => {
  const problem = dateProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
