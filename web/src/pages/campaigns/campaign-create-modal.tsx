import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Campaign, Org } from '@tiegui/domain';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { partnerIdsOf, useJointIssuers } from '../../api/joint-issuers';
import { useCurrentUser } from '../../api/me';
import { EntryForm } from '../../components/entry-form';
import { requiredRule } from '../../lib/form-rules';
import { CAMPAIGNS_KEY, usePlans } from './campaign-api';

type Values = { planId?: string; title?: string; coIssuerOrgId?: string | null };

/** 发起活动: a draft campaign from a plan version, optionally issued jointly with the other province org. */
export function CampaignCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const plans = usePlans(open);
  const pairs = useJointIssuers(open);
  const partners = partnerIdsOf(pairs.data, me.org.id);
  const provinces = useQuery({
    queryKey: ['orgs', { kind: 'province' }],
    queryFn: () => api.get<{ items: Org[] }>('/orgs', { kind: 'province' }),
    select: (data) => data.items.filter((o) => o.id !== me.org.id),
    enabled: open,
  });
  // Only a province org configured to issue jointly with this one (组织机构 › 联合发文单位).
  const coIssuers = provinces.data?.filter((o) => partners.has(o.id));

  const create = useMutation({
    mutationFn: (values: Values) =>
      api.post<Campaign>('/campaigns', {
        planId: values.planId,
        title: values.title?.trim(),
        coIssuerOrgId: values.coIssuerOrgId ?? null,
      }),
    onMutate: () => setError(null),
    onSuccess: (campaign) => {
      void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
      message.success('专项活动已创建（草稿），核对方案后即可启动');
      onClose();
      form.resetFields();
      void navigate(`/campaigns/${campaign.id}`);
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });

  return (
    <Modal
      open={open}
      title="发起专项活动"
      okText="创建草稿"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <EntryForm<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => create.mutate(values)}
        onValuesChange={(changed: Values) => {
          const plan = plans.data?.find((p) => p.id === changed.planId);
          if (plan && !form.getFieldValue('title')) form.setFieldValue('title', plan.title);
        }}
      >
        <Form.Item name="planId" label="活动方案" rules={[requiredRule('请选择活动方案')]}>
          <Select
            loading={plans.isPending}
            placeholder="选择方案版本"
            options={plans.data?.map((p) => ({ value: p.id, label: `${p.title}（第${p.version}版）` }))}
          />
        </Form.Item>
        <Form.Item name="title" label="活动标题" rules={[requiredRule('请填写活动标题')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="coIssuerOrgId"
          label="联合发文单位"
          extra="与本单位联合发文的另一个省级单位（可不选）"
        >
          <Select
            allowClear
            loading={provinces.isPending || pairs.isPending}
            placeholder="不联合发文"
            options={coIssuers?.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </EntryForm>
    </Modal>
  );
}
