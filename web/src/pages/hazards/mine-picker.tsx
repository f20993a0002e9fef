import { useQuery } from '@tanstack/react-query';
import type { Mine } from '@tiegui/domain';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';

type Props = {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** The picked mine's record, for the catalog that applies to it. */
  onPick: (mine: Mine | null) => void;
};

/** A regulator picks the mine among the mines in its scope (GET /api/mines, searched by name). */
export function MinePicker({ id, value, onChange, onPick }: Props) {
  const [q, setQ] = useState('');
  const mines = useQuery({
    queryKey: ['mines', 'picker', q],
    queryFn: () => api.get<{ items: Mine[] }>('/mines', { q: q || undefined, limit: 30 }),
    placeholderData: (previous) => previous,
  });
  const items = mines.data?.items ?? [];
  return (
    <Select
      id={id}
      value={value}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={mines.isFetching}
      placeholder="输入矿山名称搜索"
      options={items.map((m) => ({ value: m.id, label: m.name }))}
      onChange={(next: string) => {
        onChange?.(next);
        onPick(items.find((m) => m.id === next) ?? null);
      }}
      notFoundContent={mines.isFetching ? '正在搜索…' : '没有找到矿山'}
    />
  );
}
