import { GAS_GRADES, HYDRO_TYPES, MINE_CATEGORIES, MINE_STATUSES, MINE_TYPES } from '@tiegui/domain';
import { AutoComplete, Button, Col, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import { optionsOf, REGION_OPTIONS } from '../../lib/labels';
import type { MineFilters } from './mine-api';
import { useFormOptions } from './mine-api';

type Props = { value: MineFilters; onChange: (next: MineFilters) => void };

const ACTIVE_OPTIONS = [
  { value: 'true', label: '在用' },
  { value: 'false', label: '已停用' },
];

const REGION_FILTER = /^\d{2,6}$/;

/** The list's filter bar; text boxes apply on Enter or 查询, selects apply at once. */
export function MineFiltersBar({ value, onChange }: Props) {
  const [form] = Form.useForm<MineFilters>();
  const options = useFormOptions();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);

  const apply = async () => {
    try {
      const values = await form.validateFields();
      onChange(values);
    } catch {
      // the invalid field shows its own message
    }
  };

  const select = (name: keyof MineFilters, placeholder: string, labels: Record<string, string>) => (
    <Col xs={12} sm={8} md={6} lg={4}>
      <Form.Item name={name}>
        <Select allowClear placeholder={placeholder} options={optionsOf(labels)} />
      </Form.Item>
    </Col>
  );

  return (
    <Form
      form={form}
      className="tg-filters"
      onValuesChange={(changed) => {
        if (!('q' in changed) && !('regionCode' in changed)) void apply();
      }}
      onFinish={() => void apply()}
    >
      <Row gutter={8}>
        <Col xs={24} sm={16} md={12} lg={8}>
          <Form.Item name="q">
            <Input.Search
              allowClear
              placeholder="名称或统一社会信用代码"
              onSearch={() => void apply()}
              enterButton={false}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} md={6} lg={4}>
          <Form.Item
            name="regionCode"
            rules={[{ pattern: REGION_FILTER, message: '行政区划代码应为2至6位数字' }]}
          >
            <AutoComplete
              allowClear
              placeholder="行政区划代码"
              options={REGION_OPTIONS}
              filterOption={(input, option) => !!option?.label.includes(input.trim())}
              onSelect={() => void apply()}
              onClear={() => void apply()}
            />
          </Form.Item>
        </Col>
        {select('category', '矿山类别', MINE_CATEGORIES)}
        {select('mineType', '矿山类型', MINE_TYPES)}
        {select('status', '生产状态', MINE_STATUSES)}
        {select('gasGrade', '瓦斯等级', GAS_GRADES)}
        {select('hydroType', '水文地质类型', HYDRO_TYPES)}
        <Col xs={12} sm={8} md={6} lg={4}>
          <Form.Item name="groupOrgId">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="上级公司"
              loading={options.isPending}
              options={(options.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} md={6} lg={4}>
          <Form.Item name="active">
            <Select allowClear placeholder="启用状态（默认在用）" options={ACTIVE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8} md={6} lg={4}>
          <Form.Item>
            <Button htmlType="submit" type="primary">
              查询
            </Button>
            <Button style={{ marginInlineStart: 8 }} onClick={() => onChange({})}>
              重置
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
