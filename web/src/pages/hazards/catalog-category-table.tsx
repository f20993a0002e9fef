import type { CatalogCategory, CatalogItem } from '@tiegui/domain';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';

const URL_IN_TEXT = /(https?:\/\/[^\s；;，,（）()]+)/;

/** A source as text, with its web addresses as links (sources are 'doc；https://…；…'). */
export function SourceText({ source }: { source: string | undefined }) {
  if (!source) return <Typography.Text type="secondary">同类别来源</Typography.Text>;
  // Each part is keyed by where it starts in the source, which is stable and unique.
  let at = 0;
  const parts = source.split(URL_IN_TEXT).map((text) => {
    const start = at;
    at += text.length;
    return { start, text };
  });
  return (
    <span style={{ wordBreak: 'break-all' }}>
      {parts.map(({ start, text }) =>
        URL_IN_TEXT.test(text) ? (
          <a key={start} href={text} target="_blank" rel="noreferrer">
            {text}
          </a>
        ) : (
          <span key={start}>{text}</span>
        ),
      )}
    </span>
  );
}

export function CompletenessTag({ category }: { category: Pick<CatalogCategory, 'complete' | 'note'> }) {
  const tag = category.complete ? <Tag color="success">已补全</Tag> : <Tag color="warning">待补全</Tag>;
  return category.note ? <Tooltip title={category.note}>{tag}</Tooltip> : tag;
}

const itemColumns: ColumnsType<CatalogItem> = [
  { title: '编码', dataIndex: 'code', width: 90 },
  { title: '具体情形', dataIndex: 'text' },
  {
    title: '来源',
    dataIndex: 'source',
    width: 320,
    render: (source: string | undefined) => <SourceText source={source} />,
  },
];

function Items({ category }: { category: CatalogCategory }) {
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {category.note && <Typography.Text type="warning">{category.note}</Typography.Text>}
      <Typography.Text type="secondary">
        类别来源：
        <SourceText source={category.source} />
      </Typography.Text>
      <Table<CatalogItem>
        rowKey="code"
        size="small"
        columns={itemColumns}
        dataSource={category.items}
        pagination={false}
        locale={{ emptyText: '尚未列出具体情形' }}
      />
    </Space>
  );
}

type Props = {
  categories: CatalogCategory[];
  loading: boolean;
  /** The province's maintainers see which categories are still to be completed; no one else needs to. */
  maintainer: boolean;
  /** Given when this user may edit the shown version: opens a category's editor. */
  onEdit: ((index: number) => void) | null;
};

/** The standard's categories with completeness; a row opens to its situations and their sources. */
export function CatalogCategoryTable({ categories, loading, maintainer, onEdit }: Props) {
  const columns: ColumnsType<CatalogCategory> = [
    { title: '编码', dataIndex: 'code', width: 80 },
    {
      title: '条款',
      key: 'article',
      width: 150,
      // The metal/non-metal article (一、(十三)) already names its part; a category without one shows the part.
      render: (_, c) => c.article ?? c.part ?? '—',
    },
    { title: '类别', dataIndex: 'title', width: 360 },
    { title: '情形', key: 'items', width: 70, render: (_, c) => c.items.length },
  ];
  if (maintainer)
    columns.push({
      title: '完整性',
      key: 'complete',
      width: 90,
      render: (_, c) => <CompletenessTag category={c} />,
    });
  if (onEdit) {
    columns.push({
      title: '操作',
      key: 'edit',
      width: 80,
      fixed: 'right',
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          aria-label={`编辑 ${c.code}`}
          onClick={() => onEdit(categories.indexOf(c))}
        >
          编辑
        </Button>
      ),
    });
  }
  return (
    <Table<CatalogCategory>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={categories}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (c) => <Items category={c} /> }}
      data-testid="catalog-categories"
    />
  );
}
