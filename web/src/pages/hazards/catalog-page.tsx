import { type HazardStandardSummary, MINE_CATEGORIES } from '@tiegui/domain';
import { Alert, Card, Descriptions, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../components/status-results';
import { formatTime } from '../../lib/time';
import { CatalogCategoryEditor } from './catalog-category-editor';
import { CatalogCategoryTable, SourceText } from './catalog-category-table';
import { useStandard, useStandards } from './hazard-api';

function versionLabel(s: HazardStandardSummary, latest: number): string {
  const parts = [`第 ${s.version} 版`, formatTime(s.createdAt, 'YYYY-MM-DD')];
  if (s.incompleteCategories > 0) parts.push(`待补全 ${s.incompleteCategories} 类`);
  return `${parts.join(' · ')}${s.version === latest ? '（最新）' : ''}`;
}

/**
 * 判定标准维护: the major-hazard standards with every stored version, their categories and situations
 * with sources and completeness. Whoever the server lets upload edits a category of the latest
 * version and saves it as the next version; everyone else reads.
 */
export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<number | null>(null);
  const summaries = useStandards();
  const all = summaries.data?.items ?? [];
  const keys = useMemo(() => [...new Map(all.map((s) => [s.key, s])).values()], [all]);
  const key = params.get('key') ?? keys[0]?.key;
  const versions = all.filter((s) => s.key === key).sort((a, b) => b.version - a.version);
  const latest = versions[0]?.version;
  const asked = Number(params.get('version'));
  const version = versions.some((s) => s.version === asked) ? asked : latest;
  const standard = useStandard(key, version);
  const latestStandard = useStandard(key, latest);
  const viewingLatest = version !== undefined && version === latest;
  const maintainer = summaries.data?.canUpload ?? false;
  const canEdit = maintainer && viewingLatest && !!latestStandard.data;

  const show = (next: { key?: string; version?: number }) => {
    const p = new URLSearchParams();
    if (next.key) p.set('key', next.key);
    if (next.version !== undefined) p.set('version', String(next.version));
    setParams(p, { replace: true });
  };

  if (summaries.error) return <QueryError error={summaries.error} onRetry={() => void summaries.refetch()} />;
  const s = standard.data;

  return (
    <Card title="重大事故隐患判定标准">
      {/* The toolbar's flex box, not a Space: a Space item would let the pickers be wider than a phone. */}
      <div className="tg-toolbar">
        <Select
          id="catalogKey"
          aria-label="判定标准"
          style={{ width: 420, maxWidth: '100%' }}
          loading={summaries.isPending}
          disabled={keys.length === 0}
          value={key}
          options={keys.map((k) => ({ value: k.key, label: `${k.title}（${k.documentNumber}）` }))}
          onChange={(next: string) => show({ key: next })}
        />
        <Select
          id="catalogVersion"
          aria-label="版本"
          style={{ width: 360, maxWidth: '100%' }}
          disabled={versions.length === 0}
          value={version}
          options={versions.map((v) => ({ value: v.version, label: versionLabel(v, latest ?? 0) }))}
          onChange={(next: number) => show({ key, version: next })}
        />
      </div>
      {summaries.data?.canUpload && !viewingLatest && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="这是历史版本，只能查看；在最新版本上编辑并保存为新版本。"
        />
      )}
      {standard.error ? (
        <QueryError error={standard.error} onRetry={() => void standard.refetch()} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {s && (
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
              data-testid="catalog-facts"
            >
              <Descriptions.Item label="标准">{s.title}</Descriptions.Item>
              <Descriptions.Item label="版本">
                <span data-testid="catalog-version">第 {s.version} 版</span>
              </Descriptions.Item>
              <Descriptions.Item label="文号">{s.documentNumber}</Descriptions.Item>
              <Descriptions.Item label="施行日期">{s.effectiveFrom}</Descriptions.Item>
              <Descriptions.Item label="适用矿山">{MINE_CATEGORIES[s.mineCategory]}</Descriptions.Item>
              {maintainer && (
                <Descriptions.Item label="完整性">
                  {(() => {
                    const open = s.categories.filter((c) => !c.complete).length;
                    return open ? (
                      <Tag color="warning">{open} 类待补全</Tag>
                    ) : (
                      <Tag color="success">已补全</Tag>
                    );
                  })()}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="来源" span={2}>
                <SourceText source={s.source} />
              </Descriptions.Item>
              {s.note && (
                <Descriptions.Item label="说明" span={2}>
                  {s.note}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          <CatalogCategoryTable
            categories={s?.categories ?? []}
            loading={standard.isPending}
            maintainer={maintainer}
            onEdit={canEdit ? setEditing : null}
          />
        </Space>
      )}
      {editing !== null && latestStandard.data && (
        <CatalogCategoryEditor
          standard={latestStandard.data}
          index={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            show({ key: saved.key, version: saved.version });
          }}
        />
      )}
    </Card>
  );
}
