import type { InvestigationView, ObligationState } from '@tiegui/domain';
import { Descriptions, List, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type CardFields, ListTable } from '../../components/list-page';
import { formatTime } from '../../lib/time';
import { ObligationStateTag } from '../obligations/obligation-labels';
import { EvidenceValue } from './hazard-history';
import { LevelTag } from './hazard-labels';

function foundText(r: InvestigationView): string {
  if (r.hazardIds.length === 0) return '未发现';
  const general = r.hazardIds.length - r.majorHazardsFound;
  return [r.majorHazardsFound ? `重大 ${r.majorHazardsFound} 项` : '', general ? `一般 ${general} 项` : '']
    .filter(Boolean)
    .join('，');
}

const columns: ColumnsType<InvestigationView> = [
  { title: '月份', dataIndex: 'month', width: 90, fixed: 'left' },
  {
    title: '矿山',
    dataIndex: 'mineName',
    width: 180,
    render: (name: string, r) => <Link to={`/mines/${r.mineId}`}>{name}</Link>,
  },
  { title: '排查日期', dataIndex: 'investigatedOn', width: 110 },
  { title: '带队负责人', dataIndex: 'leader', width: 110 },
  { title: '参加人员', dataIndex: 'participants', width: 200, ellipsis: true },
  { title: '发现隐患', key: 'found', width: 140, render: (_, r) => foundText(r) },
  {
    title: '任务报送',
    dataIndex: 'obligationState',
    width: 150,
    render: (state: string | null, r) =>
      state && r.obligationId ? (
        <Link to={`/duties/${r.obligationId}`}>
          <ObligationStateTag state={state as ObligationState} />
        </Link>
      ) : (
        <Typography.Text type="secondary">无对应任务</Typography.Text>
      ),
  },
  {
    title: '记录时间',
    dataIndex: 'createdAt',
    width: 160,
    render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm'),
  },
];

/** What a record says beyond its row: scope, the hazards found (each linked), notes and files. */
function RecordDetails({ record }: { record: InvestigationView }) {
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="排查范围">
        <span style={{ whiteSpace: 'pre-wrap' }}>{record.scope}</span>
      </Descriptions.Item>
      <Descriptions.Item label="参加人员">{record.participants}</Descriptions.Item>
      <Descriptions.Item label="发现的隐患">
        {record.hazards.length === 0 ? (
          '本月排查未发现隐患'
        ) : (
          <List
            size="small"
            dataSource={record.hazards}
            renderItem={(h) => (
              <List.Item>
                <Space size={4}>
                  <LevelTag level={h.level} />
                  <Link to={`/hazards/${h.id}`}>{h.description}</Link>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Descriptions.Item>
      <Descriptions.Item label="说明">{record.notes ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="附件">
        <EvidenceValue name="files" value={record.files} />
      </Descriptions.Item>
    </Descriptions>
  );
}

const CARD: CardFields = {
  title: 'mineName',
  state: 'obligationState',
  details: ['month', 'investigatedOn', 'leader', 'found'],
};

type Props = { items: InvestigationView[]; loading: boolean };

/** The monthly investigations as rows, newest month first; a row opens to its details. */
export function InvestigationTable({ items, loading }: Props) {
  return (
    <ListTable<InvestigationView>
      columns={columns}
      card={CARD}
      items={items}
      loading={loading}
      pageSize={50}
      expand={{ render: (record) => <RecordDetails record={record} /> }}
      emptyText="没有排查记录"
      testId="investigation-table"
    />
  );
}
