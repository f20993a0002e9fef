import { type HazardDuplicate, ZHazardDuplicateError } from '@tiegui/domain';
import { Alert, Button, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { LevelTag, StateTag } from './hazard-labels';

/** The candidates of the server's 409 `DUPLICATE`, or null for any other error. */
export function duplicatesOf(error: unknown): { message: string; candidates: HazardDuplicate[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = ZHazardDuplicateError.safeParse(error.body);
  return parsed.success ? { message: parsed.data.message, candidates: parsed.data.candidates } : null;
}

type Props = {
  message: string;
  candidates: HazardDuplicate[];
  /** Sends the registration again, confirming it is not one of these. */
  onConfirm: () => void;
  confirming: boolean;
};

/** Hazards a registration likely repeats, each a link, and 仍然登记 for one that is not the same. */
export function HazardDuplicates({ message, candidates, onConfirm, confirming }: Props) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="hazard-duplicates"
      style={{ marginBottom: 16 }}
      message={message}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <List<HazardDuplicate>
            size="small"
            dataSource={candidates}
            renderItem={(h) => (
              <List.Item>
                <Space wrap>
                  <LevelTag level={h.level} />
                  <Link to={`/hazards/${h.id}`} target="_blank">
                    {h.description}
                  </Link>
                  <Typography.Text type="secondary">
                    {h.location} · {h.foundOn}
                  </Typography.Text>
                  <StateTag state={h.state} />
                </Space>
              </List.Item>
            )}
          />
          <Button onClick={onConfirm} loading={confirming}>
            仍然登记
          </Button>
        </Space>
      }
    />
  );
}
