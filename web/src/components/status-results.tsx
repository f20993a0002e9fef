import { Button, Result, Spin } from 'antd';
import { Link, useRouteError } from 'react-router';
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

/** What shows while a page's code is fetched (each page is its own chunk). */
export function PageLoading() {
  return (
    <Spin size="large" tip="页面加载中…">
      <div style={{ minHeight: 200 }} />
    </Spin>
  );
}

/**
 * What a page that failed to load or to render shows instead of React Router's English default:
 * usually its chunk is gone after an update or the page met data it did not expect. 重试 loads the
 * page afresh; 返回首页 leaves it.
 */
export function PageError() {
  const error = useRouteError();
  // The cause goes to the console for whoever investigates; the user reads what to do.
  console.error(error);
  return (
    <Result
      status="error"
      title="页面出错"
      subTitle="页面加载或显示时出错。请重试；如仍出错，请返回首页或联系系统管理员。"
      extra={[
        <Button key="retry" type="primary" onClick={() => window.location.reload()}>
          重试
        </Button>,
        // A full load: whatever failed in this page's code is left behind.
        <Button key="home" href="/">
          返回首页
        </Button>,
      ]}
    />
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
