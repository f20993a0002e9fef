import { isOwnKey, ownField } from '../rules/own-key';
import { dateProblem } from '../schemas/date';
import { FILE_NAME_MAX_LENGTH } from '../schemas/notice';
import {
  CHECKLIST_RESULTS,
  type FileRef,
  type FormDefinition,
  type FormField,
  type FormValues,
  type LeafField,
} from './definition';

export interface FormProblem {
  /** Dotted path: 'summary', 'items.0.note', 'checks.item3.note'. */
  field: string;
  message: string;
}

/** A problem, and whether it is only something missing (allowed in a draft). */
type Found = FormProblem & { missing?: boolean };

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

function checkLeaf(field: LeafField, value: unknown, path: string, problems: Found[]): unknown {
  const fail = (message: string) => {
    problems.push({ field: path, message: `${field.label}：${message}` });
    return undefined;
  };
  if (isBlank(value)) {
    if (field.required) problems.push({ field: path, message: `${field.label}：必填`, missing: true });
    return undefined;
  }
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return fail('应为文字');
      const text = value.trim();
      if (text.length > field.maxLength) return fail(`不能超过${field.maxLength}个字`);
      return text;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) return fail('应为数字');
      if (field.integer && !Number.isInteger(n)) return fail('应为整数');
      if (field.min !== undefined && n < field.min) return fail(`不能小于${field.min}`);
      if (field.max !== undefined && n > field.max) return fail(`不能大于${field.max}`);
      return n;
    }
    case 'money': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) return fail('应为金额');
      if (n < 0) return fail('金额不能为负数');
      if (field.max !== undefined && n > field.max) return fail('金额过大');
      // Cents in binary floating point are never exact: compare within a millionth of a cent.
      if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) return fail('金额最多保留两位小数');
      return n;
    }
    case 'date': {
      const problem = dateProblem(value);
      return problem ? fail(problem) : value;
    }
    case 'single':
      if (typeof value !== 'string' || !field.options.some((o) => o.value === value))
        return fail('请从选项中选择');
      return value;
    case 'multi': {
      if (
        !Array.isArray(value) ||
        !value.every((v) => typeof v === 'string' && field.options.some((o) => o.value === v))
      ) {
        return fail('请从选项中选择');
      }
      return [...new Set(value as string[])];
    }
    case 'attachments': {
      if (!Array.isArray(value)) return fail('附件格式不正确');
      const files = value as FileRef[];
      if (
        !files.every((f) => f && typeof f.id === 'string' && f.id.length <= 64 && typeof f.name === 'string')
      )
        return fail('附件格式不正确');
      if (files.length > field.maxFiles) return fail(`最多${field.maxFiles}个附件`);
      if (files.some((f) => f.name.length > FILE_NAME_MAX_LENGTH))
        return fail(`附件名称不能超过${FILE_NAME_MAX_LENGTH}个字`);
      return files.map((f) => ({ id: f.id, name: f.name }));
    }
  }
}

function checkField(field: FormField, value: unknown, problems: Found[]): unknown {
  const path = field.key;
  if (field.type === 'checklist') {
    const out: Record<string, { result: string; note: string }> = {};
    for (const item of field.items) {
      const entry = ownField(value, item.key);
      const result = ownField(entry, 'result');
      const given = ownField(entry, 'note');
      // A note that is not text is refused, not dropped: what the user wrote must not vanish.
      if (given !== undefined && given !== null && typeof given !== 'string') {
        problems.push({ field: `${path}.${item.key}.note`, message: `${item.label}：说明格式不正确` });
        continue;
      }
      const note = typeof given === 'string' ? given.trim() : '';
      if (isBlank(result)) {
        if (field.required) {
          problems.push({
            field: `${path}.${item.key}.result`,
            message: `${item.label}：请选择检视结果`,
            missing: true,
          });
        }
        continue;
      }
      // Only the table's own keys: `in` would also accept '__proto__' and 'constructor'.
      if (typeof result !== 'string' || !isOwnKey(CHECKLIST_RESULTS, result)) {
        problems.push({ field: `${path}.${item.key}.result`, message: `${item.label}：检视结果不正确` });
        continue;
      }
      if (result === 'problem' && note === '') {
        problems.push({
          field: `${path}.${item.key}.note`,
          message: `${item.label}：存在问题时须说明问题及整改措施`,
        });
      }
      if (note.length > 2000)
        problems.push({ field: `${path}.${item.key}.note`, message: `${item.label}：说明不能超过2000字` });
      out[item.key] = { result, note };
    }
    return out;
  }
  if (field.type === 'rows') {
    const rows = Array.isArray(value) ? (value as FormValues[]) : [];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      problems.push({ field: path, message: `${field.label}：格式不正确` });
      return [];
    }
    if (rows.length < Math.max(field.minRows, field.required ? 1 : 0)) {
      problems.push({
        field: path,
        message: `${field.label}：至少填写${Math.max(field.minRows, 1)}行`,
        missing: true,
      });
    }
    if (rows.length > field.maxRows)
      problems.push({ field: path, message: `${field.label}：最多${field.maxRows}行` });
    return rows.slice(0, field.maxRows).map((row, i) => {
      const out: FormValues = {};
      // A row is its cells by key: a list or a text in its place is not an empty row.
      if (row !== null && row !== undefined && (typeof row !== 'object' || Array.isArray(row))) {
        problems.push({ field: `${path}.${i}`, message: `${field.label}第${i + 1}行：格式不正确` });
        return out;
      }
      for (const sub of field.fields) {
        const v = checkLeaf(
          { ...sub, label: `${field.label}第${i + 1}行 ${sub.label}` },
          ownField(row, sub.key),
          `${path}.${i}.${sub.key}`,
          problems,
        );
        if (v !== undefined) out[sub.key] = v;
      }
      return out;
    });
  }
  if (field.type === 'group') return checkGroup(field, value, problems);
  return checkLeaf(field, value, path, problems);
}

