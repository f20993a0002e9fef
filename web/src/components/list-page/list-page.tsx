import { FilterOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { usePhone } from '../../lib/use-phone';

type Props = {
  title: ReactNode;
  /** Buttons above the list: create, import, export, other views. */
  actions?: ReactNode;
  /** The filter bar, between the buttons and the rows; behind one 筛选 button on a phone. */
  filters?: ReactNode;
  children: ReactNode;
};

/** The frame every list page shares: title, a row of buttons that wraps on a phone, filters, the list. */
export function ListPage({ title, actions, filters, children }: Props) {
  const phone = usePhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const folded = phone && filters !== undefined;
  return (
    <Card title={title}>
      {(actions || folded) && (
        <div className="tg-toolbar">
          <Space wrap>
            {folded && (
              <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)}>
                筛选
              </Button>
            )}
            {actions}
          </Space>
        </div>
      )}
      {folded ? (
        // Pickers apply at once, so the rows behind the drawer follow them while it is open.
        <Drawer
          title="筛选"
          placement="bottom"
          height="80%"
          open={filtersOpen}
          onClose={() => setFiltersOpen(false)}
        >
          {filters}
        </Drawer>
      ) : (
        filters
      )}
      {children}
    </Card>
  );
}
