import { Alert, Button, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useInvestigationCoverage } from './hazard-api';

type Props = {
  month: string;
  mineId: string | undefined;
  /** A mine sees its own month; a regulator sees every mine in scope. */
  ownMine: boolean;
  /** Where the mine records the month, when the server lets it. */
  recordHref: string | null;
};

/** Who has recorded the month: for a mine, whether it has; for a regulator, the mines that have not. */
export function InvestigationCoverage({ month, mineId, ownMine, recordHref }: Props) {
  const coverage = useInvestigationCoverage(month, mineId);
  if (!coverage.data) {
    return coverage.error ? <Alert type="error" showIcon message={coverage.error.message} /> : null;
  }
  const { mines, recorded, notRecorded } = coverage.data;
  const missing = mines - recorded;

  if (ownMine) {
    return missing === 0 ? (
      <Alert
        type="success"
        showIcon
        message={`${month} 的月度排查已记录`}
        data-testid="investigation-coverage"
      />
    ) : (
      <Alert
        type="warning"
        showIcon
        message={`${month} 的月度排查尚未记录`}
        action={
          recordHref && (
            <Link to={recordHref}>
              <Button size="small" type="primary">
                记录
              </Button>
            </Link>
          )
        }
        data-testid="investigation-coverage"
      />
    );
  }

  return (
    <Alert
      type={missing === 0 ? 'success' : 'warning'}
      showIcon
      data-testid="investigation-coverage"
      message={`${month}：范围内 ${mines} 座矿山，已记录 ${recorded} 座，未记录 ${missing} 座`}
      description={
        missing > 0 && (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              未记录的矿山{notRecorded.length < missing ? `（列出前 ${notRecorded.length} 座）` : ''}：
            </Typography.Text>
            <div style={{ maxHeight: 160, overflowY: 'auto' }} data-testid="investigation-not-recorded">
              {notRecorded.map((m) => (
                <Tag key={m.mineId} style={{ marginBottom: 4 }}>
                  <Link to={`/mines/${m.mineId}`}>{m.mineName}</Link>
                </Tag>
              ))}
            </div>
          </Space>
        )
      }
    />
  );
}
