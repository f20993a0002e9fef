import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Mine, MineCount } from '@tiegui/domain';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { ExcelImportModal, type ImportTarget } from '../../components/excel-import-modal';
import { ExportButton, ListPage, ListView, useKeysetList, useUrlFilters } from '../../components/list-page';
import { MINE_FILTER_KEYS } from './mine-api';
import { MINE_CARD, MINE_COLUMNS } from './mine-columns';
import { MineFiltersBar } from './mine-filters';

const IMPORT_TARGET: ImportTarget = {
  base: '/mines',
  title: '导入矿山基础信息',
  templateName: '矿山基础信息导入模板.xlsx',
  rowIs: '一座矿山',
};

/** A page of GET /api/mines; the count is asked beside it (GET /api/mines/count). */
type MinePage = { items: Mine[]; nextCursor: string | null };

/** 矿山基础信息: the registry in my data scope, filters in the URL, keyset 加载更多. */
export function MineListPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [importOpen, setImportOpen] = useState(false);
  const [filters, setFilters] = useUrlFilters(MINE_FILTER_KEYS);
  const list = useKeysetList<Mine, MinePage>({
    queryKey: ['mines', 'list', filters],
    path: '/mines',
    query: filters,
  });
  // Asked beside the page, never before it: a page shows at once, its count when counted.
  const count = useQuery({
    queryKey: ['mines', 'count', filters],
    queryFn: () => api.get<MineCount>('/mines/count', filters),
  });

  return (
    <ListPage
      title="矿山基础信息"
      actions={
        <>
          {can(me, 'mine.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/mines/new')}>
              新增矿山
            </Button>
          )}
          {can(me, 'mine.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              导入
            </Button>
          )}
          <ExportButton path="/mines/export" query={filters} fileName="矿山基础信息.xlsx" />
        </>
      }
      filters={<MineFiltersBar value={filters} onChange={setFilters} />}
    >
      <ListView
        list={{ ...list, total: count.data }}
        columns={MINE_COLUMNS}
        card={MINE_CARD}
        unit="座"
        totalTestId="mine-total"
      />
      <ExcelImportModal open={importOpen} onClose={() => setImportOpen(false)} target={IMPORT_TARGET} />
    </ListPage>
  );
}
