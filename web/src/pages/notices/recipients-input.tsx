import {
  NOTICE_RECIPIENT_KINDS,
  type NoticeRecipientKind,
  ORG_KINDS,
  type RecipientOptions,
} from '@tiegui/domain';
import { Checkbox, Space, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';

export type Recipients = { orgIds: string[]; kinds: NoticeRecipientKind[] };

type TreeNode = { value: string; title: string; children: TreeNode[] };

function treeOf(orgs: RecipientOptions['orgs']): TreeNode[] {
  const nodes = new Map(
    orgs.map((o) => [
      o.id,
      { value: o.id, title: `${o.name}（${ORG_KINDS[o.kind]}）`, children: [] as TreeNode[] },
    ]),
  );
  const roots: TreeNode[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

type Props = {
  id?: string;
  value?: Recipients;
  onChange?: (value: Recipients) => void;
  options: RecipientOptions | undefined;
  loading: boolean;
};

/**
 * 接收单位: quick picks by kind (全部县局, 全部矿山, 全部上级公司 …, with how many orgs each reaches now)
 * and any single orgs from the tree of the org's jurisdiction. The server resolves both at issue time.
 */
export function RecipientsInput({ id, value, onChange, options, loading }: Props) {
  const current: Recipients = value ?? { orgIds: [], kinds: [] };
  const tree = useMemo(() => treeOf(options?.orgs ?? []), [options]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} id={id}>
      <Checkbox.Group
        value={current.kinds}
        onChange={(kinds) => onChange?.({ ...current, kinds: kinds as NoticeRecipientKind[] })}
        options={(options?.kinds ?? []).map((k) => ({
          value: k.kind,
          label: (
            <span data-testid={`recipient-kind-${k.kind}`}>
              {NOTICE_RECIPIENT_KINDS[k.kind]}
              <Typography.Text type="secondary">（{k.count}）</Typography.Text>
            </span>
          ),
        }))}
      />
      <TreeSelect
        multiple
        allowClear
        showSearch
        treeNodeFilterProp="title"
        placeholder="另选单位（可搜索）"
        loading={loading}
        value={current.orgIds}
        onChange={(orgIds: string[]) => onChange?.({ ...current, orgIds })}
        treeData={tree}
        maxTagCount={8}
        style={{ width: '100%' }}
        popupMatchSelectWidth
      />
    </Space>
  );
}
