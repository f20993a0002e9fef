import type { Org } from '@tiegui/domain';
import { ORG_KINDS, REGULATOR_KINDS } from '@tiegui/domain';
import { Card, Empty, Input, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../api/me';
import { useOrgs } from '../../api/orgs';
import { Loading, QueryError } from '../../components/status-results';
import { regionName } from '../../lib/labels';
import { JointIssuersCard } from './joint-issuers-card';
import { branchIds, buildOrgTree, filterOrgTree, type OrgNode } from './org-tree';

const KIND_COLORS: Record<Org['kind'], string> = {
  province: 'red',
  division: 'volcano',
  city: 'orange',
  county: 'gold',
  group: 'purple',
  mine: 'blue',
};

function OrgTitle({ org }: { org: Org }) {
  const region = org.regionCode
    ? `${org.regionCode}${regionName(org.regionCode) ? ` ${regionName(org.regionCode)}` : ''}`
    : null;
  return (
    <span>
      {org.kind === 'mine' ? (
        <Typography.Link style={{ marginInlineEnd: 6 }}>{org.name}</Typography.Link>
      ) : (
        <span style={{ marginInlineEnd: 6 }}>{org.name}</span>
      )}
      <Tag color={KIND_COLORS[org.kind]}>{ORG_KINDS[org.kind]}</Tag>
      {region && <Typography.Text type="secondary">{region}</Typography.Text>}
      {org.coveredRegions.length > 0 && (
        <Typography.Text type="secondary"> · 监察范围 {org.coveredRegions.join('、')}</Typography.Text>
      )}
      {!org.active && <Tag style={{ marginInlineStart: 6 }}>已停用</Tag>}
    </span>
  );
}

function toDataNodes(nodes: readonly OrgNode[]): DataNode[] {
  return nodes.map((n) => ({
    key: n.org.id,
    title: <OrgTitle org={n.org} />,
    isLeaf: n.children.length === 0,
    children: toDataNodes(n.children),
  }));
}

export function OrgsPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const query = useOrgs();

  const items = query.data;
  const byId = useMemo(() => new Map((items ?? []).map((o) => [o.id, o])), [items]);
  const tree = useMemo(() => buildOrgTree(items ?? []), [items]);
  const visible = useMemo(() => filterOrgTree(tree, search), [tree, search]);
  const treeData = useMemo(() => toDataNodes(visible), [visible]);

  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const mineCount = items?.filter((o) => o.kind === 'mine').length ?? 0;
  const expandedKeys = search.trim() ? branchIds(visible) : (expanded ?? branchIds(tree));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="组织机构"
        extra={
          <Typography.Text type="secondary">{`${byId.size} 个单位，其中矿山 ${mineCount} 座`}</Typography.Text>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            allowClear
            placeholder="按名称或行政区划代码查找"
            onChange={(e) => setSearch(e.target.value)}
            style={{ maxWidth: 360 }}
          />
          {treeData.length === 0 ? (
            <Empty description="没有可查看的单位" />
          ) : (
            <div style={{ overflowX: 'auto' }}>
              <Tree
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                height={640}
                blockNode
                onSelect={(_keys, { node }) => {
                  const org = byId.get(String(node.key));
                  if (org?.kind === 'mine') void navigate(`/mines/${org.id}`);
                }}
              />
            </div>
          )}
        </Space>
      </Card>
      {REGULATOR_KINDS.includes(me.org.kind) && <JointIssuersCard orgs={items ?? []} />}
    </Space>
  );
}
