import {
  EVALUATOR_KINDS,
  fieldLabel,
  type HazardEvent,
  ownValue,
  PRODUCTION_STOPS,
  ROOT_CAUSE_CATEGORIES,
  SUPERVISION_CADENCES,
} from '@tiegui/domain';
import { Empty, Space, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fileUrl } from '../../components/form-renderer';
import { formatTime } from '../../lib/time';

const VALUE_LABELS: Record<string, Readonly<Record<string, string>>> = {
  rootCauseCategory: ROOT_CAUSE_CATEGORIES,
  evaluatorKind: EVALUATOR_KINDS,
  reportCadence: SUPERVISION_CADENCES,
  scope: PRODUCTION_STOPS,
};
// In recorded evidence `level` is a supervision's level (督办), not the hazard's.
const labelOfKey = (key: string) => (key === 'level' ? '督办级别' : fieldLabel([key]));

const isFileList = (v: unknown): v is { id: string; name: string }[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'id' in x && 'name' in x);

/** A recorded evidence value as text, file links, or its own small list. */
export function EvidenceValue({ name, value }: { name: string; value: unknown }): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (isFileList(value)) {
    if (value.length === 0) return '—';
    return (
      <Space size={8} wrap>
        {value.map((f) => (
          <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.name}
          </a>
        ))}
      </Space>
    );
  }
  if (typeof value === 'object') {
    return (
      <span>
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <span key={k} style={{ marginInlineEnd: 8 }}>
            {labelOfKey(k)}：<EvidenceValue name={k} value={v} />
          </span>
        ))}
      </span>
    );
  }
  const text = String(value);
  const labels = ownValue(VALUE_LABELS, name);
  return (labels && ownValue(labels, text)) ?? text;
}

export function EvidenceList({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence).filter(
    ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
  );
  if (entries.length === 0) return null;
  return (
    <div style={{ marginTop: 4 }}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary">{labelOfKey(k)}：</Typography.Text>
          <EvidenceValue name={k} value={v} />
        </div>
      ))}
    </div>
  );
}

/** 办理记录: who did what when, with what they recorded. */
export function HazardHistory({ events }: { events: HazardEvent[] }) {
  if (events.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      data-testid="hazard-history"
      items={events.map((e) => ({
        key: e.id,
        children: (
          <div>
            <Typography.Text strong>{e.label}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {formatTime(e.at, 'YYYY-MM-DD HH:mm')} · {e.actorName ?? '—'}
              {e.actorOrgName ? `（${e.actorOrgName}）` : ''}
            </Typography.Text>
            <EvidenceList evidence={e.evidence} />
          </div>
        ),
      }))}
    />
  );
}
