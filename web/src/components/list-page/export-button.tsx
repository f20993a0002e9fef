import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { downloadFile, type Query } from '../../api/client';

type Props = {
  /** The export route, asked with the list's own filters so the file holds what the list shows. */
  path: string;
  query: Query;
  /** The file's name when the server gives none. */
  fileName: string;
  children?: ReactNode;
};

/** Downloads the filtered list as the server builds it (an Excel file); a failure says why. */
export function ExportButton({ path, query, fileName, children = '导出' }: Props) {
  const { message } = App.useApp();
  const exporter = useMutation({
    mutationFn: () => downloadFile(path, query, fileName),
    onError: (err) => message.error(err.message),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate()}>
      {children}
    </Button>
  );
}
