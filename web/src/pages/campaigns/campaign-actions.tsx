import { PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Campaign } from '@tiegui/domain';
import { App, Button, Space } from 'antd';
import { api } from '../../api/client';
import { CAMPAIGNS_KEY } from './campaign-api';

type Activated = Campaign & { obligations: number };

/** 启动 / 结束, only as the server's abilities allow, each behind a confirmation. */
export function CampaignActions({ campaign, size }: { campaign: Campaign; size?: 'small' | 'middle' }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['obligations'] });
  };

  const activate = useMutation({
    mutationFn: () => api.post<Activated>(`/campaigns/${campaign.id}/activate`),
    onSuccess: (result) => {
      refresh();
      modal.success({
        title: '专项活动已启动',
        content: `已按方案为各单位生成 ${result.obligations} 项任务。`,
        okText: '知道了',
      });
    },
    onError: (err) => message.error(err.message),
  });
  const close = useMutation({
    mutationFn: () => api.post<Campaign>(`/campaigns/${campaign.id}/close`),
    onSuccess: () => {
      refresh();
      message.success('专项活动已结束，进度看板已冻结');
    },
    onError: (err) => message.error(err.message),
  });

  const { canActivate, canClose } = campaign.abilities;
  if (!canActivate && !canClose) return null;
  return (
    <Space wrap>
      {canActivate && (
        <Button
          type="primary"
          size={size}
          icon={<PlayCircleOutlined />}
          loading={activate.isPending}
          onClick={() =>
            modal.confirm({
              title: `启动“${campaign.title}”？`,
              content: '启动后将按活动方案为各级单位生成任务并通知到单位，启动后不能撤回。',
              okText: '启动',
              cancelText: '取消',
              onOk: () => activate.mutateAsync().catch(() => undefined),
            })
          }
        >
          启动
        </Button>
      )}
      {canClose && (
        <Button
          danger
          size={size}
          icon={<StopOutlined />}
          loading={close.isPending}
          onClick={() =>
            modal.confirm({
              title: `结束“${campaign.title}”？`,
              content: '结束后各单位不能再报送或审核，进度看板按结束时刻冻结。',
              okText: '结束',
              okButtonProps: { danger: true },
              cancelText: '取消',
              onOk: () => close.mutateAsync().catch(() => undefined),
            })
          }
        >
          结束
        </Button>
      )}
    </Space>
  );
}
