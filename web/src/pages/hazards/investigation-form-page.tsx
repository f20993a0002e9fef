import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FileRef, INVESTIGATION_MONTH, type InvestigationView } from '@tiegui/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../api/me';
import { EntryForm } from '../../components/entry-form';
import { AttachmentsInput } from '../../components/form-renderer';
import { isBlank, requiredRule } from '../../lib/form-rules';
import { ZONE } from '../../lib/time';
import { useMine } from '../mines/mine-api';
import { OBLIGATIONS_KEY } from '../obligations/obligation-api';
import { currentMonth, type HazardPage } from './hazard-api';
import { LEVEL_SHORT } from './hazard-labels';
import { useFormSave } from './use-form-save';

type Values = {
  month?: Dayjs;
  investigatedOn?: Dayjs;
  leader?: string;
  scope?: string;
  participants?: string;
  hazardIds?: string[];
  notes?: string;
  files?: FileRef[];
};

const REQUIRED = ['month', 'investigatedOn', 'leader', 'scope', 'participants'] as const;

function toBody(values: Values): Record<string, unknown> {
  return {
    month: values.month?.format('YYYY-MM'),
    investigatedOn: values.investigatedOn?.format('YYYY-MM-DD'),
    leader: values.leader?.trim() ?? '',
    scope: values.scope?.trim() ?? '',
    participants: values.participants?.trim() ?? '',
    hazardIds: values.hazardIds ?? [],
    notes: isBlank(values.notes) ? undefined : values.notes?.trim(),
    files: values.files ?? [],
  };
}

/** The mine's hazards found in the month, to link the ones this investigation found. */
function useMonthHazards(month: Dayjs | undefined) {
  const from = month?.startOf('month').format('YYYY-MM-DD');
  const to = month?.endOf('month').format('YYYY-MM-DD');
  return useQuery({
    queryKey: ['hazards', 'list', 'investigation-picker', from, to],
    queryFn: () => api.get<HazardPage>('/hazards', { foundFrom: from, foundTo: to, limit: 200 }),
    enabled: !!month,
  });
}

/** 记录月度排查: the mine's principal-led investigation of a month, submitted as that month's duty. */
export function InvestigationFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const mine = useMine(me.org.id);
  const month = Form.useWatch('month', form);
  const hazards = useMonthHazards(month);

  const asked = params.get('month') ?? '';
  const startMonth = INVESTIGATION_MONTH.test(asked) ? asked : currentMonth();
  const today = dayjs(dayjs().tz(ZONE).format('YYYY-MM-DD'));

  // The mine's principal leads the investigation: a sensible default once the registry answers.
  const principal = mine.data?.principalName;
  useEffect(() => {
    if (principal && isBlank(form.getFieldValue('leader'))) form.setFieldValue('leader', principal);
  }, [form, principal]);

  const {
    mutation: save,
    error,
    submit,
  } = useFormSave(form, {
    save: (values: Values) => api.post<InvestigationView>('/hazards/investigations', toBody(values)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['hazards'] });
      void queryClient.invalidateQueries({ queryKey: OBLIGATIONS_KEY });
      message.success(saved.obligationState ? '月度排查已记录，并已报送本月任务' : '月度排查已记录');
      void navigate(`/hazards/investigations?month=${saved.month}`, { replace: true });
    },
    ready: (values) => !REQUIRED.some((key) => isBlank(values[key])),
  });

  return (
    <Card title="记录主要负责人月度重大事故隐患排查">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{
          month: dayjs(`${startMonth}-01`),
          investigatedOn: startMonth === today.format('YYYY-MM') ? today : undefined,
          hazardIds: [],
          files: [],
        }}
        onFinish={submit}
        onFinishFailed={submit}
        onValuesChange={(changed: Values, all: Values) => {
          if (!('month' in changed)) return;
          // The hazards and the date belong to the month: a new month starts them over.
          form.setFieldValue('hazardIds', []);
          if (all.investigatedOn && !all.investigatedOn.isSame(changed.month, 'month'))
            form.setFieldValue('investigatedOn', undefined);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="矿山">
              <Input value={mine.data?.name ?? me.org.name} disabled />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="month" label="排查月份" rules={[{ required: true, message: '请选择月份' }]}>
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="investigatedOn"
              label="排查日期"
              rules={[{ required: true, message: '请选择排查日期' }]}
            >
              <DatePicker style={{ width: '100%' }} defaultPickerValue={month} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="leader"
              label="带队的主要负责人"
              rules={[requiredRule('请填写带队的主要负责人')]}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="participants" label="参加人员" rules={[requiredRule('请填写参加人员')]}>
              <Input maxLength={500} placeholder="如：总工程师、安全副矿长、各专业技术人员" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="scope" label="排查范围" rules={[requiredRule('请填写排查范围')]}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder="全系统、各环节：采掘、通风、瓦斯、防治水……"
          />
        </Form.Item>
        <Form.Item
          name="hazardIds"
          label="发现的隐患"
          extra={
            <>
              从本月登记的隐患中选择本次排查发现的；未发现可不选。尚未登记的，请先
              <Link to="/hazards/new" target="_blank">
                登记隐患
              </Link>
              （来源选“主要负责人月度排查”）。
            </>
          }
        >
          <Select
            mode="multiple"
            allowClear
            loading={hazards.isFetching}
            placeholder={hazards.isFetching ? '正在加载本月隐患…' : '本次排查未发现隐患'}
            optionFilterProp="label"
            options={(hazards.data?.items ?? []).map((h) => ({
              value: h.id,
              label: `${h.foundOn} 【${LEVEL_SHORT[h.level]}】${h.description}`,
            }))}
            notFoundContent="本月没有登记的隐患"
          />
        </Form.Item>
        <Form.Item name="notes" label="说明">
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="files" label="附件（排查记录、签字表等）">
          <AttachmentsInput maxFiles={10} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            记录
          </Button>
          <Button onClick={() => void navigate('/hazards/investigations')}>取消</Button>
        </Space>
      </EntryForm>
    </Card>
  );
}
