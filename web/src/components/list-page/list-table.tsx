import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { usePhone } from '../../lib/use-phone';
import { type CardFields, columnKey, RowCards, type RowExpansion } from './row-cards';

type Props<T> = {
  columns: ColumnsType<T>;
  items: readonly T[];
  /** Which columns make a row's card on a phone; its state, deadline and action stay on screen. */
  card: CardFields;
  /** The field that names a row (`id` unless told), or how to name it. */
  rowKey?: string | ((row: T) => string);
  loading?: boolean;
  /** Rows a page when the list pages itself (whole lists of a few hundred); none: all rows shown. */
  pageSize?: number;
  /** Shown by an empty list instead of antd's 暂无数据. */
  emptyText?: string;
  expand?: RowExpansion<T>;
  size?: 'small' | 'middle';
  testId?: string;
  /** A sortable header was clicked. */
  onChange?: TableProps<T>['onChange'];
};

/**
 * The columns that decide what to do next (state, deadline, actions) pinned at the right, after the
 * others, so a wide table scrolls what is left between them and the row's name.
 */
function pinned<T>(columns: ColumnsType<T>, card: CardFields): ColumnsType<T> {
  const keys = [card.state, card.deadline, card.action].filter((k) => k !== undefined);
  const isKey = (column: ColumnsType<T>[number]) => keys.includes(columnKey(column) ?? '');
  return [
    ...columns.filter((c) => !isKey(c)),
    ...columns.filter(isKey).map((c) => ({ ...c, fixed: 'right' as const })),
  ];
}

/**
 * The table's scroll width: the sum of its columns' widths when each has one. `max-content` would let
 * a long title widen its column past its width, ellipsis or not, and push the rest off screen.
 */
function scrollWidth<T>(columns: ColumnsType<T>): number | 'max-content' {
  let sum = 0;
  for (const column of columns) {
    if (typeof column.width !== 'number') return 'max-content';
    sum += column.width;
  }
  return sum;
}

/**
 * A list's rows: a table on a wide screen (its horizontal scrollbar sticks to the window's bottom
 * while the table is in view) and cards on a phone, where a sideways table would hide what matters.
 */
export function ListTable<T extends object>({
  columns,
  items,
  card,
  rowKey = 'id',
  loading,
  pageSize,
  emptyText,
  expand,
  size = 'middle',
  testId,
  onChange,
}: Props<T>) {
  const phone = usePhone();
  if (phone) {
    return (
      <RowCards<T>
        columns={columns}
        items={items}
        card={card}
        keyOf={(row) => (typeof rowKey === 'function' ? rowKey(row) : String(Reflect.get(row, rowKey)))}
        loading={loading}
        pageSize={pageSize}
        emptyText={emptyText}
        expand={expand}
        testId={testId}
      />
    );
  }
  return (
    <Table<T>
      rowKey={rowKey}
      size={size}
      columns={pinned(columns, card)}
      dataSource={items}
      loading={loading}
      pagination={pageSize ? { pageSize, hideOnSinglePage: true, showSizeChanger: false } : false}
      scroll={{ x: scrollWidth(columns) }}
      sticky
      locale={emptyText ? { emptyText } : undefined}
      expandable={expand ? { expandedRowRender: expand.render, rowExpandable: expand.when } : undefined}
      onChange={onChange}
      data-testid={testId}
    />
  );
}
