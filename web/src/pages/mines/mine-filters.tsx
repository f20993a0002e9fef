import { GAS_GRADES, HYDRO_TYPES, MINE_CATEGORIES, MINE_STATUSES, MINE_TYPES } from '@tiegui/domain';
import { FilterBar, RegionField, SearchField, SelectField } from '../../components/list-page';
import { optionsOf } from '../../lib/labels';
import { type MineFilters, useFormOptions } from './mine-api';

type Props = { value: MineFilters; onChange: (next: MineFilters) => void };

const ACTIVE_OPTIONS = [
  { value: 'true', label: '在用' },
  { value: 'false', label: '已停用' },
];

/** The registry's filter bar. */
export function MineFiltersBar({ value, onChange }: Props) {
  const options = useFormOptions();
  return (
    <FilterBar value={value} onChange={onChange}>
      <SearchField placeholder="名称或统一社会信用代码" />
      <RegionField placeholder="行政区划代码" />
      <SelectField name="category" placeholder="矿山类别" options={optionsOf(MINE_CATEGORIES)} />
      <SelectField name="mineType" placeholder="矿山类型" options={optionsOf(MINE_TYPES)} />
      <SelectField name="status" placeholder="生产状态" options={optionsOf(MINE_STATUSES)} />
      <SelectField name="gasGrade" placeholder="瓦斯等级" options={optionsOf(GAS_GRADES)} />
      <SelectField name="hydroType" placeholder="水文地质类型" options={optionsOf(HYDRO_TYPES)} />
      <SelectField
        name="groupOrgId"
        showSearch
        optionFilterProp="label"
        placeholder="上级公司"
        loading={options.isPending}
        options={(options.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
      />
      <SelectField name="active" placeholder="启用状态（默认在用）" options={ACTIVE_OPTIONS} />
    </FilterBar>
  );
}
