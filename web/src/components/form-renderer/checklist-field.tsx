import { CHECKLIST_RESULTS, type FormDefinition, type FormField } from '@tiegui/domain';
import { Form, Input, Radio, Typography } from 'antd';
import { optionsOf } from '../../lib/labels';
import { pathRule } from './form-checks';

type Checklist = Extract<FormField, { type: 'checklist' }>;

const RESULT_OPTIONS = optionsOf(CHECKLIST_RESULTS);

/** A checklist: per item its requirement, where it comes from, the result and a note. */
export function ChecklistField({ definition, field }: { definition: FormDefinition; field: Checklist }) {
  const form = Form.useFormInstance();
  return (
    <Form.Item label={field.label} required={field.required} extra={field.help}>
      <ol className="tg-checklist">
        {field.items.map((item) => {
          const path = `${field.key}.${item.key}`;
          return (
            <li key={item.key} className="tg-checklist-item">
              <div>{item.label}</div>
              {item.source && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.source}
                </Typography.Text>
              )}
              <Form.Item
                name={[field.key, item.key, 'result']}
                rules={[pathRule(definition, `${path}.result`)]}
                style={{ margin: '6px 0' }}
              >
                <Radio.Group
                  options={RESULT_OPTIONS}
                  aria-label={`${item.label}：检视结果`}
                  // 存在问题 needs a note: say so at once, even before the note is touched.
                  onChange={() =>
                    void form.validateFields([[field.key, item.key, 'note']]).catch(() => undefined)
                  }
                />
              </Form.Item>
              <Form.Item
                name={[field.key, item.key, 'note']}
                rules={[pathRule(definition, `${path}.note`)]}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={2000}
                  placeholder="说明（存在问题时须写明问题及整改措施）"
                  aria-label={`${item.label}：说明`}
                />
              </Form.Item>
            </li>
          );
        })}
      </ol>
    </Form.Item>
  );
}
