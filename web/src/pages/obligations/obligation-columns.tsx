import type { Obligation } from '@tiegui/domain';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { CardFields } from '../../components/list-page';
import { formatTime } from '../../lib/time';
import type { ObligationScope } from './obligation-api';
import { obligationStateColumn, taskLabel } from './obligation-labels';

const DEADLINE = 'YYYY-MM-DD HH:mm';

/** A duty on a phone: what is owed, its state and deadline; a reviewer's card names who reported. */
export function obligationCard(scope: ObligationScope): CardFields {
  return {
    title: 'dutyTitle',
    state: 'state',
    deadline: 'dueAt',
    details: scope === 'review' ? ['orgName', 'periodLabel', 'submittedAt'] : ['task', 'periodLabel'],
  };
}

/** A duty list's columns; a reviewer's list names who reported and when. */
export function obligationColumns(scope: ObligationScope): ColumnsType<Obligation> {
  const review = scope === 'review';
  const columns: ColumnsType<Obligation> = [
    { title: '任务', dataIndex: 'task', width: 80, render: (task: string) => taskLabel(task) },
    {
      title: '职责',
      dataIndex: 'dutyTitle',
      width: 280,
      render: (title: string, o) => (
        <>
          <Link to={`/duties/${o.id}`}>{title}</Link>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.campaignTitle}
          </Typography.Text>
        </>
      ),
    },
  ];
  if (review) columns.push({ title: '报送单位', dataIndex: 'orgName', width: 180 });
  columns.push(
    { title: '周期', dataIndex: 'periodLabel', width: 120 },
    { title: '截止时间', dataIndex: 'dueAt', width: 150, render: (v: string) => formatTime(v, DEADLINE) },
  );
  if (review) {
    columns.push({
      title: '报送时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string | null) => formatTime(v, DEADLINE),
    });
  }
  columns.push(obligationStateColumn(200));
  return columns;
}
