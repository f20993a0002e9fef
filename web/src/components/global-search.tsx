import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HAZARD_LEVELS, SEARCH_QUERY_MAX, type SearchResults } from '@tiegui/domain';
import { AutoComplete, Button, Input, Modal, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { can, useCurrentUser } from '../api/me';

/** Typing pauses this long before the server is asked: one request per word, not per key. */
const DEBOUNCE_MS = 250;

function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

type Option = { value: string; label: ReactNode };
type Group = { label: string; options: Option[] };

const line = (text: string, note: string) => (
  <span className="tg-search-line">
    {text}
    <Typography.Text type="secondary"> {note}</Typography.Text>
  </span>
);

/** Each kind the server answered for, as a group of links; a kind it left out is no group at all. */
function groupsOf(results: SearchResults): Group[] {
  const groups: (Group | null)[] = [
    results.mines
      ? {
          label: '矿山',
          options: results.mines.map((m) => ({ value: `/mines/${m.id}`, label: line(m.name, m.uscc) })),
        }
      : null,
    results.hazards
      ? {
          label: '隐患',
          options: results.hazards.map((h) => ({
            value: `/hazards/${h.id}`,
            label: line(`${h.mineName}：${h.description}`, `${HAZARD_LEVELS[h.level]} · ${h.location}`),
          })),
        }
      : null,
    results.notices
      ? {
          label: '通知',
          options: results.notices.map((n) => ({
            value: `/notices/${n.id}`,
            label: line(n.title, n.docNumber),
          })),
        }
      : null,
  ];
  return groups.filter((g): g is Group => g !== null && g.options.length > 0);
}

/** The box itself: results grouped by kind as the user types; Enter (or a click) opens the record. */
function SearchBox({ onOpen, autoFocus }: { onOpen: () => void; autoFocus?: boolean }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: () => api.get<SearchResults>('/search', { q }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const groups = q && query.data ? groupsOf(query.data) : [];
  const open = (path: string) => {
    setText('');
    onOpen();
    void navigate(path);
  };
  return (
    <AutoComplete
      className="tg-search"
      value={text}
      options={groups}
      onChange={setText}
      onSelect={open}
      filterOption={false}
      // Enter takes the first record when none is chosen with the arrow keys.
      defaultActiveFirstOption
      popupMatchSelectWidth={false}
      notFoundContent={q && !query.isFetching ? '数据范围内没有找到' : null}
      autoFocus={autoFocus}
    >
      <Input
        allowClear
        maxLength={SEARCH_QUERY_MAX}
        prefix={<SearchOutlined />}
        placeholder="搜索矿山、隐患、通知"
        aria-label="全局搜索"
      />
    </AutoComplete>
  );
}

/**
 * 全局搜索 in the header, for whoever may list mines, hazards or notices: a box on a wide screen,
 * an icon opening it in a dialog on a phone.
 */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can(me, 'mine.read', 'hazard.read', 'notice.read')) return null;
  if (!compact) return <SearchBox onOpen={() => undefined} />;
  return (
    <>
      <Button
        type="text"
        icon={<SearchOutlined />}
        aria-label="搜索"
        onClick={() => setOpen(true)}
        style={{ color: '#fff' }}
      />
      <Modal title="搜索" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <SearchBox onOpen={() => setOpen(false)} autoFocus />
      </Modal>
    </>
  );
}
