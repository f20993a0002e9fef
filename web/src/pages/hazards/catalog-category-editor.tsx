import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { CatalogCategory, CatalogItem, HazardStandard, HazardStandardSummary } from '@tiegui/domain';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { api } from '../../api/client';
import { EntryForm } from '../../components/entry-form';
import { isBlank, requiredRule } from '../../lib/form-rules';
import { useFormSave } from './use-form-save';

type ItemValues = { code?: string; text?: string; source?: string };
type Values = {
  version?: number;
  title?: string;
  source?: string;
  note?: string;
  complete?: boolean;
  items?: ItemValues[];
};

const trimmed = (v: string | undefined) => (isBlank(v) ? undefined : v?.trim());

/** The next free `<category>-<n>` code: codes are unique across the whole standard. */
function nextItemCode(standard: HazardStandard, category: CatalogCategory, items: ItemValues[]): string {
  const used = new Set([
    ...standard.categories.flatMap((c) => [c.code, ...c.items.map((i) => i.code)]),
    ...items.map((i) => i.code?.trim() ?? ''),
  ]);
  let n = category.items.length + 1;
  while (used.has(`${category.code}-${n}`)) n++;
  return `${category.code}-${n}`;
}

/** The whole standard as its next version, with this category replaced by the form's values. */
function nextVersion(standard: HazardStandard, index: number, values: Values): HazardStandard {
  const category = standard.categories[index]!;
  const items: CatalogItem[] = (values.items ?? []).map((v) => {
    const code = v.code?.trim() ?? '';
    const original: Partial<CatalogItem> = category.items.find((i) => i.code === code) ?? {};
    const { source: _old, ...kept } = original;
    const source = trimmed(v.source);
    return { ...kept, code, text: v.text?.trim() ?? '', ...(source ? { source } : {}) };
  });
  const { note: _note, ...rest } = category;
  const note = trimmed(values.note);
  const edited: CatalogCategory = {
    ...rest,
    title: values.title?.trim() ?? '',
    source: values.source?.trim() ?? '',
    complete: values.complete ?? false,
    ...(note ? { note } : {}),
    items,
  };
  return {
    ...standard,
    version: values.version ?? standard.version + 1,
    categories: standard.categories.map((c, i) => (i === index ? edited : c)),
  };
}

type Props = {
  /** The latest version: a new version is always made from it. */
  standard: HazardStandard;
  index: number;
  onClose: () => void;
  onSaved: (saved: HazardStandardSummary) => void;
};

/**
 * 编辑类别: the situations of one category (text and source), its completeness, saved as the
 * standard's next version. The server checks the version and the codes; its errors land at the field.
 */
export function CatalogCategoryEditor({ standard, index, onClose, onSaved }: Props) {
  const category = standard.categories[index]!;
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  // The server names fields of the whole standard; this form holds one category and the version.
  const prefix = `categories.${index}.`;
  const {
    mutation: save,
    error,
    submit,
  } = useFormSave(form, {
    save: (values: Values) =>
      api.post<HazardStandardSummary>('/hazards/catalogs', nextVersion(standard, index, values)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['hazards', 'catalogs'] });
      void queryClient.invalidateQueries({ queryKey: ['hazards', 'catalog', saved.key] });
      message.success(`已保存为第 ${saved.version} 版`);
      onSaved(saved);
    },
    rename: (field) => (field.startsWith(prefix) ? field.slice(prefix.length) : field),
    ready: (values) =>
      typeof values.version === 'number' &&
      !isBlank(values.title) &&
      !isBlank(values.source) &&
      !(values.items ?? []).some((i) => isBlank(i.text)),
  });

  return (
    <Modal
      open
      title={`编辑类别 ${category.code} ${category.title}`}
      okText="保存为新版本"
      cancelText="取消"
      onOk={() => {
        form.validateFields().then(submit, submit);
      }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      data-testid="catalog-editor"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          version: standard.version + 1,
          title: category.title,
          source: category.source,
          note: category.note,
          complete: category.complete,
          items: category.items.map((i) => ({ code: i.code, text: i.text, source: i.source })),
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="version"
              label="新版本号"
              rules={[{ required: true, message: '请填写版本号' }]}
              extra={`现有最新为第 ${standard.version} 版`}
            >
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label="类别" rules={[requiredRule('请填写类别名称')]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="source" label="类别来源" rules={[requiredRule('请填写来源')]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="note" label="说明（待补全的内容等）">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="complete" valuePropName="checked">
          <Checkbox>本类别的具体情形已核对原文补全</Checkbox>
        </Form.Item>
        <Typography.Title level={5}>具体情形</Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, n) => (
                <Row key={field.key} gutter={8} align="top" data-testid="catalog-item-row">
                  <Col xs={24} md={4}>
                    <Form.Item name={[field.name, 'code']} label={n === 0 ? '编码' : undefined}>
                      <Input maxLength={20} aria-label="编码" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={11}>
                    <Form.Item
                      name={[field.name, 'text']}
                      label={n === 0 ? '情形' : undefined}
                      rules={[requiredRule('请填写情形')]}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 6 }}
                        maxLength={500}
                        aria-label="情形"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <Form.Item name={[field.name, 'source']} label={n === 0 ? '来源' : undefined}>
                      <Input
                        maxLength={500}
                        placeholder="文件、条款或网址；空则同类别来源"
                        aria-label="来源"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label={n === 0 ? ' ' : undefined}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label="删除情形"
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                block
                onClick={() =>
                  add({
                    code: nextItemCode(standard, category, form.getFieldValue('items') ?? []),
                    text: '',
                    source: '',
                  })
                }
              >
                添加情形
              </Button>
            </>
          )}
        </Form.List>
      </EntryForm>
    </Modal>
  );
}
