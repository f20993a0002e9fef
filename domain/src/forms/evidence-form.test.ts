import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZDateOnly } from '../schemas/date';
import { evidenceForm } from './evidence-form';

const form = (shape: z.ZodRawShape, labels: Record<string, string> = {}) =>
  evidenceForm(z.strictObject(shape), { key: 'check', title: '检查', labels });

describe('evidenceForm', () => {
  it('numbers keep their bounds; whole numbers say so', () => {
    expect(form({ count: z.number().int().min(0).max(99) }, { count: '人数' }).fields).toEqual([
      { key: 'count', label: '人数', required: true, type: 'number', min: 0, max: 99, integer: true },
    ]);
  });

  it('a list of choices is a multiple choice, labelled by the options given', () => {
    const f = evidenceForm(z.strictObject({ kinds: z.array(z.enum(['a', 'b'])).optional() }), {
      key: 'check',
      title: '检查',
      options: { kinds: { a: '甲', b: '乙' } },
    });
    expect(f.fields).toEqual([
      {
        key: 'kinds',
        label: '接收范围',
        required: false,
        type: 'multi',
        options: [
          { value: 'a', label: '甲' },
          { value: 'b', label: '乙' },
        ],
      },
    ]);
  });

  it('a date with a default is still a date, not required', () => {
    expect(form({ foundOn: ZDateOnly.default('2024-09-30') }).fields).toEqual([
      { key: 'foundOn', label: '排查发现日期', required: false, type: 'date' },
    ]);
  });

  it('refuses what no field can stand for, naming the action and the field', () => {
    expect(() => form({ values: z.record(z.string(), z.unknown()) })).toThrow('check.values');
    expect(() => form({ outer: z.strictObject({ inner: z.strictObject({ x: z.string() }) }) })).toThrow(
      'check.inner',
    );
    expect(() => form({ yes: z.boolean() })).toThrow('check.yes');
  });
});
