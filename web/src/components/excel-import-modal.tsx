import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MineImportResult as ImportResult } from '@tiegui/domain';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { apiUrl, downloadFile, uploadFile } from '../api/client';

/** What differs between registers: where its routes live and how its rows are named. */
export interface ImportTarget {
  /** The API base: `/mines` has `/mines/import-template`, `/mines/import`, `/mines/import-receipts/:id`. */
  base: string;
  title: string;
  templateName: string;
  /** One row of the sheet, e.g. 一座矿山. */
  rowIs: string;
}

type Props = { open: boolean; onClose: () => void; target: ImportTarget };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 导入: template download, one .xlsx upload, and the server's per-row verdict with its receipt. */
export function ExcelImportModal({ open, onClose, target }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const template = useMutation({
    mutationFn: () => downloadFile(`${target.base}/import-template`, undefined, target.templateName),
    onError: (err) => message.error(err.message),
  });

  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<ImportResult>(`${target.base}/import`, file, 'file', file.name),
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (data) => {
      setResult(data);
      if (data.imported > 0) void queryClient.invalidateQueries({ queryKey: [target.base.slice(1)] });
    },
    onError: (err) => setError(err.message),
  });

  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };

  return (
    <Modal
      title={target.title}
      open={open}
      onCancel={close}
      footer={<Button onClick={close}>关闭</Button>}
      width={720}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
          下载模板
        </Button>
        <Upload.Dragger
          accept={`.xlsx,${XLSX_TYPE}`}
          maxCount={1}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            if (!file.name.toLowerCase().endsWith('.xlsx')) {
              setError('请上传 .xlsx 格式的 Excel 文件');
              return Upload.LIST_IGNORE;
            }
            upload.mutate(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? '正在导入…' : '点击或拖入填好的 .xlsx 文件'}</p>
          <p className="ant-upload-hint">
            按模板填写，每行{target.rowIs}；有错误的行不会导入，可下载错误回执修改后重新导入。
          </p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon message={error} />}
        {result && <ImportResultView result={result} base={target.base} />}
      </Space>
    </Modal>
  );
}

function ImportResultView({ result, base }: { result: ImportResult; base: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-result">
      <Alert
        type={result.failed === 0 ? 'success' : result.imported === 0 ? 'error' : 'warning'}
        showIcon
        message={`共 ${result.total} 行，成功导入 ${result.imported} 行，失败 ${result.failed} 行`}
      />
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="总行数">{result.total}</Descriptions.Item>
        <Descriptions.Item label="已导入">{result.imported}</Descriptions.Item>
        <Descriptions.Item label="失败">{result.failed}</Descriptions.Item>
      </Descriptions>
      {result.receiptId && (
        <a href={apiUrl(`${base}/import-receipts/${encodeURIComponent(result.receiptId)}`)} download>
          <DownloadOutlined /> 下载错误回执
        </a>
      )}
      {result.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.message}`}
          dataSource={result.errors}
          pagination={result.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 80 },
            { title: '错误原因', dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
