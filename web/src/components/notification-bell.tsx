import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Grid, Popover, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { NOTIFICATIONS_KEY, type Notification, useNotifications } from '../api/notifications';

// The list (and the list and pagination code it needs) is fetched when the bell is first opened:
// every signed-in page shows the bell, few open it.
const NotificationList = lazy(() =>
  import('./notification-list').then((module) => ({ default: module.NotificationList })),
);

/** The header bell: unread count, a list of the latest notifications; an item opens its link. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useNotifications();
  const screens = Grid.useBreakpoint();

  const markRead = useMutation({
    mutationFn: (item: Notification) => api.post(`/notifications/${item.id}/read`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  const openItem = (item: Notification) => {
    if (!item.read) markRead.mutate(item);
    setOpen(false);
    if (item.link) void navigate(item.link);
  };

  const unread = query.data?.unread ?? 0;
  const content = (
    <Suspense fallback={<Spin tip="加载中…" />}>
      <NotificationList onOpen={openItem} />
    </Suspense>
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
