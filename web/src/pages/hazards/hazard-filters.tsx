import { HAZARD_SOURCES, HAZARD_STATES } from '@tiegui/domain';
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { optionsOf, REGION_OPTIONS } from '../../lib/labels';
import { HAZARD_SORT_LABELS, type HazardFilters, sortOf, useAllStandards } from './hazard-api';
import { LEVEL_SHORT } from './hazard-labels';

type Props = { value: HazardFilters; onChange: (next: HazardFilters) => void };
type Values = Omit<HazardFilters, 'foundFrom' | 'foundTo'> & { found?: [Dayjs | null, Dayjs | null] };

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const OPEN_OPTIONS = [
  { value: 'true', label: '未销号' },
  { value: 'false', label: '已销号' },
];
const SORT_OPTIONS = optionsOf(HAZARD_SORT_LABELS);
const REGION_FILTER = /^\d{2,6}$/;

function toValues(filters: HazardFilters): Values {
  const { foundFrom, foundTo, ...rest } = filters;
  return {
    ...rest,
    sort: sortOf(filters),
    found:
      foundFrom || foundTo
        ? [foundFrom ? dayjs(foundFrom) : null, foundTo ? dayjs(foundTo) : null]
        : undefined,
  };
}

function fromValues(values: Values): HazardFilters {
  const { found, ...rest } = values;
  const out: HazardFilters = {};
  for (const [k, v] of Object.entries(rest))
    if (typeof v === 'string' && v) out[k as keyof HazardFilters] = v;
  if (found?.[0]) out.foundFrom = found[0].format('YYYY-MM-DD');
  if (found?.[1]) out.foundTo = found[1].format('YYYY-MM-DD');
  return out;
}

/** The register's filter bar; text boxes apply on Enter or 查询, pickers apply at once. */
export function HazardFiltersBar({ value, onChange }: Props) {
  const [form] = Form.useForm<Values>();
  const standards = useAllStandards();
  const categoryOptions = useMemo(
    () =>
      (standards.data ?? []).map((s) => ({
        label: s.title,
        title: s.title,
        options: s.categories.map((c) => ({
          value: c.code,
          label: `${c.part ? `${c.part} ` : ''}${c.article ?? c.code} ${c.title}`,
        })),
      })),
    [standards.data],
  );

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(value));
  }, [form, value]);

  const apply = async () => {
    try {
      onChange(fromValues(await form.validateFields()));
    } catch {
      // the invalid field shows its own message
    }
  };

  const select = (name: keyof Values, placeholder: string, options: { value: string; label: string }[]) => (
    <Col xs={12} sm={8} md={6} lg={4}>
      <Form.Item name={name}>
        <Select allowClear placeholder={placeholder} options={options} />
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
              placeholder="隐患内容、地点"
              title="按隐患内容或地点中的文字查找"
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
              placeholder="行政区划"
              options={REGION_OPTIONS}
              filterOption={(input, option) => !!option?.label.includes(input.trim())}
              onSelect={() => void apply()}
              onClear={() => void apply()}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16} md={12} lg={8}>
          <Form.Item name="categoryCode">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="隐患类别"
              loading={standards.isPending}
              options={categoryOptions}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
        {select('level', '隐患等级', optionsOf(LEVEL_SHORT))}
        {select('state', '状态', optionsOf(HAZARD_STATES))}
        {select('open', '是否销号', OPEN_OPTIONS)}
        {select('source', '隐患来源', optionsOf(HAZARD_SOURCES))}
        {select('supervised', '挂牌督办', YES_NO)}
        {select('overdue', '逾期', YES_NO)}
        {select('selfReported', '企业自报', YES_NO)}
        <Col xs={24} sm={16} md={12} lg={8}>
          <Form.Item name="found">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={['发现日期起', '发现日期止']}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16} md={12} lg={8}>
          <Form.Item name="sort">
            <Select prefix="排序" aria-label="排序" options={SORT_OPTIONS} />
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
