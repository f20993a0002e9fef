import { AUDIT_BREAK_KINDS, type AuditBreak, type AuditVerify } from '@tiegui/domain';
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatTime } from '../../lib/time';

const columns: ColumnsType<AuditBreak> = [
  {
    title: '记录序号',
    key: 'seq',
    width: 130,
    render: (_, b) =>
      b.seq === null
        ? '检查点文件'
        : b.lastSeq !== null && b.lastSeq !== b.seq
          ? `${b.seq}–${b.lastSeq}`
          : b.seq,
  },
  {
    title: '问题',
    dataIndex: 'kind',
    width: 150,
    render: (kind: AuditBreak['kind']) => <Tag color="red">{AUDIT_BREAK_KINDS[kind]}</Tag>,
  },
  { title: '说明', dataIndex: 'message' },
];

function BreakList({ result }: { result: AuditVerify }) {
  return (
    <>
      <Table
        data-testid="audit-verify-breaks"
        size="small"
        rowKey={(b) => `${b.kind}-${b.seq ?? 'file'}-${b.message}`}
        columns={columns}
        dataSource={result.breaks}
        pagination={result.breaks.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
      />
      {result.omitted > 0 && <div style={{ marginTop: 8 }}>另有 {result.omitted} 处问题未列出。</div>}
    </>
  );
}

/** The outcome of 校验完整性: one line when intact, else every break the server found. */
export function AuditVerifyResult({ result, onClose }: { result: AuditVerify; onClose(): void }) {
  const compared = result.checkpoints
    ? `，并与 ${result.checkpoints} 个检查点核对（最新：${formatTime(result.lastCheckpointAt)}）`
    : '';
  const total = result.breaks.length + result.omitted;
  return (
    <Alert
      data-testid="audit-verify-result"
      style={{ marginBottom: 12 }}
      showIcon
      closable
      onClose={onClose}
      type={result.ok ? 'success' : 'error'}
      message={
        result.ok
          ? `校验通过：共校验 ${result.checked} 条记录${compared}，哈希链完整，未发现篡改。`
          : `校验未通过：共校验 ${result.checked} 条记录${compared}，发现 ${total} 处问题。`
      }
      description={result.ok ? undefined : <BreakList result={result} />}
    />
  );
}
