import type { AuditEvent } from '@tiegui/domain';
import { AUDIT_ACTIONS, ownField, ownValue, REFUSAL_WINDOW_MINUTES } from '@tiegui/domain';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type CardFields, ListTable } from '../../components/list-page';
import { labelOf } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { REFUSAL_STATUS } from './audit-refusals';

const ENTITY_LABELS: Record<string, string> = {
  mine: '矿山',
  user: '用户',
  org: '单位',
  session: '会话',
  joint_issuer: '联合发文单位',
  file: '文件',
  campaign: '专项活动',
};

/** What a few events mean, in words; the rest show their changes as recorded. */
function changesText(e: AuditEvent): string {
  const v = e.changes;
  if (e.action === 'access.denied_repeated') {
    const status = Number(ownField(v, 'status'));
    return `${REFUSAL_WINDOW_MINUTES}分钟内又被拒绝${String(ownField(v, 'count'))}次：${String(ownField(v, 'method'))} ${String(ownField(v, 'route'))}，${REFUSAL_STATUS[status] ?? status}`;
  }
  if (e.action === 'file.downloaded') return `下载“${String(ownField(v, 'name'))}”`;
  return JSON.stringify(v);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const columns: ColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间（北京时间）', dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
  { title: '操作人', dataIndex: 'actorUsername', width: 120, render: (v: string | null) => v ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (v: string) => <span title={v}>{labelOf(AUDIT_ACTIONS, v)}</span>,
  },
  {
    title: '对象',
    key: 'entity',
    width: 200,
    render: (_, e) =>
      e.entityType ? (
        <span style={{ whiteSpace: 'nowrap' }}>
          {ownValue(ENTITY_LABELS, e.entityType) ?? e.entityType}
          {e.entityId && (
            <Typography.Text
              type="secondary"
              copyable={{ text: e.entityId }}
            >{` ${e.entityId}`}</Typography.Text>
          )}
        </span>
      ) : (
        '—'
      ),
  },
  { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  {
    title: '变更',
    dataIndex: 'changes',
    width: 260,
    render: (v: unknown, e) =>
      v === null || v === undefined ? (
        '—'
      ) : (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }} title={changesText(e)}>
          {changesText(e)}
        </Typography.Text>
      ),
  },
];

const CARD: CardFields = { title: 'action', details: ['at', 'actorUsername', 'entity', 'ip', 'changes'] };

type Props = { items: AuditEvent[]; loading: boolean };

/** Each row's changes are collapsed to one line; expanding the row shows the full JSON. */
export function AuditTable({ items, loading }: Props) {
  return (
    <ListTable<AuditEvent>
      rowKey="seq"
      size="small"
      columns={columns}
      card={CARD}
      items={items}
      loading={loading}
      expand={{
        when: (e) => e.changes !== null && e.changes !== undefined,
        render: (e) => <pre className="tg-json">{json(e.changes)}</pre>,
      }}
    />
  );
}
