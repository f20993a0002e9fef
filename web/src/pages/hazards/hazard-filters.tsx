import { HAZARD_SOURCES, HAZARD_STATES } from '@tiegui/domain';
import { Col, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { FilterBar, RegionField, SearchField, SelectField } from '../../components/list-page';
import { optionsOf } from '../../lib/labels';
import { HAZARD_SORT_LABELS, type HazardFilters, sortOf, useAllStandards } from './hazard-api';
import { LEVEL_SHORT } from './hazard-labels';

type Props = { value: HazardFilters; onChange: (next: HazardFilters) => void };
/** The bar's own values: the 发现日期 range is one picker for two filters. */
type Values = Omit<HazardFilters, 'foundFrom' | 'foundTo'> & { found?: [Dayjs | null, Dayjs | null] };

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const OPEN_OPTIONS = [
  { value: 'true', label: '未销号' },
  { value: 'false', label: '已销号' },
];
const SORT_OPTIONS = optionsOf(HAZARD_SORT_LABELS);

function toValues(filters: HazardFilters): Values {
  const { foundFrom, foundTo, ...rest } = filters;
  return {
    ...rest,
    sort: sortOf(filters),
    found:
      foundFrom || foundTo
        ? [foundFrom ? dayjs(foundFrom) : null, foundTo ? dayjs(foundTo) : null]
        : undefined,
  };
}

function fromValues({ found, ...rest }: Partial<Values>): HazardFilters {
  return {
    ...rest,
    foundFrom: found?.[0]?.format('YYYY-MM-DD'),
    foundTo: found?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The register's filter bar, with the order (also set by the 发现日期 header). */
export function HazardFiltersBar({ value, onChange }: Props) {
  const standards = useAllStandards();
  const categoryOptions = useMemo(
    () =>
      (standards.data ?? []).map((s) => ({
        label: s.title,
        title: s.title,
        options: s.categories.map((c) => ({
          value: c.code,
          label: `${c.part ? `${c.part} ` : ''}${c.article ?? c.code} ${c.title}`,
        })),
      })),
    [standards.data],
  );
  const values = useMemo(() => toValues(value), [value]);

  return (
    <FilterBar<Values> value={values} onChange={(next) => onChange(fromValues(next))}>
      <SearchField placeholder="隐患内容、地点" title="按隐患内容或地点中的文字查找" />
      <RegionField placeholder="行政区划" />
      <SelectField
        name="categoryCode"
        wide
        showSearch
        optionFilterProp="label"
        placeholder="隐患类别"
        loading={standards.isPending}
        options={categoryOptions}
        popupMatchSelectWidth={false}
      />
      <SelectField name="level" placeholder="隐患等级" options={optionsOf(LEVEL_SHORT)} />
      <SelectField name="state" placeholder="状态" options={optionsOf(HAZARD_STATES)} />
      <SelectField name="open" placeholder="是否销号" options={OPEN_OPTIONS} />
      <SelectField name="source" placeholder="隐患来源" options={optionsOf(HAZARD_SOURCES)} />
      <SelectField name="supervised" placeholder="挂牌督办" options={YES_NO} />
      <SelectField name="overdue" placeholder="逾期" options={YES_NO} />
      <SelectField name="selfReported" placeholder="企业自报" options={YES_NO} />
      <Col xs={24} sm={16} md={12} lg={8}>
        <Form.Item name="found">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={['发现日期起', '发现日期止']}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      <SelectField
        name="sort"
        wide
        allowClear={false}
        prefix="排序"
        aria-label="排序"
        options={SORT_OPTIONS}
      />
    </FilterBar>
  );
}
