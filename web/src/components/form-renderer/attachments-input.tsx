import { UploadOutlined } from '@ant-design/icons';
import { type FileRef, UPLOAD_ACCEPT, UPLOAD_MAX_MB } from '@tiegui/domain';
import { App, Button, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload';
import { useRef, useState } from 'react';
import { uploadFile } from '../../api/client';

/** Where an uploaded file is read back (GET /api/files/:id). */
export function fileUrl(id: string): string {
  return `/api/files/${encodeURIComponent(id)}`;
}

type Props = {
  value?: FileRef[];
  onChange?: (value: FileRef[]) => void;
  maxFiles: number;
  disabled?: boolean;
  id?: string;
};

/**
 * Attachments: each file goes to POST /api/files (multipart field `file`) as soon as it is picked;
 * the value is the list of `{id, name}` the server answered. Uploads in flight or failed stay local.
 */
export function AttachmentsInput({ value, onChange, maxFiles, disabled, id }: Props) {
  const { message } = App.useApp();
  const [uploads, setUploads] = useState<UploadFile[]>([]);
  const files = value ?? [];
  // Several uploads may finish before the next render; each adds to the latest list, not a stale one.
  const latest = useRef(files);
  latest.current = files;
  const fileList: UploadFile[] = [
    ...files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: fileUrl(f.id) })),
    ...uploads,
  ];
  const full = files.length + uploads.filter((u) => u.status === 'uploading').length >= maxFiles;

  return (
    <div id={id}>
      <Upload
        fileList={fileList}
        disabled={disabled}
        multiple
        accept={UPLOAD_ACCEPT}
        beforeUpload={(file, batch) => {
          if (file.size > UPLOAD_MAX_MB * 1024 * 1024) {
            message.error(`${file.name}：文件不能超过${UPLOAD_MAX_MB}MB`);
            return Upload.LIST_IGNORE;
          }
          const room = maxFiles - files.length - uploads.filter((u) => u.status === 'uploading').length;
          if (batch.length > room) {
            message.error(`最多上传${maxFiles}个附件`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          uploadFile<Partial<FileRef>>('/files', file as Blob)
            .then((answer) => onSuccess?.(answer))
            .catch((error: Error) => {
              message.error(`${(file as File).name}：${error.message}`);
              onError?.(error);
            });
        }}
        onChange={({ file, fileList: next }) => {
          if (file.status === 'done') {
            const answer = (file.response ?? {}) as Partial<FileRef>;
            setUploads((current) => current.filter((u) => u.uid !== file.uid));
            if (answer.id) {
              latest.current = [...latest.current, { id: answer.id, name: answer.name ?? file.name }];
              onChange?.(latest.current);
            }
            return;
          }
          if (file.status === 'removed') {
            if (files.some((f) => f.id === file.uid)) {
              latest.current = latest.current.filter((f) => f.id !== file.uid);
              onChange?.(latest.current);
            }
            setUploads((current) => current.filter((u) => u.uid !== file.uid));
            return;
          }
          setUploads(next.filter((f) => !files.some((saved) => saved.id === f.uid)));
        }}
      >
        {!disabled && !full && <Button icon={<UploadOutlined />}>上传附件</Button>}
      </Upload>
      {!disabled && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          最多{maxFiles}个，单个不超过{UPLOAD_MAX_MB}MB
        </Typography.Text>
      )}
    </div>
  );
}
