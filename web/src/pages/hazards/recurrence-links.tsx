import type { Recurrence } from '@tiegui/domain';
import { Space } from 'antd';
import { Link } from 'react-router';

/** A recurrence mine's hazards in order: the first 发现, each later one 再次发现. */
export function RecurrenceLinks({ recurrence }: { recurrence: Recurrence }) {
  return (
    <Space wrap>
      {recurrence.hazards.map((h, i) => (
        <Link key={h.id} to={`/hazards/${h.id}`}>
          {h.foundOn} {i === 0 ? '发现' : '再次发现'}
        </Link>
      ))}
    </Space>
  );
}
