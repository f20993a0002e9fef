import { Button, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { isApiError } from '../api/client';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

type QueryErrorProps = { error: unknown; notFoundTitle?: string; onRetry?: () => void };

/** What a page shows when its main query failed: 404 and 403 get their own words. */
export function QueryError({ error, notFoundTitle = '记录不存在或无权查看', onRetry }: QueryErrorProps) {
  if (isApiError(error, 404)) {
    return <Result status="404" title={notFoundTitle} extra={<Link to="/">返回首页</Link>} />;
  }
  if (isApiError(error, 403)) {
    return <Result status="403" title="没有查看权限" subTitle={error.message} />;
  }
  const message = error instanceof Error ? error.message : '加载失败';
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
