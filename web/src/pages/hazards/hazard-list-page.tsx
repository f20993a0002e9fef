import {
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Hazard, HazardCount } from '@tiegui/domain';
import { Button } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { ExcelImportModal, type ImportTarget } from '../../components/excel-import-modal';
import { ExportButton, ListPage, ListView, useKeysetList, useUrlFilters } from '../../components/list-page';
import {
  countQuery,
  HAZARD_FILTER_KEYS,
  type HazardFilters,
  type HazardPage,
  sortOf,
  withoutDefaultSort,
} from './hazard-api';
import { HAZARD_CARD, hazardColumns, onSortClick } from './hazard-columns';
import { HazardFiltersBar } from './hazard-filters';

const IMPORT_TARGET: ImportTarget = {
  base: '/hazards',
  title: '导入隐患台账',
  templateName: '隐患台账导入模板.xlsx',
  rowIs: '一条隐患',
};

/** 隐患台账: the register in my data scope, filters and order in the URL, keyset 加载更多. */
export function HazardListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [importOpen, setImportOpen] = useState(false);
  const [filters, setFilters] = useUrlFilters(HAZARD_FILTER_KEYS, withoutDefaultSort);
  const list = useKeysetList<Hazard, HazardPage>({
    queryKey: ['hazards', 'list', filters],
    path: '/hazards',
    query: filters,
  });
  // Asked beside the page, never before it: a page shows at once, its count when counted.
  // The count takes no sort, so a new order reuses the count already known.
  const counted = useMemo(() => countQuery(filters), [filters]);
  const count = useQuery({
    queryKey: ['hazards', 'count', counted],
    queryFn: () => api.get<HazardCount>('/hazards/count', counted),
  });
  const sort = sortOf(filters);
  const setSort = (next: HazardFilters['sort']) => setFilters({ ...filters, sort: next });

  return (
    <ListPage
      title="隐患治理"
      actions={
        <>
          {can(me, 'hazard.report') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/hazards/new')}>
              登记隐患
            </Button>
          )}
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/hazards/dashboard')}>
            动态清零
          </Button>
          <Button icon={<CalendarOutlined />} onClick={() => void navigate('/hazards/investigations')}>
            月度排查
          </Button>
          <Button icon={<BookOutlined />} onClick={() => void navigate('/hazards/catalogs')}>
            判定标准
          </Button>
          <ExportButton path="/hazards/export" query={filters} fileName="隐患台账.xlsx">
            台账导出
          </ExportButton>
          {can(me, 'hazard.report') && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              台账导入
            </Button>
          )}
        </>
      }
      filters={<HazardFiltersBar value={filters} onChange={setFilters} />}
    >
      <ListView
        list={{ ...list, total: count.data }}
        columns={hazardColumns(sort)}
        card={HAZARD_CARD}
        onTableChange={onSortClick(setSort)}
        unit="条"
        totalTestId="hazard-total"
        tableTestId="hazard-table"
      />
      <ExcelImportModal open={importOpen} onClose={() => setImportOpen(false)} target={IMPORT_TARGET} />
    </ListPage>
  );
}
