import { UploadOutlined } from '@ant-design/icons';
import { type FileRef, type StoredFile, UPLOAD_ACCEPT, UPLOAD_MAX_MB } from '@tiegui/domain';
import { App, Button, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload';
import { useRef, useState } from 'react';
import { uploadFile } from '../../api/client';
import { fileUrl } from './notice-api';

type Props = { id?: string; value?: FileRef[]; onChange?: (value: FileRef[]) => void; max?: number };

/** 附件: each picked file goes to POST /api/files at once; the value is the `{id, name}` list the server answered. */
export function AttachmentsField({ id, value, onChange, max = 20 }: Props) {
  const { message } = App.useApp();
  const [pending, setPending] = useState<UploadFile[]>([]);
  const files = value ?? [];
  // Several uploads may finish before the next render: each adds to the latest list.
  const latest = useRef(files);
  latest.current = files;

  return (
    <div id={id}>
      <Upload
        multiple
        accept={UPLOAD_ACCEPT}
        fileList={[
          ...files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: fileUrl(f.id) })),
          ...pending,
        ]}
        beforeUpload={(file) => {
          if (file.size > UPLOAD_MAX_MB * 1024 * 1024) {
            message.error(`${file.name}：文件不能超过${UPLOAD_MAX_MB}MB`);
            return Upload.LIST_IGNORE;
          }
          if (files.length + pending.length >= max) {
            message.error(`附件最多${max}个`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          uploadFile<StoredFile>('/files', file as Blob, 'file', (file as File).name)
            .then((stored) => onSuccess?.(stored))
            .catch((error: Error) => {
              message.error(`${(file as File).name}：${error.message}`);
              onError?.(error);
            });
        }}
        onChange={({ file, fileList }) => {
          if (file.status === 'done') {
            const stored = file.response as StoredFile;
            setPending((list) => list.filter((f) => f.uid !== file.uid));
            latest.current = [...latest.current, { id: stored.id, name: stored.name }];
            onChange?.(latest.current);
          } else if (file.status === 'removed') {
            setPending((list) => list.filter((f) => f.uid !== file.uid));
            if (files.some((f) => f.id === file.uid)) {
              latest.current = latest.current.filter((f) => f.id !== file.uid);
              onChange?.(latest.current);
            }
          } else if (file.status === 'error') {
            setPending((list) => list.filter((f) => f.uid !== file.uid));
          } else {
            setPending(fileList.filter((f) => !files.some((saved) => saved.id === f.uid)));
          }
        }}
      >
        <Button icon={<UploadOutlined />}>上传附件</Button>
      </Upload>
    </div>
  );
}
