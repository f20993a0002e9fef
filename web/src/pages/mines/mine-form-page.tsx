import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Mine, MineCreate } from '@tiegui/domain';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { EntryForm } from '../../components/entry-form';
import { Loading, QueryError } from '../../components/status-results';
import { isBlank } from '../../lib/form-rules';
import { type FormOptions, mineKey, useFormOptions, useMine } from './mine-api';
import { MineFormFields, REQUIRED_MINE_FIELDS } from './mine-form-fields';

type Values = Partial<Record<keyof MineCreate, unknown>>;

const NULLABLE = [
  'designCapacity',
  'gasGrade',
  'hydroType',
  'rockBurst',
  'combustionTendency',
  'divisionOrgId',
  'groupOrgId',
  'address',
  'longitude',
  'latitude',
] as const;

/** Form values → request body: blanks of optional fields become null, text is trimmed. */
function toBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    body[key] = typeof value === 'string' ? value.trim() : value;
  }
  for (const key of NULLABLE) if (isBlank(body[key])) body[key] = null;
  body.directorIsChairman = body.directorIsChairman === true;
  return body;
}

function initialOf(mine: Mine | undefined): Values {
  if (!mine) return { directorIsChairman: false };
  const { id, supervisorName, divisionName, groupName, active, createdAt, updatedAt, abilities, ...fields } =
    mine;
  return fields;
}

/** Only what the user changed, so a PATCH never touches fields they did not mean to. */
function changedFields(mine: Mine, values: Values): Record<string, unknown> {
  const before = toBody(initialOf(mine));
  const after = toBody(values);
  return Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  );
}

/** A division whose covered prefixes include the code, to save a pick in the common case. */
function divisionFor(options: FormOptions | undefined, regionCode: string): string | undefined {
  return options?.divisions.find((d) => d.coveredRegions.some((prefix) => regionCode.startsWith(prefix)))?.id;
}

export function MineFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const mine = useMine(id);
  const options = useFormOptions();

  if (editing && mine.isPending) return <Loading />;
  if (editing && mine.error) {
    return (
      <QueryError
        error={mine.error}
        notFoundTitle="矿山不存在或无权查看"
        onRetry={() => void mine.refetch()}
      />
    );
  }
  return (
    <MineForm key={id ?? 'new'} mine={mine.data} options={options.data} optionsLoading={options.isPending} />
  );
}

type FormProps = { mine: Mine | undefined; options: FormOptions | undefined; optionsLoading: boolean };

function MineForm({ mine, options, optionsLoading }: FormProps) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (values: Values) =>
      mine
        ? api.patch<Mine>(`/mines/${mine.id}`, changedFields(mine, values))
        : api.post<Mine>('/mines', toBody(values)),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(mineKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['mines'] });
      message.success(mine ? '已保存' : '矿山已新增');
      void navigate(`/mines/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  // Client checks give instant feedback; only missing required fields stop the request, every other
  // judgement is the server's, and its field errors land on the fields.
  const submit = (values: Values) => {
    const missing = REQUIRED_MINE_FIELDS.filter((key) => isBlank(values[key]));
    if (missing.length > 0) return;
    save.mutate(form.getFieldsValue(true) as Values);
  };

  return (
    <Card title={mine ? `编辑矿山：${mine.name}` : '新增矿山'}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        initialValues={initialOf(mine)}
        scrollToFirstError
        onFinish={submit}
        onFinishFailed={({ values }) => submit(values)}
        onValuesChange={(changed: Values, all: Values) => {
          if ('supervisorOrgId' in changed && isBlank(all.regionCode)) {
            const supervisor = options?.supervisors.find((s) => s.id === changed.supervisorOrgId);
            if (supervisor?.regionCode) form.setFieldValue('regionCode', supervisor.regionCode);
          }
          const region = form.getFieldValue('regionCode');
          if (typeof region === 'string' && /^\d{6}$/.test(region) && isBlank(all.divisionOrgId)) {
            const division = divisionFor(options, region);
            if (division) form.setFieldValue('divisionOrgId', division);
          }
        }}
      >
        <MineFormFields
          options={options}
          loading={optionsLoading}
          locked={mine?.lockedFields}
          keep={{
            supervisor: mine ? { id: mine.supervisorOrgId, name: mine.supervisorName } : null,
            division: mine?.divisionOrgId
              ? { id: mine.divisionOrgId, name: mine.divisionName ?? mine.divisionOrgId }
              : null,
            group: mine?.groupOrgId ? { id: mine.groupOrgId, name: mine.groupName ?? mine.groupOrgId } : null,
          }}
        />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => void navigate(mine ? `/mines/${mine.id}` : '/mines')}>取消</Button>
        </Space>
      </EntryForm>
    </Card>
  );
}
