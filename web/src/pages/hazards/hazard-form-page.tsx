import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type FileRef,
  HAZARD_SOURCES,
  type HazardDetail,
  type Mine,
  PRODUCTION_STOPS,
  SELF_REPORTED_SOURCES,
  STANDARD_KEY_OF,
  ZHazardCreate,
} from '@tiegui/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { useCurrentUser } from '../../api/me';
import { EntryForm } from '../../components/entry-form';
import { AttachmentsInput } from '../../components/form-renderer';
import { isBlank, requiredRule } from '../../lib/form-rules';
import { optionsOf } from '../../lib/labels';
import { ZONE } from '../../lib/time';
import { useMine } from '../mines/mine-api';
import { CategoryCascader } from './category-cascader';
import { hazardKey, useStandard } from './hazard-api';
import { duplicatesOf, HazardDuplicates } from './hazard-duplicates';
import { LEVEL_SHORT } from './hazard-labels';
import { MinePicker } from './mine-picker';

type Values = {
  mineId?: string;
  level?: 'major' | 'general';
  categoryCode?: string[];
  description?: string;
  location?: string;
  foundOn?: Dayjs;
  foundBy?: string;
  source?: string;
  productionStop?: string;
  stoppedArea?: string;
  immediateMeasures?: string;
  photos?: FileRef[];
  files?: FileRef[];
};

const REQUIRED = ['level', 'description', 'location', 'foundOn', 'foundBy', 'source'] as const;
/** The fields of this form a problem of the schema may land on. */
const FIELDS: readonly (keyof Values)[] = [
  ...REQUIRED,
  'mineId',
  'categoryCode',
  'productionStop',
  'stoppedArea',
];
const fieldOf = (key: string): keyof Values | null =>
  FIELDS.find((f) => f === (key === 'itemCode' ? 'categoryCode' : key)) ?? null;
const trimmed = (v: string | undefined) => (isBlank(v) ? undefined : v?.trim());

type Body = Record<string, unknown>;

function toBody(values: Values, ownMine: boolean): Body {
  const [, categoryCode, itemCode] = values.categoryCode ?? [];
  return {
    mineId: ownMine ? undefined : values.mineId,
    level: values.level,
    categoryCode: categoryCode ?? null,
    itemCode: itemCode ?? null,
    description: values.description?.trim() ?? '',
    location: values.location?.trim() ?? '',
    foundOn: values.foundOn?.format('YYYY-MM-DD'),
    foundBy: values.foundBy?.trim() ?? '',
    source: values.source,
    productionStop: values.productionStop ?? 'none',
    stoppedArea: values.productionStop === 'area' ? trimmed(values.stoppedArea) : undefined,
    immediateMeasures: trimmed(values.immediateMeasures),
    photos: values.photos ?? [],
    files: values.files ?? [],
  };
}

/** The catalog's two codes are one cascader here: both server fields land on it. */
function onCascader(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => (f.field === 'itemCode' ? { ...f, field: 'categoryCode' } : f));
  return new ApiError(error.status, error.code, error.message, fields);
}

