import { type Region, regionPrefix, SHANXI, SHANXI_CITIES, XINZHOU_COUNTIES } from '@tiegui/domain';
import { Cascader, Input, Space } from 'antd';

type RegionOption = { value: string; label: string; disabled?: boolean; children?: RegionOption[] };

/** The catalog as a tree: the province, its cities, and the counties the data holds (忻州's). */
const COUNTIES_OF: Record<string, readonly Region[]> = { '140900': XINZHOU_COUNTIES };

/**
 * `filter`: any level, sent as its prefix ("1409" for 忻州市: the lists match codes beginning with
 * it); `county`: a county's 6-digit code, as a mine's own region is.
 */
export type RegionMode = 'filter' | 'county';

function treeOf(mode: RegionMode): RegionOption {
  return {
    value: SHANXI.code,
    label: SHANXI.name,
    children: SHANXI_CITIES.map((city) => {
      const counties = COUNTIES_OF[city.code] ?? [];
      return {
        value: city.code,
        label: city.name,
        // A mine sits in a county: a city whose counties the data lacks offers nothing to pick.
        disabled: mode === 'county' && counties.length === 0 ? true : undefined,
        children: counties.length ? counties.map((c) => ({ value: c.code, label: c.name })) : undefined,
      };
    }),
  };
}

/** The node of the tree for a code, with the path of codes down to it. */
function find(
  node: RegionOption,
  code: string,
  path: string[] = [],
): { node: RegionOption; path: string[] } | null {
  const here = [...path, node.value];
  if (node.value === code) return { node, path: here };
  if (!code.startsWith(regionPrefix(node.value))) return null;
  for (const child of node.children ?? []) {
    const found = find(child, code, here);
    if (found) return found;
  }
  return null;
}

/**
 * The options a user is offered: within their own region for a filter (a county bureau its county,
 * a city bureau its city and counties), every region of the data otherwise.
 */
function optionsFor(mode: RegionMode, within: string | null | undefined): RegionOption[] {
  const tree = treeOf(mode);
  if (mode === 'county' || !within) return [tree];
  const own = find(tree, within);
  return own ? [own.node] : [tree];
}

type Props = {
  mode: RegionMode;
  /** For a filter: the user's own region code; only regions inside it are offered. */
  within?: string | null;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
};

/**
 * The one region picker (GB/T 2260, province → city → county, the codes of the data only): it shows
 * names and sends the code. A county's picker shows its code beside the names, in the field's own
 * input (the form's label and messages point at it).
 */
export function RegionCascader({ mode, within, value, onChange, id, disabled, placeholder }: Props) {
  const options = optionsFor(mode, within);
  const full = value ? value.padEnd(6, '0') : undefined;
  const path = full ? options.map((root) => find(root, full)).find((f) => f !== null)?.path : undefined;
  const picker = (
    <Cascader<RegionOption>
      id={mode === 'filter' ? id : undefined}
      options={options}
      value={path}
      changeOnSelect={mode === 'filter'}
      expandTrigger="hover"
      disabled={disabled}
      allowClear
      showSearch={{ filter: (input, nodes) => nodes.some((n) => n.label.includes(input.trim())) }}
      placeholder={placeholder ?? '请选择行政区划'}
      style={{ width: '100%' }}
      onChange={(picked) => {
        const last = picked?.at(-1);
        const code = last === undefined ? undefined : String(last);
        onChange?.(code === undefined ? undefined : mode === 'filter' ? regionPrefix(code) : code);
      }}
    />
  );
  if (mode === 'filter') return picker;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {picker}
      <Input
        id={id}
        value={value ?? ''}
        readOnly
        disabled={disabled}
        aria-label="行政区划代码"
        style={{ width: 88, flex: 'none' }}
      />
    </Space.Compact>
  );
}
