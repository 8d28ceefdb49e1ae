import { useEffect, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatByUnit, formatCompact, formatTick } from '../lib/format.ts';
import type { Point } from '../lib/series-merge.ts';
import { useWidth } from './use-width.ts';

export interface ChartSeries {
  key: string;
  label: string;
  points: readonly Point[];
}

const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];

interface TimeChartProps {
  title: string;
  unit: string;
  series: ChartSeries[];
  from: number;
  to: number;
  /** Draw the min..max band of each point behind the average (single-series charts). */
  band?: boolean;
  /** Fix the y axis to 0..100 (percentages). */
  percent?: boolean;
  height?: number;
  emptyText?: string;
  /** Called with the plot width, so the caller can ask for about one point per pixel. */
  onWidth?(width: number): void;
}

interface Row {
  ts: number;
  [key: string]: number | [number, number] | undefined;
}

function TooltipBody({ active, payload, label, unit, rangeMs }: { active?: boolean; payload?: Array<{ name?: string; value?: unknown; color?: string; dataKey?: unknown }>; label?: number; unit: string; rangeMs: number }) {
  if (!active || !payload || payload.length === 0 || label === undefined) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{rangeMs > 36 * 3600_000 ? new Date(label).toLocaleString() : new Date(label).toLocaleTimeString()}</div>
      {payload.map((p) => (
        <div key={String(p.dataKey)}>
          <span style={{ color: p.color }}>●</span> {p.name}:{' '}
          <strong>{Array.isArray(p.value) ? `${formatByUnit(p.value[0] as number, unit)} – ${formatByUnit(p.value[1] as number, unit)}` : formatByUnit(p.value as number, unit)}</strong>
        </div>
      ))}
    </div>
  );
}

/** A time series graph: averages as lines, optionally the min..max band, x from `from` to `to`. */
export function TimeChart({ title, unit, series, from, to, band, percent, height = 200, emptyText, onWidth }: TimeChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const rows = useMemo(() => {
    const byTs = new Map<number, Row>();
    series.forEach((s) => {
      for (const p of s.points) {
        let row = byTs.get(p.ts);
        if (!row) byTs.set(p.ts, (row = { ts: p.ts }));
        row[s.key] = p.avg;
        if (band) row[`${s.key}__band`] = [p.min, p.max];
      }
    });
    return [...byTs.values()].sort((a, b) => a.ts - b.ts);
  }, [series, band]);
  const last = series.length === 1 ? series[0]!.points.at(-1) : undefined;
  useEffect(() => {
    if (onWidth && width > 0) onWidth(width);
  }, [onWidth, width]);

  return (
    <section className="card chart-card" aria-label={title}>
      <div className="chart-head">
        <h3 className="chart-title">{title}</h3>
        {last ? <span className="chart-last">last {formatByUnit(last.avg, unit)}</span> : null}
      </div>
      <div ref={ref} className="chart-box" style={{ height }}>
        {rows.length === 0 ? (
          <div className="chart-empty" style={{ height }}>
            {emptyText ?? 'No data in this time range yet.'}
          </div>
        ) : width > 0 ? (
          <ComposedChart width={width} height={height} data={rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="ts" type="number" scale="time" domain={[from, to]} tickFormatter={(v: number) => formatTick(v, to - from)} minTickGap={40} tickLine={false} axisLine={false} />
            <YAxis width={58} tickFormatter={(v: number) => (unit === 'bit/s' ? formatCompact(v) : formatByUnit(v, unit))} domain={percent ? [0, 100] : [0, 'auto']} tickLine={false} axisLine={false} />
            <Tooltip content={<TooltipBody unit={unit} rangeMs={to - from} />} isAnimationActive={false} />
            {series.length > 1 ? <Legend verticalAlign="bottom" height={22} iconType="plainline" /> : null}
            {band
              ? series.map((s, i) => (
                  <Area key={`${s.key}__band`} dataKey={`${s.key}__band`} name={`${s.label} min–max`} stroke="none" fill={COLORS[i % COLORS.length]} fillOpacity={0.15} isAnimationActive={false} connectNulls legendType="none" />
                ))
              : null}
            {series.map((s, i) => (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} strokeWidth={1.6} dot={false} isAnimationActive={false} connectNulls type="linear" />
            ))}
          </ComposedChart>
        ) : null}
      </div>
    </section>
  );
}
