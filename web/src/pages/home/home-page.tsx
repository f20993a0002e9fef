import { ORG_KINDS, ROLES } from '@tiegui/domain';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../api/me';
import { labelOf, regionText } from '../../lib/labels';
import { OpenMajorCard } from '../hazards/open-major-card';
import { navItemsFor } from '../layout/nav-menu';
import { MyObligationsCard } from '../obligations/my-obligations-card';

export function HomePage() {
  const me = useCurrentUser();
  const shortcuts = navItemsFor(me).filter((item) => item.key !== '/');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {me.displayName}，您好
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          欢迎使用铁规 · 矿山安全专项活动监管平台（“学铁规、明责任、硬落实、保安全”专项活动）。
        </Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="所在单位">{me.org.name}</Descriptions.Item>
          <Descriptions.Item label="单位类型">{labelOf(ORG_KINDS, me.org.kind)}</Descriptions.Item>
          <Descriptions.Item label="行政区划">{regionText(me.org.regionCode)}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {me.roles.map((role) => (
              <Tag key={role} color="blue">
                {ROLES[role]}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {can(me, 'campaign.read') && <MyObligationsCard />}
      {can(me, 'hazard.read') && <OpenMajorCard />}
      {shortcuts.length > 0 && (
        <Card title="常用功能" size="small">
          <Space wrap>
            {shortcuts.map((item) => (
              <Link key={item.key} to={item.key}>
                <Tag icon={item.icon} style={{ padding: '4px 10px', fontSize: 14 }}>
                  {item.label}
                </Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
