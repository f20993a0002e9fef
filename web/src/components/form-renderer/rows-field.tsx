import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormDefinition, FormField } from '@tiegui/domain';
import { Button, Form, type FormInstance } from 'antd';
import { LeafFormItems } from './leaf-field';

type Rows = Extract<FormField, { type: 'rows' }>;

/** Table-like rows: a header of sub-field labels, one line per row, scrolling sideways on a phone. */
export function RowsField({
  definition,
  field,
  form,
}: {
  definition: FormDefinition;
  field: Rows;
  form: FormInstance;
}) {
  const columns = `32px repeat(${field.fields.length}, minmax(150px, 1fr)) 40px`;
  const minWidth = 72 + field.fields.length * 150;
  return (
    <Form.Item label={field.label} required={field.required || field.minRows > 0} extra={field.help}>
      <Form.List name={field.key}>
        {(rows, { add, remove }, { errors }) => (
          <>
            <div className="tg-rows">
              <div className="tg-rows-grid tg-rows-head" style={{ gridTemplateColumns: columns, minWidth }}>
                <span>序号</span>
                {field.fields.map((sub) => (
                  <span key={sub.key} className={sub.required ? 'tg-rows-required' : undefined}>
                    {sub.label}
                  </span>
                ))}
                <span />
              </div>
              {rows.map((row, index) => (
                <div
                  key={row.key}
                  className="tg-rows-grid"
                  style={{ gridTemplateColumns: columns, minWidth }}
                  data-testid={`${field.key}-row`}
                >
                  <span className="tg-rows-no">{index + 1}</span>
                  <LeafFormItems
                    definition={definition}
                    fields={field.fields}
                    name={[row.name]}
                    path={`${field.key}.${row.name}`}
                    bare
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除第${index + 1}行`}
                    onClick={() => remove(row.name)}
                  />
                </div>
              ))}
            </div>
            <Form.ErrorList errors={errors} />
            {rows.length < field.maxRows && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() => {
                  add({});
                  form.setFields([{ name: field.key, errors: [] }]);
                }}
              >
                添加一行
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