function checkGroup(
  field: Extract<FormField, { type: 'group' }>,
  value: unknown,
  problems: Found[],
): unknown {
  const path = field.key;
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    problems.push({ field: path, message: `${field.label}：格式不正确` });
    return undefined;
  }
  if (field.fields.every((sub) => isBlank(ownField(value, sub.key)))) {
    if (field.required) problems.push({ field: path, message: `${field.label}：必填`, missing: true });
    return undefined;
  }
  // Something is filled in: the group is meant, so its own required fields are due.
  const out: FormValues = {};
  for (const sub of field.fields) {
    const v = checkLeaf(
      { ...sub, label: `${field.label} ${sub.label}` },
      ownField(value, sub.key),
      `${path}.${sub.key}`,
      problems,
    );
    if (v !== undefined) out[sub.key] = v;
  }
  return out;
}

/**
 * Validates values against a form. With `draft`, required fields may be empty (a draft is saved
 * as it is) but what is filled must still be well-formed. Returns the cleaned values: unknown
 * keys dropped, text trimmed.
 */
export function validateForm(
  form: FormDefinition,
  values: unknown,
  options: { draft?: boolean } = {},
): { values: FormValues; problems: Found[] } {
  const given = Array.isArray(values) ? undefined : values;
  const problems: Found[] = [];
  const out: FormValues = {};
  for (const field of form.fields) {
    const v = checkField(field, ownField(given, field.key), problems);
    if (v !== undefined) out[field.key] = v;
  }
  const kept = options.draft ? problems.filter((p) => !p.missing) : problems;
  return { values: out, problems: kept.map(({ field, message }) => ({ field, message })) };
}

/** Every file a form's (cleaned) values reference, with the path of the field that holds it. */
export function fileRefsOf(form: FormDefinition, values: FormValues): { path: string; id: string }[] {
  const refs: { path: string; id: string }[] = [];
  for (const field of form.fields) {
    if (field.type === 'attachments') {
      for (const [i, f] of ((values[field.key] as FileRef[] | undefined) ?? []).entries()) {
        refs.push({ path: `${field.key}.${i}`, id: f.id });
      }
    }
    if (field.type === 'group') {
      const group = (values[field.key] as FormValues | undefined) ?? {};
      for (const sub of field.fields.filter((f) => f.type === 'attachments')) {
        for (const [i, f] of ((group[sub.key] as FileRef[] | undefined) ?? []).entries()) {
          refs.push({ path: `${field.key}.${sub.key}.${i}`, id: f.id });
        }
      }
    }
    if (field.type === 'rows') {
      for (const [r, row] of ((values[field.key] as FormValues[] | undefined) ?? []).entries()) {
        for (const sub of field.fields.filter((f) => f.type === 'attachments')) {
          for (const [i, f] of ((row[sub.key] as FileRef[] | undefined) ?? []).entries()) {
            refs.push({ path: `${field.key}.${r}.${sub.key}.${i}`, id: f.id });
          }
        }
      }
    }
  }
  return refs;
}
