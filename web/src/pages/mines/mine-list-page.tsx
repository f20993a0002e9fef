import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Mine } from '@tiegui/domain';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
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

/** A page of GET /api/mines: the registry counts its matches in the first page. */
type MinePage = { items: Mine[]; nextCursor: string | null; total: number };

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
    totalOf: (first) => ({ total: first.total }),
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
      <ListView list={list} columns={MINE_COLUMNS} card={MINE_CARD} unit="座" totalTestId="mine-total" />
      <ExcelImportModal open={importOpen} onClose={() => setImportOpen(false)} target={IMPORT_TARGET} />
    </ListPage>
  );
}
