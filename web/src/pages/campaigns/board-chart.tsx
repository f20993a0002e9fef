import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { taskLabel } from '../obligations/obligation-labels';
import type { BoardRow } from './campaign-api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Point = { name: string; marker: string; seriesName: string; data: { value: number; count: number } };

const SERIES = [
  { key: 'accepted', name: '已通过', color: '#52c41a' },
  { key: 'submitted', name: '已报送待审核', color: '#1677ff' },
  { key: 'returned', name: '已退回', color: '#faad14' },
  { key: 'pending', name: '待报送', color: '#bfbfbf' },
] as const;

/** Mine-level duties, each a bar stacked by state: where the mines stand at a glance. */
export function BoardChart({ rows }: { rows: BoardRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const mineRows = useMemo(() => rows.filter((r) => r.orgKind === 'mine'), [rows]);

  useEffect(() => {
    const el = ref.current;
    if (!el || mineRows.length === 0) return;
    const chart = echarts.init(el);
    const narrow = el.clientWidth < 500;
    const labels = mineRows.map((r) => `${taskLabel(r.task)} ${r.title}`);
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Point[]) =>
          [
            params[0]?.name ?? '',
            ...params.map((p) => `${p.marker}${p.seriesName}：${p.data.count}（${p.data.value}%）`),
          ].join('<br/>'),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: narrow ? 56 : 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, splitNumber: narrow ? 2 : 5, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: { width: narrow ? 90 : 150, overflow: 'truncate' },
      },
      // Shares of each duty's total, so a monthly duty (many periods) and a one-off compare at a glance.
      series: SERIES.map((s) => ({
        type: 'bar',
        stack: 'state',
        name: s.name,
        itemStyle: { color: s.color },
        data: mineRows.map((r) => ({
          value: r.counts.total ? Math.round((r.counts[s.key] / r.counts.total) * 1000) / 10 : 0,
          count: r.counts[s.key],
        })),
      })),
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [mineRows]);

  if (mineRows.length === 0) return null;
  return (
    <div
      ref={ref}
      role="img"
      aria-label="矿山企业各项任务报送情况（占应报比例）"
      style={{ width: '100%', height: 80 + mineRows.length * 36 }}
    />
  );
}
