import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FileRef, Notice } from '@tiegui/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { can, useCurrentUser } from '../../api/me';
import { EntryForm } from '../../components/entry-form';
import { Loading, QueryError } from '../../components/status-results';
import { isBlank } from '../../lib/form-rules';
import { shanghaiIso, ZONE } from '../../lib/time';
import { AttachmentsField } from './attachments-field';
import { NOTICES_KEY, noticeKey, useCampaignOptions, useNotice, useRecipientOptions } from './notice-api';
import { type Recipients, RecipientsInput } from './recipients-input';

type Values = {
  docNumber?: string;
  title?: string;
  issuedOn?: Dayjs;
  body?: string;
  attachments?: FileRef[];
  recipients?: Recipients;
  campaignId?: string;
  coIssuerOrgId?: string;
  replyDueAt?: Dayjs;
};

/** A nested book title takes 〈〉 inside 《》. */
const nested = (title: string) => title.replaceAll('《', '〈').replaceAll('》', '〉');

/** The forward's title and preface, as a bureau would write them; the user edits from there. */
function forwardDraft(original: Notice): Values {
  const issuers = [original.issuerName, original.coIssuerName].filter(Boolean).join(' ');
  const named = original.title.includes(original.issuerName) ? original.title : `${issuers}${original.title}`;
  const book = `《${nested(named)}》`;
  return {
    title: `关于转发${book}的通知`,
    body: `现将${book}（${original.docNumber}）转发给你们，请认真贯彻落实。`,
  };
}

function toBody(values: Values, forwarding: boolean) {
  return {
    docNumber: values.docNumber?.trim() ?? '',
    title: values.title?.trim() ?? '',
    issuedOn: values.issuedOn?.format('YYYY-MM-DD') ?? '',
    body: values.body?.trim() ?? '',
    attachments: values.attachments ?? [],
    recipients: values.recipients ?? { orgIds: [], kinds: [] },
    replyDueAt: values.replyDueAt ? shanghaiIso(values.replyDueAt) : null,
    ...(forwarding
      ? {}
      : { campaignId: values.campaignId ?? null, coIssuerOrgId: values.coIssuerOrgId ?? null }),
  };
}

/** 发文 (/notices/new) and 转发 (/notices/:id/forward): one form, the forward prefilled from the original. */
/** The server's rule, checked before sending: a reply is not due before the day the notice is dated (the pickers hold Beijing wall time). */
const replyBeforeIssue = (due: Dayjs | null | undefined, issued: Dayjs | null | undefined) =>
  !!due && !!issued && due.format('YYYY-MM-DD') < issued.format('YYYY-MM-DD');

export function NoticeFormPage() {
  const { id } = useParams();
  const original = useNotice(id);
  if (id && original.isPending) return <Loading />;
  if (id && original.error) {
    return (
      <QueryError
        error={original.error}
        notFoundTitle="通知不存在或无权查看"
        onRetry={() => void original.refetch()}
      />
    );
  }
  return <NoticeForm key={id ?? 'new'} original={original.data} />;
}

function NoticeForm({ original }: { original: Notice | undefined }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const issuedOn = Form.useWatch('issuedOn', form);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const options = useRecipientOptions();
  const forwarding = !!original;
  const campaigns = useCampaignOptions(!forwarding && can(me, 'campaign.read'));
  // Only the orgs configured to issue jointly with this one (组织机构 › 联合发文单位).
  const coIssuers = options.data?.coIssuers ?? [];

  const save = useMutation({
    mutationFn: (values: Values) =>
      original
        ? api.post<Notice>(`/notices/${original.id}/forward`, toBody(values, true))
        : api.post<Notice>('/notices', toBody(values, false)),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(noticeKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
      message.success(original ? '已转发' : '已发文');
      void navigate(`/notices/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  const submit = (values: Values) => {
    const recipients = values.recipients;
    const missing =
      (['docNumber', 'title', 'issuedOn', 'body'] as const).some((k) => isBlank(values[k])) ||
      !recipients ||
      recipients.orgIds.length + recipients.kinds.length === 0;
    if (missing) return;
    save.mutate(form.getFieldsValue(true) as Values);
  };

  const initial: Values = {
    issuedOn: dayjs().tz(ZONE).startOf('day'),
    attachments: [],
    recipients: { orgIds: [], kinds: [] },
    ...(original ? forwardDraft(original) : {}),
  };

  return (
    <Card title={original ? `转发：${original.docNumber}` : '发文'}>
      {original && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`原文件：${original.issuerName}${original.coIssuerName ? `、${original.coIssuerName}` : ''} ${original.docNumber}《${original.title}》`}
          description="转发后，本单位对原文件的签收同时完成；下级单位的签收情况在原文件的落实情况中逐级汇总。"
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        scrollToFirstError
        onFinish={submit}
        onFinishFailed={({ values }) => submit(values)}
        style={{ maxWidth: 880 }}
      >
        <Form.Item
          name="docNumber"
          label="文号"
          rules={[{ required: true, whitespace: true, message: '请填写文号' }]}
        >
          <Input placeholder="如：忻应急发〔2024〕118号" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="issuedOn" label="成文日期" rules={[{ required: true, message: '请选择成文日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="replyDueAt"
            label="回复期限"
            tooltip="北京时间；不填则无回复期限"
            dependencies={['issuedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, due: Dayjs | null | undefined) => {
                  if (replyBeforeIssue(due, getFieldValue('issuedOn'))) throw new Error('不能早于成文日期');
                },
              }),
            ]}
          >
            <DatePicker
              disabledDate={(d) => replyBeforeIssue(d, issuedOn)}
              showTime={{ defaultValue: dayjs('23:59:59', 'HH:mm:ss') }}
              format="YYYY-MM-DD HH:mm"
              placeholder="选择日期和时间"
            />
          </Form.Item>
        </Space>
        {!original && coIssuers.length > 0 && (
          <Form.Item
            name="coIssuerOrgId"
            label="联合发文单位"
            tooltip="与本单位联合发文时选择（可选单位由系统管理员配置）"
          >
            <Select
              allowClear
              options={coIssuers.map((p) => ({ value: p.id, label: p.name }))}
              style={{ maxWidth: 400 }}
            />
          </Form.Item>
        )}
        {!original && (campaigns.data?.length ?? 0) > 0 && (
          <Form.Item name="campaignId" label="关联专项活动">
            <Select
              allowClear
              options={campaigns.data?.map((c) => ({ value: c.id, label: c.title }))}
              style={{ maxWidth: 560 }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="recipients"
          label="接收单位"
          required
          rules={[
            {
              validator: async (_rule, value?: Recipients) => {
                if (!value || value.orgIds.length + value.kinds.length === 0)
                  throw new Error('请选择接收单位');
              },
            },
          ]}
        >
          <RecipientsInput options={options.data} loading={options.isPending} />
        </Form.Item>
        <Form.Item
          name="body"
          label={original ? '转发正文（本单位的要求）' : '正文'}
          rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
        </Form.Item>
        <Form.Item
          name="attachments"
          label="附件"
          tooltip="pdf、doc/docx、xls/xlsx、jpg/png、ofd、zip，每个不超过10MB"
        >
          <AttachmentsField />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {original ? '转发' : '发文'}
          </Button>
          <Button onClick={() => void navigate(original ? `/notices/${original.id}` : '/notices')}>
            取消
          </Button>
        </Space>
      </EntryForm>
    </Card>
  );
}
