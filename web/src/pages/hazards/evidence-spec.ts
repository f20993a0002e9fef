import {
  EVALUATOR_KINDS,
  fieldLabel,
  PRODUCTION_STOPS,
  ROOT_CAUSE_CATEGORIES,
  ZDateOnly,
  ZYuan,
} from '@tiegui/domain';
import type { z } from 'zod';

/** One input of an action's evidence, read off the action's zod schema in the workflow table. */
export type FieldSpec = {
  name: string[];
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'yuan' | 'enum' | 'files';
  required: boolean;
  options?: { value: string; label: string }[];
  max?: number;
};
/** An optional sub-record (the reward for the finder, the penalty): sent only when filled in. */
export type GroupSpec = { group: string; label: string; fields: FieldSpec[] };
export type EvidenceSpec = (FieldSpec | GroupSpec)[];

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

const ENUM_LABELS: Record<string, Readonly<Record<string, string>>> = {
  evaluatorKind: EVALUATOR_KINDS,
  rootCauseCategory: ROOT_CAUSE_CATEGORIES,
  scope: PRODUCTION_STOPS,
};

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (['optional', 'nullable', 'default'].includes(defOf(inner).type)) {
    optional = true;
    inner = defOf(inner).innerType as z.ZodType;
  }
  return { inner, optional };
}

function fieldOf(path: string[], schema: z.ZodType): FieldSpec {
  const { inner, optional } = unwrap(schema);
  const key = path[path.length - 1] ?? '';
  const base = { name: path, label: fieldLabel(path), required: !optional };
  if (inner === ZDateOnly) return { ...base, kind: 'date' };
  if (inner === ZYuan) return { ...base, kind: 'yuan' };
  const type = defOf(inner).type;
  if (type === 'array') return { ...base, kind: 'files' };
  if (type === 'enum') {
    const values = (inner as unknown as { options: string[] }).options;
    const labels = ENUM_LABELS[key] ?? {};
    return { ...base, kind: 'enum', options: values.map((v) => ({ value: v, label: labels[v] ?? v })) };
  }
  const max = (inner as unknown as { maxLength?: number | null }).maxLength ?? undefined;
  return { ...base, kind: max !== undefined && max > 200 ? 'textarea' : 'text', max };
}

/** The inputs of an evidence schema (a strict object of text, dates, yuan, enums, file lists). */
export function evidenceSpec(schema: z.ZodType): EvidenceSpec {
  const shape = defOf(schema).shape ?? {};
  return Object.entries(shape).map(([key, value]) => {
    const { inner } = unwrap(value);
    const innerShape = defOf(inner).type === 'object' ? defOf(inner).shape : undefined;
    if (innerShape) {
      return {
        group: key,
        label: fieldLabel([key]),
        fields: Object.entries(innerShape).map(([k, v]) => fieldOf([key, k], v)),
      };
    }
    return fieldOf([key], value);
  });
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function evidenceValue(field: FieldSpec, raw: unknown): unknown {
  if (blank(raw)) return undefined;
  if (field.kind === 'date') return (raw as { format(p: string): string }).format('YYYY-MM-DD');
  if (typeof raw === 'string') return raw.trim();
  return raw;
}

/** Form values → the evidence body: blanks left out, dates as YYYY-MM-DD, empty groups left out. */
export function evidenceBody(spec: EvidenceSpec, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const entry of spec) {
    if ('group' in entry) {
      const raw = (values[entry.group] ?? {}) as Record<string, unknown>;
      const sub: Record<string, unknown> = {};
      for (const f of entry.fields) {
        const v = evidenceValue(f, raw[f.name[1] ?? '']);
        if (v !== undefined) sub[f.name[1] ?? ''] = v;
      }
      if (Object.keys(sub).length > 0) body[entry.group] = sub;
      continue;
    }
    const v = evidenceValue(entry, values[entry.name[0] ?? '']);
    if (v !== undefined) body[entry.name[0] ?? ''] = v;
  }
  return body;
}
