import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Empty, Grid, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { formatTime } from '../lib/time';

export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
};

type Notifications = { unread: number; items: Notification[] };

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The signed-in user's notifications, polled once a minute so the count stays fresh. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<Notifications>('/notifications'),
    refetchInterval: 60_000,
  });
}

/** The header bell: unread count, a list of the latest notifications; an item opens its link. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useNotifications();
  const screens = Grid.useBreakpoint();
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });

  const markRead = useMutation({
    mutationFn: (item: Notification) => api.post(`/notifications/${item.id}/read`),
    onSettled: () => void refresh(),
  });
  const readAll = useMutation({
    mutationFn: () => api.post('/notifications/read-all'),
    onSuccess: () => void refresh(),
    onError: (err) => message.error(err.message),
  });

  const openItem = (item: Notification) => {
    if (!item.read) markRead.mutate(item);
    setOpen(false);
    if (item.link) void navigate(item.link);
  };

  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];
  const content = (
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
              onClick={() => openItem(item)}
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

  const bell = (onClick?: () => void) => (
    <Button type="text" onClick={onClick} aria-label={`通知，${unread}条未读`} style={{ color: '#fff' }}>
      <Badge count={unread} size="small" offset={[4, -2]}>
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Button>
  );
  // A phone gets the list as a drawer from the top: a popover under the bell would run off the screen.
  if (screens.md === false) {
    return (
      <>
        {bell(() => setOpen(true))}
        <Drawer
          placement="top"
          open={open}
          onClose={() => setOpen(false)}
          height="auto"
          title={null}
          closable={false}
        >
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      {bell()}
    </Popover>
  );
}