/** 登记隐患: a mine registers its own; a regulator picks a mine in its scope. */
export function HazardFormPage() {
  const me = useCurrentUser();
  const ownMine = me.org.kind === 'mine';
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<
    (NonNullable<ReturnType<typeof duplicatesOf>> & { body: Body }) | null
  >(null);
  const [picked, setPicked] = useState<Mine | null>(null);
  const own = useMine(ownMine ? me.org.id : undefined);
  const mine = ownMine ? own.data : picked;
  const standard = useStandard(mine ? STANDARD_KEY_OF[mine.category] : null);
  const level = Form.useWatch('level', form);
  const stop = Form.useWatch('productionStop', form);
  const sources = optionsOf(HAZARD_SOURCES).filter(
    (o) => ownMine || !SELF_REPORTED_SOURCES.includes(o.value as never),
  );

  const save = useMutation({
    mutationFn: (body: Body) => api.post<HazardDetail>('/hazards', body),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(hazardKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['hazards'] });
      message.success('隐患已登记');
      void navigate(`/hazards/${saved.id}`, { replace: true });
    },
    onError: (err, body) => {
      const duplicates = duplicatesOf(err);
      if (duplicates) return setDuplicates({ ...duplicates, body });
      const unplaced = applyServerErrors(form, onCascader(err));
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  /** The shared schema's problems, each at its field once (a field whose own rule failed keeps that). */
  const checked = (body: Body): boolean => {
    const parsed = ZHazardCreate.safeParse(body);
    if (parsed.success) return true;
    const errors = new Map<keyof Values, string>();
    for (const issue of parsed.error.issues) {
      const name = fieldOf(String(issue.path[0] ?? ''));
      if (!name || errors.has(name) || form.getFieldError(name).length > 0) continue;
      errors.set(name, issue.message);
    }
    form.setFields([...errors].map(([name, message]) => ({ name, errors: [message] })));
    return errors.size === 0;
  };

  const submit = (values: Values) => {
    setDuplicates(null);
    const body = toBody(form.getFieldsValue(true) as Values, ownMine);
    if (!checked(body) || REQUIRED.some((key) => isBlank(values[key]))) return;
    if (body.level !== 'major') return save.mutate(body);
    modal.confirm({
      title: '确认登记重大事故隐患？',
      content: '登记后即通知辖区监管部门，计入重大事故隐患统计，并须按五落实要求治理。',
      okText: '确认登记',
      cancelText: '返回检查',
      onOk: () => save.mutate(body),
    });
  };

  return (
    <Card title="登记隐患">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      {duplicates && (
        <HazardDuplicates
          message={duplicates.message}
          candidates={duplicates.candidates}
          confirming={save.isPending}
          onConfirm={() => save.mutate({ ...duplicates.body, confirmDuplicate: true })}
        />
      )}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{
          level: 'major',
          foundOn: dayjs(dayjs().tz(ZONE).format('YYYY-MM-DD')),
          foundBy: me.displayName,
          source: ownMine ? 'self_check' : 'inspection',
          productionStop: 'none',
          photos: [],
          files: [],
        }}
        onFinish={submit}
        onFinishFailed={({ values }) => submit(values)}
        onValuesChange={(changed: Values) => {
          if ('mineId' in changed) form.setFieldValue('categoryCode', undefined);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {ownMine ? (
              <Form.Item label="矿山">
                <Input value={own.data?.name ?? me.org.name} disabled />
              </Form.Item>
            ) : (
              <Form.Item name="mineId" label="矿山" required rules={[requiredRule('请选择矿山')]}>
                <MinePicker onPick={setPicked} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label="隐患等级" rules={[requiredRule('请选择隐患等级')]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={optionsOf(LEVEL_SHORT).map((o) => ({ ...o, label: `${o.label}事故隐患` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="categoryCode"
          label="隐患类别（判定标准）"
          required={level === 'major'}
          extra={level === 'major' ? '按适用于本矿的判定标准逐级选择' : '一般隐患可不选'}
        >
          <CategoryCascader
            standard={standard.data}
            mineType={mine?.mineType}
            loading={standard.isFetching}
          />
        </Form.Item>
        <Form.Item name="description" label="隐患内容" rules={[requiredRule('请填写隐患内容')]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="location" label="隐患地点和部位" rules={[requiredRule('请填写隐患地点')]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="foundOn"
              label="排查发现日期"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="foundBy" label="排查人员" rules={[requiredRule('请填写排查人员')]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="source" label="隐患来源" rules={[{ required: true, message: '请选择来源' }]}>
              <Select options={sources} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="productionStop" label="停产情况">
              <Radio.Group options={optionsOf(PRODUCTION_STOPS)} />
            </Form.Item>
          </Col>
        </Row>
        {stop === 'area' && (
          <Form.Item name="stoppedArea" label="停产区域" required>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="immediateMeasures" label="发现后采取的安全措施">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="photos" label="照片">
              <AttachmentsInput maxFiles={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="files" label="附件">
              <AttachmentsInput maxFiles={20} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            登记
          </Button>
          <Button onClick={() => void navigate('/hazards')}>取消</Button>
        </Space>
      </EntryForm>
    </Card>
  );
}
