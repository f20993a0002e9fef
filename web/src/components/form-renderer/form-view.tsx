import {
  CHECKLIST_RESULTS,
  type ChecklistResult,
  type FileRef,
  type FormDefinition,
  type FormField,
  type FormValues,
  type LeafField,
  ownField,
  ownValue,
} from '@tiegui/domain';
import { Descriptions, Grid, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fileUrl } from './attachments-input';
import './form-renderer.css';

const RESULT_COLORS: Record<ChecklistResult, string> = { ok: 'green', problem: 'red', na: 'default' };

const blank = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function leafText(field: LeafField, value: unknown): ReactNode {
  if (blank(value)) return '—';
  switch (field.type) {
    case 'text':
    case 'date':
      return String(value);
    case 'textarea':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
    case 'number':
      return field.unit ? `${String(value)} ${field.unit}` : String(value);
    case 'money':
      return `${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
    case 'single':
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case 'multi':
      return (value as string[]).map((v) => field.options.find((o) => o.value === v)?.label ?? v).join('、');
    case 'attachments':
      return (
        <span style={{ display: 'flex', flexDirection: 'column' }}>
          {(value as FileRef[]).map((f) => (
            <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          ))}
        </span>
      );
  }
}

function fieldText(field: FormField, value: unknown): ReactNode {
  if (field.type === 'checklist') {
    return (
      <ol className="tg-checklist">
        {field.items.map((item) => {
          // Stored values are read by own key: a value such as "__proto__" shows as the text it is.
          const entry = ownField(value, item.key);
          const result = ownField(entry, 'result');
          const note = ownField(entry, 'note');
          return (
            <li key={item.key} className="tg-checklist-item">
              <div>{item.label}</div>
              {typeof result === 'string' && result !== '' ? (
                <Tag color={ownValue(RESULT_COLORS, result)}>
                  {ownValue(CHECKLIST_RESULTS, result) ?? result}
                </Tag>
              ) : (
                <Tag>未填</Tag>
              )}
              {typeof note === 'string' && note !== '' && (
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{note}</Typography.Text>
              )}
            </li>
          );
        })}
      </ol>
    );
  }
  if (field.type === 'group') {
    const given = (value ?? {}) as FormValues;
    if (field.fields.every((sub) => blank(given[sub.key]))) return '—';
    return (
      <span style={{ display: 'flex', flexDirection: 'column' }}>
        {field.fields
          .filter((sub) => !blank(given[sub.key]))
          .map((sub) => (
            <span key={sub.key}>
              {sub.label}：{leafText(sub, given[sub.key])}
            </span>
          ))}
      </span>
    );
  }
  if (field.type === 'rows') {
    const rows = Array.isArray(value) ? (value as FormValues[]) : [];
    if (rows.length === 0) return '—';
    return (
      <Table<FormValues & { _i: number }>
        size="small"
        rowKey="_i"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows.map((row, i) => ({ ...row, _i: i + 1 }))}
        columns={[
          { title: '序号', dataIndex: '_i', width: 56 },
          ...field.fields.map((sub) => ({
            title: sub.label,
            key: sub.key,
            render: (_: unknown, row: FormValues) => leafText(sub, row[sub.key]),
          })),
        ]}
      />
    );
  }
  return leafText(field, value);
}

/** A submitted version, read-only: every field of the form with what was filled in. */
export function FormView({ definition, values }: { definition: FormDefinition; values: FormValues }) {
  const screens = Grid.useBreakpoint();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      layout={screens.md === false ? 'vertical' : 'horizontal'}
      styles={{ label: { width: 180 } }}
      items={definition.fields.map((field) => ({
        key: field.key,
        label: field.label,
        children: fieldText(field, values[field.key]),
      }))}
    />
  );
}
