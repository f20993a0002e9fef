import type { AuditEvent } from '@tiegui/domain';
import {
  AUDIT_ACTIONS,
  apiFunctionName,
  auditActorLabel,
  auditChangeLines,
  ownField,
  REFUSAL_WINDOW_MINUTES,
  recordKindLabel,
  recordPage,
} from '@tiegui/domain';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type CardFields, ListTable } from '../../components/list-page';
import { labelOf } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { REFUSAL_STATUS } from './audit-refusals';

/** The changes of an event in words: its record kind and the names of the records it names. */
const linesOf = (e: AuditEvent) =>
  auditChangeLines(e.changes, { entityType: e.entityType, names: e.valueNames });

/** What a few events mean, in a sentence; the rest show their changes line by line. */
function changesText(e: AuditEvent): string {
  const v = e.changes;
  if (e.action === 'access.denied_repeated') {
    const status = Number(ownField(v, 'status'));
    const route = apiFunctionName(String(ownField(v, 'method')), String(ownField(v, 'route')));
    return `${REFUSAL_WINDOW_MINUTES}分钟内又被拒绝${String(ownField(v, 'count'))}次：${route}，${REFUSAL_STATUS[status] ?? status}`;
  }
  if (e.action === 'file.downloaded') return `下载“${String(ownField(v, 'name'))}”`;
  return linesOf(e).join('；');
}

const columns: ColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间（北京时间）', dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
  {
    title: '操作人',
    dataIndex: 'actorUsername',
    width: 120,
    render: (v: string | null) => auditActorLabel(v),
  },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (v: string) => <span title={v}>{labelOf(AUDIT_ACTIONS, v)}</span>,
  },
  {
    title: '对象',
    key: 'entity',
    width: 220,
    render: (_, e) => {
      if (!e.entityType) return '—';
      const page = recordPage(e.entityType, e.entityId);
      const name = e.entityName ?? e.entityId;
      return (
        <span>
          {recordKindLabel(e.entityType)}
          {name && '：'}
          {name && (page ? <Link to={page}>{name}</Link> : name)}
        </span>
      );
    },
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

/** Each row's changes are collapsed to one line; expanding the row shows each changed field on its own line. */
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
        render: (e) => (
          <ul className="tg-change-lines">
            {linesOf(e).map((line, i) => (
              // A line's place is its identity: the lines of one event never reorder.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>{line}</li>
            ))}
          </ul>
        ),
      }}
    />
  );
}
