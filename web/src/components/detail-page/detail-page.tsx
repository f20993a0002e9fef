import { ArrowLeftOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, type CardProps, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PrintButton, PrintHeader } from '../print';
import { Loading, QueryError } from '../status-results';

/**
 * The page of one record at a route with `:id`: a spinner while the record loads, 404 when it is
 * missing or outside the reader's data scope (the server answers both alike, so nothing leaks), an
 * error with 重试, then `View` with the record. `useRecord` is the record's query hook.
 */
export function detailPage<T>(
  useRecord: (id: string | undefined) => UseQueryResult<T>,
  notFoundTitle: string,
  View: (props: { record: T }) => ReactNode,
): () => ReactNode {
  return function DetailPage() {
    const { id } = useParams();
    const query = useRecord(id);
    if (query.isPending) return <Loading />;
    if (query.isError) {
      return (
        <QueryError error={query.error} notFoundTitle={notFoundTitle} onRetry={() => void query.refetch()} />
      );
    }
    return <View record={query.data} />;
  };
}

type CardTitleProps = Omit<CardProps, 'title'> & {
  title: ReactNode;
  /** The record's name on paper: given, the card has 打印 and a printed copy carries who printed it. */
  printTitle?: string;
};

/**
 * A record page's main card: 返回 before the title, title and buttons wrapping on a phone; a
 * record a person prints and stamps has 打印 beside its actions.
 */
export function DetailCard({ title, styles, printTitle, extra, children, ...card }: CardTitleProps) {
  const navigate = useNavigate();
  return (
    <Card
      title={
        <Space wrap>
          <Button
            type="text"
            className="tg-no-print"
            icon={<ArrowLeftOutlined />}
            aria-label="返回"
            onClick={() => void navigate(-1)}
          />
          {title}
        </Space>
      }
      extra={
        printTitle === undefined ? (
          extra
        ) : (
          <Space wrap>
            {extra}
            <PrintButton />
          </Space>
        )
      }
      styles={{ ...styles, header: { flexWrap: 'wrap', gap: 8 } }}
      {...card}
    >
      {printTitle !== undefined && <PrintHeader title={printTitle} />}
      {children}
    </Card>
  );
}
