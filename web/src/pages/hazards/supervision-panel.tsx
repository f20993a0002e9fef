import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type HazardDetail,
  SUPERVISION_CADENCES,
  SUPERVISION_LEVELS,
  type Supervision,
} from '@tiegui/domain';
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';
import { EntryForm } from '../../components/entry-form';
import { labelOf, optionsOf } from '../../lib/labels';
import { formatTime, ZONE } from '../../lib/time';
import { hazardKey } from './hazard-api';

type Values = { deadline?: Dayjs; reportCadence?: string; note?: string };

/** 挂牌督办: the supervisions of this hazard; a regulator in scope lists it, the supervising org removes it. */
export function SupervisionPanel({ hazard }: { hazard: HazardDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const saved = (detail: HazardDetail, text: string) => {
    queryClient.setQueryData(hazardKey(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: ['hazards'] });
    message.success(text);
  };
  const list = useMutation({
    mutationFn: (v: Values) =>
      api.post<HazardDetail>(`/hazards/${hazard.id}/supervision`, {
        deadline: v.deadline?.format('YYYY-MM-DD'),
        reportCadence: v.reportCadence,
        note: v.note?.trim() || undefined,
      }),
    onMutate: () => setError(null),
    onSuccess: (d) => {
      form.resetFields();
      saved(d, '已挂牌督办');
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length) setError(unplaced.join('；'));
    },
  });
  const remove = useMutation({
    mutationFn: () => api.post<HazardDetail>(`/hazards/${hazard.id}/supervision/remove`, {}),
    onSuccess: (d) => saved(d, '已解除督办'),
    onError: (err) => message.error(err.message),
  });

  const columns: ColumnsType<Supervision> = [
    { title: '督办级别', dataIndex: 'level', render: (v: string) => labelOf(SUPERVISION_LEVELS, v) },
    { title: '督办单位', dataIndex: 'orgName' },
    {
      title: '督办期限',
      dataIndex: 'deadline',
      render: (v: string, s) => (
        <Space size={4}>
          {v}
          {s.deadlineOverdue && <Tag color="error">逾期</Tag>}
        </Space>
      ),
    },
    {
      title: '报告频次',
      dataIndex: 'reportCadence',
      render: (v: string, s) => (
        <Space size={4}>
          {labelOf(SUPERVISION_CADENCES, v)}
          {s.reportOverdue && <Tag color="warning">报告逾期</Tag>}
        </Space>
      ),
    },
    { title: '挂牌时间', dataIndex: 'listedAt', render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
    {
      title: '最近报告',
      dataIndex: 'lastReportAt',
      render: (v: string | null) => formatTime(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: '状态',
      key: 'state',
      render: (_, s) =>
        s.removedAt ? (
          <Tag>已解除 {formatTime(s.removedAt, 'YYYY-MM-DD')}</Tag>
        ) : s.canRemove ? (
          <Popconfirm
            title="确定解除挂牌督办？"
            okText="解除"
            cancelText="取消"
            onConfirm={() => remove.mutateAsync()}
          >
            <Button size="small" danger loading={remove.isPending}>
              解除督办
            </Button>
          </Popconfirm>
        ) : (
          <Tag color="volcano">督办中</Tag>
        ),
    },
  ];

  const mayList = hazard.abilities.canSupervise && hazard.state !== 'closed' && hazard.level === 'major';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="supervision-panel">
      {hazard.supervisions.length > 0 && (
        <Table<Supervision>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={hazard.supervisions}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      {mayList && (
        <EntryForm<Values> form={form} layout="inline" onFinish={(v) => list.mutate(v)}>
          <Form.Item name="deadline" label="督办期限" required>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs().tz(ZONE), 'day')} />
          </Form.Item>
          <Form.Item name="reportCadence" label="报告频次" required initialValue="weekly">
            <Select options={optionsOf(SUPERVISION_CADENCES)} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={list.isPending}>
              挂牌督办
            </Button>
          </Form.Item>
        </EntryForm>
      )}
      {error && <Alert type="error" showIcon message={error} />}
    </Space>
  );
}
