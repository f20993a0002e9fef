import { Button, Empty, List } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { Fragment, isValidElement, type ReactNode, useState } from 'react';

/**
 * Which of a list's columns make its card on a phone, by column key (or `dataIndex`): what names the
 * row, its state, its deadline and the next action. The same columns stay on screen at the right of
 * the table on a wide screen. `details` are other columns worth a line of their own on the card.
 */
export type CardFields = {
  title: string;
  state?: string;
  deadline?: string;
  action?: string;
  details?: readonly string[];
};

/** A row's detail a card can open, as an expandable table row does. */
export type RowExpansion<T> = { render: (row: T) => ReactNode; when?: (row: T) => boolean };

type Column<T> = ColumnsType<T>[number];

/** A column's name in a card declaration: its key, else its `dataIndex` when that is one field. */
export function columnKey<T>(column: Column<T>): string | undefined {
  if (column.key !== undefined) return String(column.key);
  return 'dataIndex' in column && typeof column.dataIndex === 'string' ? column.dataIndex : undefined;
}

type Rendered<T> = ReturnType<NonNullable<ColumnType<T>['render']>>;
/** antd's `{ children, props }` form of a cell, which no React node is. */
type CellObject<T> = Exclude<Rendered<T>, ReactNode>;

function isCellObject<T>(out: Rendered<T>): out is CellObject<T> {
  return (
    out !== null &&
    typeof out === 'object' &&
    !isValidElement(out) &&
    !(Symbol.iterator in out) &&
    !(out instanceof Promise)
  );
}

/** A cell as the table would render it (the `{ children, props }` form gives its children). */
function cellOf<T extends object>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const value: unknown =
    typeof column.dataIndex === 'string' ? Reflect.get(row, column.dataIndex) : undefined;
  if (column.render) {
    const out = column.render(value, row, index);
    return isCellObject(out) ? out.children : out;
  }
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value === null || value === undefined ? '—' : String(value);
}

function Detail({ render }: { render: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" className="tg-row-card-more" onClick={() => setOpen(!open)}>
        {open ? '收起详情' : '展开详情'}
      </Button>
      {open && <div className="tg-row-card-detail">{render()}</div>}
    </>
  );
}

type Props<T> = {
  columns: ColumnsType<T>;
  items: readonly T[];
  card: CardFields;
  keyOf: (row: T) => string;
  loading?: boolean;
  pageSize?: number;
  emptyText?: string;
  expand?: RowExpansion<T>;
  testId?: string;
};

/** A list as cards, one per row, made of the columns the list declares (a phone's list). */
export function RowCards<T extends object>({
  columns,
  items,
  card,
  keyOf,
  loading,
  pageSize,
  emptyText,
  expand,
  testId,
}: Props<T>) {
  const byKey = new Map<string, ColumnType<T>>();
  for (const column of columns) {
    const key = columnKey(column);
    if (key !== undefined && !('children' in column)) byKey.set(key, column);
  }
  const labelled = (key: string | undefined, row: T, index: number, className: string) => {
    const column = key === undefined ? undefined : byKey.get(key);
    if (!column) return null;
    return (
      <div className={className}>
        <span className="tg-row-card-label">{typeof column.title === 'string' ? column.title : null}</span>
        <span className="tg-row-card-value">{cellOf(column, row, index)}</span>
      </div>
    );
  };
  const bare = (key: string | undefined, row: T, index: number) => {
    const column = key === undefined ? undefined : byKey.get(key);
    return column ? cellOf(column, row, index) : null;
  };

  return (
    <List<T>
      className="tg-row-cards"
      data-testid={testId}
      dataSource={[...items]}
      loading={loading}
      rowKey={keyOf}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      pagination={pageSize && items.length > pageSize ? { pageSize, size: 'small', simple: true } : false}
      renderItem={(row, index) => (
        <List.Item className="tg-row-card">
          <div className="tg-row-card-head">
            <div className="tg-row-card-title">{bare(card.title, row, index)}</div>
            {card.state && <div className="tg-row-card-state">{bare(card.state, row, index)}</div>}
          </div>
          {labelled(card.deadline, row, index, 'tg-row-card-line tg-row-card-deadline')}
          {card.details?.map((key) => (
            <Fragment key={key}>{labelled(key, row, index, 'tg-row-card-line')}</Fragment>
          ))}
          {card.action && <div className="tg-row-card-action">{bare(card.action, row, index)}</div>}
          {expand && (expand.when?.(row) ?? true) && <Detail render={() => expand.render(row)} />}
        </List.Item>
      )}
    />
  );
}
