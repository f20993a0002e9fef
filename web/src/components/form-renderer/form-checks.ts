import { type FormDefinition, type FormProblem, type FormValues, validateForm } from '@tiegui/domain';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { ApiError } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';

/**
 * The client side of the shared validator: instant messages at the fields from the same
 * `validateForm` the server runs. The server stays the authority; its 400 lands the same way.
 */

/** A rule for the field at a dotted form path: runs the draft check and keeps the problems of that path. */
export function pathRule(definition: FormDefinition, path: string): Rule {
  return (form) => ({
    validator: async () => {
      const { problems } = validateForm(definition, form.getFieldsValue(true), { draft: true });
      const mine = problems.find((p) => p.field === path);
      if (mine) throw new Error(mine.message);
    },
  });
}

/** Removes every message the form shows, before a new round of checks. */
export function clearFormErrors(form: FormInstance): void {
  const shown = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (shown.length > 0) form.setFields(shown.map((f) => ({ name: f.name, errors: [] })));
}

/** Puts problems at their fields (the nearest registered one); returns those that found no field. */
export function showProblems(form: FormInstance, problems: FormProblem[]): string[] {
  clearFormErrors(form);
  if (problems.length === 0) return [];
  return applyServerErrors(form, new ApiError(400, 'VALIDATION', problems[0]?.message ?? '', problems));
}

/** Puts a failed request's field errors on the form; returns the messages to show elsewhere. */
export function showServerErrors(form: FormInstance, error: unknown): string[] {
  clearFormErrors(form);
  return applyServerErrors(form, error);
}

/**
 * Checks what the form holds with the shared validator (draft: only malformed values count) and
 * shows the problems at once. Returns the raw values to send: the server cleans them itself.
 */
export function checkForm(
  form: FormInstance,
  definition: FormDefinition,
  options: { draft?: boolean } = {},
): { values: FormValues; problems: FormProblem[]; unplaced: string[] } {
  const values = form.getFieldsValue(true) as FormValues;
  const { problems } = validateForm(definition, values, options);
  return { values, problems, unplaced: showProblems(form, problems) };
}

/** Initial values: what was saved, plus the empty rows a rows field needs at least. */
export function initialValuesFor(definition: FormDefinition, saved: FormValues | undefined): FormValues {
  const values: FormValues = { ...(saved ?? {}) };
  for (const field of definition.fields) {
    if (field.type === 'rows' && values[field.key] === undefined && field.minRows > 0) {
      values[field.key] = Array.from({ length: field.minRows }, () => ({}));
    }
  }
  return values;
}
