import type { HazardDashboard } from '@tiegui/domain';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

function useChart(option: Option, onClick?: (name: string, dataIndex: number) => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chart.setOption(option);
    if (onClick) chart.on('click', (p) => onClick(String(p.name), p.dataIndex));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option, onClick]);
  return ref;
}

/** 动态清零 curve: major hazards open at each month's end, with those found and closed that month. */
export function MonthlyChart({ months }: { months: HazardDashboard['months'] }) {
  const ref = useChart({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '当月发现', data: months.map((m) => m.found), itemStyle: { color: '#fa8c16' } },
      { type: 'bar', name: '当月销号', data: months.map((m) => m.closed), itemStyle: { color: '#52c41a' } },
      {
        type: 'line',
        name: '月末未销号',
        data: months.map((m) => m.openAtEnd),
        itemStyle: { color: '#cf1322' },
        smooth: true,
      },
    ],
  });
  return (
    <div ref={ref} role="img" aria-label="重大事故隐患动态清零曲线" style={{ width: '100%', height: 300 }} />
  );
}

type Count = { code: string; name: string; open: number; total: number };

/**
 * Horizontal bars, one per category or region: open now (whenever found) next to those found in
 * the window; a click on a region drills down.
 */
export function CountsChart({
  rows,
  label,
  foundLabel,
  onPick,
}: {
  rows: Count[];
  label: string;
  /** The window's name for the second bar, e.g. 近12个月发现. */
  foundLabel: string;
  onPick?: (code: string) => void;
}) {
  const handler = onPick
    ? (_name: string, index: number) => {
        const row = rows[index];
        if (row) onPick(row.code);
      }
    : undefined;
  const ref = useChart(
    {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        { type: 'bar', name: '未销号', data: rows.map((r) => r.open), itemStyle: { color: '#cf1322' } },
        { type: 'bar', name: foundLabel, data: rows.map((r) => r.total), itemStyle: { color: '#91caff' } },
      ],
    },
    handler,
  );
  if (rows.length === 0) return null;
  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      style={{ width: '100%', height: 60 + rows.length * 40, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
