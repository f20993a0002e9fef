import { Card, Space } from 'antd';
import type { ReactNode } from 'react';

type Props = {
  title: ReactNode;
  /** Buttons above the list: create, import, export, other views. */
  actions?: ReactNode;
  /** The filter bar, between the buttons and the rows. */
  filters?: ReactNode;
  children: ReactNode;
};

/** The frame every list page shares: title, a row of buttons that wraps on a phone, filters, the list. */
export function ListPage({ title, actions, filters, children }: Props) {
  return (
    <Card title={title}>
      {actions && (
        <div className="tg-toolbar">
          <Space wrap>{actions}</Space>
        </div>
      )}
      {filters}
      {children}
    </Card>
  );
}
