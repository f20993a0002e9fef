import { Alert, Button, type TableProps, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { isApiError } from '../../api/client';
import { QueryError } from '../status-results';
import type { ListState, ListTotal } from './list-state';
import { ListTable } from './list-table';
import type { CardFields } from './row-cards';

/** 共 N 条, or 超过 N 条 past the server's cap; nothing until counted. */
function totalText(total: ListTotal | undefined, unit: string): string {
  if (!total) return '';
  const n = total.total.toLocaleString('zh-CN');
  return total.capped ? `超过 ${n} ${unit}（请缩小筛选范围），` : `共 ${n} ${unit}，`;
}

type Props<T> = {
  list: ListState<T>;
  columns: ColumnsType<T>;
  /** Which columns make a row's card on a phone (and stay on screen in the table). */
  card: CardFields;
  /** The field that names a row, `id` unless told. */
  rowKey?: string;
  /** What a row counts as: 条, 座, 件 … */
  unit: string;
  /** The test id of the count beside the rows. */
  totalTestId?: string;
  tableTestId?: string;
  /** Shown by an empty list instead of antd's 暂无数据. */
  emptyText?: string;
  /** A sortable header was clicked. */
  onTableChange?: TableProps<T>['onChange'];
};

/**
 * A list's rows, the count beside them and 加载更多. A 400 (a filter the server refuses, e.g. typed
 * into the URL) says why in place; any other failure offers 重试.
 */
export function ListView<T extends object>({
  list,
  columns,
  card,
  rowKey,
  unit,
  totalTestId,
  tableTestId,
  emptyText,
  onTableChange,
}: Props<T>) {
  if (list.error) {
    return isApiError(list.error, 400) ? (
      <Alert type="error" showIcon message={list.error.message} />
    ) : (
      <QueryError error={list.error} onRetry={list.retry} />
    );
  }
  return (
    <>
      <ListTable<T>
        columns={columns}
        card={card}
        items={list.items}
        rowKey={rowKey}
        loading={list.loading}
        emptyText={emptyText}
        onChange={onTableChange}
        testId={tableTestId}
      />
      <div className="tg-toolbar tg-list-footer">
        <Typography.Text type="secondary" data-testid={totalTestId}>
          {totalText(list.total, unit)}已显示 {list.items.length} {unit}
        </Typography.Text>
        {list.hasMore && (
          <Button loading={list.loadingMore} onClick={list.loadMore}>
            加载更多
          </Button>
        )}
      </div>
      {list.moreError && <Alert type="error" showIcon message={list.moreError.message} />}
    </>
  );
}
