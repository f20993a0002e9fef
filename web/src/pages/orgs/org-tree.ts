import type { Org, OrgKind } from '@tiegui/domain';

export type OrgNode = { org: Org; children: OrgNode[] };

const KIND_ORDER: Record<OrgKind, number> = {
  province: 0,
  division: 1,
  city: 2,
  county: 3,
  group: 4,
  mine: 5,
};

function compare(a: OrgNode, b: OrgNode): number {
  return (
    KIND_ORDER[a.org.kind] - KIND_ORDER[b.org.kind] ||
    (a.org.regionCode ?? '').localeCompare(b.org.regionCode ?? '') ||
    a.org.name.localeCompare(b.org.name, 'zh-CN')
  );
}

/** Builds the tree from the flat, in-scope list; an org whose parent is out of scope becomes a root. */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map(orgs.map((org) => [org.id, { org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: OrgNode[]) => {
    list.sort(compare);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Keeps the nodes whose name matches and the path to them. */
export function filterOrgTree(nodes: readonly OrgNode[], text: string): OrgNode[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...nodes];
  const out: OrgNode[] = [];
  for (const node of nodes) {
    const hit =
      node.org.name.toLowerCase().includes(needle) ||
      (node.org.shortName ?? '').toLowerCase().includes(needle) ||
      (node.org.regionCode ?? '').startsWith(needle);
    const children = hit ? node.children : filterOrgTree(node.children, text);
    if (hit || children.length > 0) out.push({ org: node.org, children });
  }
  return out;
}

/** Ids of every node that has children which are not all mines, so counties open onto their mines. */
export function branchIds(nodes: readonly OrgNode[]): string[] {
  const ids: string[] = [];
  const walk = (list: readonly OrgNode[]) => {
    for (const n of list) {
      if (n.children.length > 0) ids.push(n.org.id);
      walk(n.children);
    }
  };
  walk(nodes);
  return ids;
}
