import { AUDIT_ACTIONS } from '@tiegui/domain';
import { AutoComplete, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { optionsOf } from '../../lib/labels';
import { shanghaiIso } from '../../lib/time';

export type AuditFilters = {
  action?: string;
  actor?: string;
  entityType?: string;
  from?: string;
  to?: string;
};

type FormValues = {
  action?: string;
  actor?: string;
  entityType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

const ENTITY_TYPES = [
  { value: 'mine', label: 'mine 矿山' },
  { value: 'user', label: 'user 用户' },
  { value: 'org', label: 'org 单位' },
];

function toFilters(values: FormValues): AuditFilters {
  const [from, to] = values.range ?? [];
  return {
    action: values.action || undefined,
    actor: values.actor?.trim() || undefined,
    entityType: values.entityType?.trim() || undefined,
    from: from ? shanghaiIso(from) : undefined,
    to: to ? shanghaiIso(to) : undefined,
  };
}

/** Times are picked as Beijing time whatever the browser's zone. */
export function AuditFiltersBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const [form] = Form.useForm<FormValues>();
  return (
    <Form
      form={form}
      name="auditFilter"
      layout="inline"
      className="tg-filters tg-toolbar"
      onFinish={(values) => onChange(toFilters(values))}
    >
      <Form.Item name="action">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="操作"
          style={{ width: 170 }}
          options={optionsOf(AUDIT_ACTIONS)}
        />
      </Form.Item>
      <Form.Item name="actor">
        <Input allowClear placeholder="操作人用户名" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="entityType">
        <AutoComplete allowClear placeholder="对象类型" style={{ width: 140 }} options={ENTITY_TYPES} />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          placeholder={['开始时间', '结束时间']}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button
          style={{ marginInlineStart: 8 }}
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
