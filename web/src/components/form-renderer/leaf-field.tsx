import type { FormDefinition, LeafField } from '@tiegui/domain';
import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { AttachmentsInput } from './attachments-input';
import { pathRule } from './form-checks';

type NamePath = (string | number)[];

/** Radio buttons while the choices fit on a phone; a select beyond that. */
const MAX_RADIO_OPTIONS = 4;

function control(field: LeafField, label: string): ReactNode {
  switch (field.type) {
    case 'text':
      return <Input maxLength={field.maxLength} showCount={field.maxLength > 100} aria-label={label} />;
    case 'textarea':
      return (
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={field.maxLength}
          showCount
          aria-label={label}
        />
      );
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%', maxWidth: 240 }}
          suffix={field.unit}
          aria-label={label}
          step={field.integer ? 1 : undefined}
        />
      );
    case 'money':
      return (
        <InputNumber
          style={{ width: '100%', maxWidth: 240 }}
          min={0}
          precision={2}
          addonAfter="元"
          aria-label={label}
        />
      );
    case 'date':
      return <DatePicker style={{ width: '100%', maxWidth: 240 }} aria-label={label} />;
    case 'single':
      return field.options.length <= MAX_RADIO_OPTIONS && !field.dropdown ? (
        <Radio.Group options={field.options} aria-label={label} />
      ) : (
        <Select options={field.options} allowClear placeholder="请选择" aria-label={label} />
      );
    case 'multi':
      return <Checkbox.Group options={field.options} aria-label={label} />;
    case 'attachments':
      return <AttachmentsInput maxFiles={field.maxFiles} />;
  }
}

/** Dates travel as 'YYYY-MM-DD' strings; the picker works with dayjs. */
const dateProps = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value !== '' ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

type Props = {
  definition: FormDefinition;
  field: LeafField;
  /** The antd name (relative inside a Form.List). */
  name: NamePath;
  /** The dotted form path the validator and the server use, e.g. `rectifications.0.dueOn`. */
  path: string;
  /** Hide the label (a rows cell, whose column header names it). */
  bare?: boolean;
  /** Whether to mark the field required; the field's own flag by default (not inside an optional group). */
  required?: boolean;
};

/** One leaf field as an antd Form.Item, checked by the shared validator as it changes. */
export function LeafFormItem({ definition, field, name, path, bare, required = field.required }: Props) {
  return (
    <Form.Item
      name={name}
      label={bare ? undefined : field.label}
      required={required}
      extra={bare ? undefined : field.help}
      rules={[pathRule(definition, path)]}
      style={bare ? { marginBottom: 0 } : undefined}
      {...(field.type === 'date' ? dateProps : {})}
    >
      {control(field, field.label)}
    </Form.Item>
  );
}

type ItemsProps = {
  definition: FormDefinition;
  fields: LeafField[];
  /** The antd name the fields sit under (a row's index inside a Form.List, a group's key). */
  name: NamePath;
  /** The dotted form path they sit under: `rectifications.0`, `finderReward`. */
  path: string;
  bare?: boolean;
  /** Whether to mark each field required (its own flag by default). */
  required?: (field: LeafField) => boolean;
};

/** The leaf fields of one row or group, each named and checked at its own path. */
export function LeafFormItems({ definition, fields, name, path, bare, required }: ItemsProps) {
  return fields.map((sub) => (
    <LeafFormItem
      key={sub.key}
      definition={definition}
      field={sub}
      name={[...name, sub.key]}
      path={`${path}.${sub.key}`}
      bare={bare}
      required={required ? required(sub) : sub.required}
    />
  ));
}
