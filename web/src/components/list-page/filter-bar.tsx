import { Button, Col, Form, Input, Row, Select, type SelectProps } from 'antd';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { useCurrentUser } from '../../api/me';
import { RegionCascader } from '../region-cascader';

/** Applies the bar's values: what a search box's Enter calls. */
const ApplyContext = createContext<() => void>(() => undefined);

/** Text boxes apply on Enter or 查询, so a half-typed word does not fetch the list. */
const TYPED_FIELDS = ['q'];

type Props<V> = {
  value: Partial<V>;
  onChange: (next: Partial<V>) => void;
  children: ReactNode;
};

/** A list's filter bar: pickers apply at once, text boxes on Enter or 查询; 重置 clears them all. */
export function FilterBar<V extends object>({ value, onChange, children }: Props<V>) {
  const [form] = Form.useForm<Partial<V>>();

  // The form starts from the filters in the URL (its initialValues) and goes back to them whenever
  // the URL changes, dropping what was typed and not applied.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new value is what asks for the reset
  useEffect(() => {
    form.resetFields();
  }, [form, value]);

  const apply = () => {
    form.validateFields().then(onChange, () => {
      // the invalid field shows its own message
    });
  };

  return (
    <ApplyContext.Provider value={apply}>
      <Form
        form={form}
        initialValues={value}
        className="tg-filters"
        onValuesChange={(changed: object) => {
          if (!TYPED_FIELDS.some((name) => name in changed)) apply();
        }}
        onFinish={apply}
      >
        <Row gutter={8}>
          {children}
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
    </ApplyContext.Provider>
  );
}

/** The free-text search (`q`), half a row wide. */
export function SearchField({ placeholder, title }: { placeholder: string; title?: string }) {
  const apply = useContext(ApplyContext);
  return (
    <Col xs={24} sm={16} md={12} lg={8}>
      <Form.Item name="q">
        <Input.Search
          allowClear
          placeholder={placeholder}
          title={title}
          onSearch={apply}
          enterButton={false}
        />
      </Form.Item>
    </Col>
  );
}

/** A region picked from the catalog, within the user's own region; applies at once. */
export function RegionField({ placeholder }: { placeholder: string }) {
  const me = useCurrentUser();
  return (
    <Col xs={12} sm={8} md={6} lg={4}>
      <Form.Item name="regionCode">
        <RegionCascader mode="filter" within={me.org.regionCode} placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
}

type SelectFieldProps = SelectProps & { name: string; wide?: boolean };

/** A picker that applies at once and clears by default; `wide` for long labels (half a row, not a quarter). */
export function SelectField({ name, wide = false, ...select }: SelectFieldProps) {
  return (
    <Col xs={wide ? 24 : 12} sm={wide ? 16 : 8} md={wide ? 12 : 6} lg={wide ? 8 : 4}>
      <Form.Item name={name}>
        <Select allowClear {...select} />
      </Form.Item>
    </Col>
  );
}
