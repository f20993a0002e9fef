// One kit for every list page: filters in the URL, keyset 加载更多, the count beside the rows, export,
// a table on a wide screen and cards on a phone.
export { ExportButton } from './export-button';
export { FilterBar, RegionField, SearchField, SelectField } from './filter-bar';
export { ListPage } from './list-page';
export { type ListState, type ListTotal, PAGE_SIZE, useKeysetList, useWholeList } from './list-state';
export { ListTable } from './list-table';
export { ListView } from './list-view';
export type { CardFields, RowExpansion } from './row-cards';
export { type Filters, readFilters, useUrlFilters, writeFilters } from './url-filters';
