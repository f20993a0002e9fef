import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Grid, List, Typography } from 'antd';
import { api } from '../api/client';
import { NOTIFICATIONS_KEY, type Notification, useNotifications } from '../api/notifications';
import { formatTime } from '../lib/time';

/** The bell's list of the latest notifications, with 全部已读; an item is opened by the bell. */
export function NotificationList({ onOpen }: { onOpen: (item: Notification) => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useNotifications();
  const screens = Grid.useBreakpoint();
  const readAll = useMutation({
    mutationFn: () => api.post('/notifications/read-all'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
    onError: (err) => message.error(err.message),
  });
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];

  return (
    <div style={{ width: screens.md === false ? '100%' : 340 }} data-testid="notification-list">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text strong>通知</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          全部已读
        </Button>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isPending ? '加载中…' : '暂无通知'} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 360, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              onClick={() => onOpen(item)}
              style={{ cursor: 'pointer', alignItems: 'flex-start', paddingInline: 4 }}
            >
              <div style={{ minWidth: 0, width: '100%' }}>
                <div>
                  <Badge status={item.read ? 'default' : 'processing'} style={{ marginInlineEnd: 6 }} />
                  <Typography.Text strong={!item.read}>{item.title}</Typography.Text>
                </div>
                {item.body && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {item.body}
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatTime(item.createdAt, 'YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
