import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JointIssuer, Org } from '@tiegui/domain';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { JOINT_ISSUERS_KEY, useJointIssuers } from '../../api/joint-issuers';
import { can, useCurrentUser } from '../../api/me';
import { orgOptions } from '../../api/orgs';
import { EntryForm } from '../../components/entry-form';
import { type CardFields, ListTable } from '../../components/list-page';
import { QueryError } from '../../components/status-results';

const CARD: CardFields = { title: 'issuerName', action: 'actions', details: ['coIssuerName', 'note'] };

type Values = { issuerOrgId?: string; coIssuerOrgId?: string };
const PAIR_FIELDS = [
  ['issuerOrgId', '发文单位'],
  ['coIssuerOrgId', '联合发文单位'],
] as const;

/**
 * 联合发文单位: the pairs of orgs that may issue a notice or a campaign together. Regulators read
 * them; the system administrator adds and removes pairs. Any other co-issuer is refused.
 */
export function JointIssuersCard({ orgs }: { orgs: readonly Org[] }) {
  const me = useCurrentUser();
  const editable = can(me, 'org.manage');
  const pairs = useJointIssuers();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: JOINT_ISSUERS_KEY });

  const create = useMutation({
    mutationFn: (values: Values) => api.post<JointIssuer>('/joint-issuers', values),
    onMutate: () => setError(null),
    onSuccess: () => {
      message.success('已添加联合发文单位');
      form.resetFields();
      void refresh();
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });
  const remove = useMutation({
    mutationFn: (pair: JointIssuer) => api.delete(`/joint-issuers/${encodeURIComponent(pair.id)}`),
    onSuccess: () => {
      message.success('已删除');
      void refresh();
    },
    onError: (err) => setError(err.message),
  });

  const columns: ColumnsType<JointIssuer> = [
    { title: '发文单位', dataIndex: 'issuerName' },
    { title: '联合发文单位', dataIndex: 'coIssuerName' },
    {
      title: '说明',
      key: 'note',
      render: (_, pair) => (pair.isDefault ? <Tag color="blue">默认（系统预置）</Tag> : '—'),
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, pair) => (
        <Popconfirm
          title={`删除后，${pair.issuerName}与${pair.coIssuerName}不能再联合发文。确定删除？`}
          okText="删除"
          cancelText="取消"
          onConfirm={() => remove.mutateAsync(pair).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            删除
          </Button>
        </Popconfirm>
      ),
    });
  }
  const issuers = orgOptions(orgs.filter((o) => o.kind !== 'mine' && o.active));

  return (
    <Card title="联合发文单位" data-testid="joint-issuers">
      <Typography.Paragraph type="secondary">
        通知和专项活动只能与下列单位联合发文（任一方均可作为发文单位）；其他单位不能被列为联合发文单位。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {pairs.error ? (
        <QueryError error={pairs.error} onRetry={() => void pairs.refetch()} />
      ) : (
        <ListTable<JointIssuer>
          size="small"
          loading={pairs.isPending}
          columns={columns}
          card={CARD}
          items={pairs.data ?? []}
          emptyText="尚未配置联合发文单位"
        />
      )}
      {editable && (
        <EntryForm<Values>
          form={form}
          layout="inline"
          style={{ marginTop: 16, rowGap: 8 }}
          onFinish={(values) => create.mutate(values)}
        >
          {PAIR_FIELDS.map(([name, label]) => (
            <Form.Item
              key={name}
              name={name}
              label={label}
              rules={[{ required: true, message: `请选择${label}` }]}
            >
              <Select showSearch optionFilterProp="label" options={issuers} style={{ width: 260 }} />
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              添加
            </Button>
          </Space>
        </EntryForm>
      )}
    </Card>
  );
}
