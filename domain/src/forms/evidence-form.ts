import { z } from 'zod';
import { ownValue } from '../rules/own-key';
import { ZDateOnly } from '../schemas/date';
import { ZHazardFileRef, ZYuan } from '../schemas/hazard-fields';
import { FIELD_LABELS } from '../schemas/labels';
import type { FormDefinition, FormField, LeafField } from './definition';

/**
 * A workflow action's evidence (its zod schema) as a form definition the one web renderer shows,
 * read from the schema's public JSON Schema (`z.toJSONSchema`), so nothing outside zod has to know
 * how zod stores a schema. The server stays the judge of a body: this only says what to ask for.
 */

type Json = z.core.JSONSchema.JSONSchema;
type Options = Extract<LeafField, { type: 'single' }>['options'];

export interface EvidenceFormOptions {
  /** The action's key: the form's key. */
  key: string;
  /** The action's label: the form's title. */
  title: string;
  /** Chinese labels of fields the shared table (FIELD_LABELS) does not name, by field key. */
  labels?: Readonly<Record<string, string>>;
  /** The Chinese label of each value of an enumeration, by the field's key. */
  options?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Headings that start a part of the form, by the key of the part's first field. */
  sections?: Readonly<Record<string, string>>;
  /** A line under a field saying what to write, by the field's key. */
  help?: Readonly<Record<string, string>>;
}

/** The shared field types whose JSON Schema alone does not say which input they need. */
const FORMATS = new Map<z.core.$ZodType, 'date' | 'yuan' | 'file'>([
  [ZDateOnly, 'date'],
  [ZYuan, 'yuan'],
  [ZHazardFileRef, 'file'],
]);

/** Longer text than this is written in a box of several lines. */
const ONE_LINE_MAX = 200;

const isSchema = (s: unknown): s is Json => typeof s === 'object' && s !== null && !Array.isArray(s);

/** A nullable schema is `anyOf: [schema, {type: 'null'}]`; the form only knows blank or filled. */
function withoutNull(s: Json): Json {
  const branches = (s.anyOf ?? []).filter((b) => b.type !== 'null');
  return s.anyOf && branches.length === 1 && branches[0] ? branches[0] : s;
}

class Describer {
  constructor(private readonly o: EvidenceFormOptions) {}

  label(key: string): string {
    return ownValue(this.o.labels ?? {}, key) ?? ownValue(FIELD_LABELS, key) ?? key;
  }

  help(key: string): { help?: string } {
    const help = this.o.help?.[key];
    return help ? { help } : {};
  }

  options(key: string, values: Json['enum']): Options {
    const labels = ownValue(this.o.options ?? {}, key) ?? {};
    return (values ?? []).map((v) => ({ value: String(v), label: ownValue(labels, String(v)) ?? String(v) }));
  }

  leaf(key: string, raw: Json, required: boolean): LeafField {
    const s = withoutNull(raw);
    const base = { key, label: this.label(key), required, ...this.help(key) };
    switch (s.format) {
      case 'date':
        return { ...base, type: 'date' };
      case 'yuan':
        return { ...base, type: 'money', max: s.maximum };
    }
    if (s.enum) return { ...base, type: 'single', options: this.options(key, s.enum), dropdown: true };
    if (s.type === 'array' && isSchema(s.items)) {
      const items = s.items;
      if (items.format === 'file') {
        // A list that may be empty is never a required field, whatever the key says.
        const needed = required && (s.minItems ?? 0) > 0;
        return { ...base, required: needed, type: 'attachments', maxFiles: s.maxItems ?? 10 };
      }
      if (items.enum) return { ...base, type: 'multi', options: this.options(key, items.enum) };
    }
    if (s.type === 'number' || s.type === 'integer') {
      return { ...base, type: 'number', min: s.minimum, max: s.maximum, integer: s.type === 'integer' };
    }
    if (s.type === 'string') {
      const max = s.maxLength;
      return max !== undefined && max <= ONE_LINE_MAX
        ? { ...base, type: 'text', maxLength: max }
        : { ...base, type: 'textarea', maxLength: max ?? 5000 };
    }
    throw new Error(`${this.o.key}.${key}: evidence of this type has no form field`);
  }

  field(key: string, raw: Json, required: boolean): FormField {
    const s = withoutNull(raw);
    const section = ownValue(this.o.sections ?? {}, key);
    const extra = section ? { section } : {};
    if (s.type === 'object' && s.properties) {
      const inner = new Set(s.required ?? []);
      const fields = Object.entries(s.properties).map(([k, v]) => {
        if (!isSchema(v)) throw new Error(`${this.o.key}.${key}.${k}: no schema`);
        return this.leaf(k, v, inner.has(k));
      });
      return { key, label: this.label(key), required, type: 'group', fields, ...extra, ...this.help(key) };
    }
    return { ...this.leaf(key, s, required), ...extra };
  }
}

/**
 * The evidence of an action as a form: one field per property of the (strict object) schema, its
 * Chinese label, whether it is required, enumerations with their labels, dates, money in 元, file
 * lists, and optional sub-records as groups sent only when filled in. Throws for a property no
 * form field can stand for (a free-form record): such an action brings a form of its own.
 */
export function evidenceForm(schema: z.ZodType, o: EvidenceFormOptions): FormDefinition {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      const format = FORMATS.get(zodSchema);
      if (format) jsonSchema.format = format;
    },
  });
  const required = new Set(json.required ?? []);
  const describe = new Describer(o);
  const fields = Object.entries(json.properties ?? {}).map(([key, s]) => {
    if (!isSchema(s)) throw new Error(`${o.key}.${key}: no schema`);
    return describe.field(key, s, required.has(key));
  });
  return { key: o.key, title: o.title, version: 1, fields };
}
