import type { HazardStandard, MineType } from '@tiegui/domain';
import { Cascader } from 'antd';
import { useMemo } from 'react';

type Option = { value: string; label: string; title?: string; children?: Option[] };

/** The standard → category → sub-situation tree a mine of this type may use. */
export function catalogOptions(
  standard: HazardStandard | undefined,
  mineType: MineType | undefined,
): Option[] {
  if (!standard) return [];
  const categories = standard.categories.filter(
    (c) => !c.mineTypes || !mineType || c.mineTypes.includes(mineType),
  );
  return [
    {
      value: standard.key,
      label: `《${standard.title}》`,
      children: categories.map((c) => ({
        value: c.code,
        label: `${c.part ? `${c.part} ` : ''}${c.article ?? ''} ${c.title}`.trim(),
        title: c.title,
        children: c.items.length
          ? c.items.map((i) => ({ value: i.code, label: `${i.code} ${i.text}`, title: i.text }))
          : undefined,
      })),
    },
  ];
}

type Props = {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  standard: HazardStandard | undefined;
  mineType: MineType | undefined;
  loading?: boolean;
};

/** 隐患类别: a category alone or one of its situations (the path is [standard, category, item?]). */
export function CategoryCascader({ id, value, onChange, standard, mineType, loading }: Props) {
  const options = useMemo(() => catalogOptions(standard, mineType), [standard, mineType]);
  return (
    <Cascader
      id={id}
      value={value}
      onChange={(next) => onChange?.((next ?? []) as string[])}
      options={options}
      changeOnSelect
      showSearch={{
        filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())),
      }}
      loading={loading}
      disabled={!standard}
      placeholder={standard ? '选择判定标准中的类别和具体情形' : '请先选择矿山'}
      style={{ width: '100%' }}
      allowClear
    />
  );
}
