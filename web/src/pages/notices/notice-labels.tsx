import type { NoticeDelivery } from '@tiegui/domain';
import { Tag } from 'antd';

/** Where a delivery stands: 未阅, 已阅未签收, 已签收, 已转发. */
export function DeliveryTag({ delivery }: { delivery: NoticeDelivery | null }) {
  if (!delivery) return <>—</>;
  if (delivery.forwardedNoticeId) return <Tag color="green">已转发</Tag>;
  if (delivery.signedAt) return <Tag color="green">已签收</Tag>;
  if (delivery.readAt) return <Tag color="orange">已阅未签收</Tag>;
  return <Tag color="red">未阅</Tag>;
}
