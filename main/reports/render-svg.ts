/**
 * Charts as standalone SVG strings: the same markup goes inline into the HTML report and, through
 * pdfmake's SVG support, into the PDF. Fixed colours (no CSS variables: svg-to-pdfkit does not
 * resolve them) and one font family that pdfmake maps to its embedded Roboto.
 */
import { formatBps, formatTime } from './format.ts';
import type { Chart } from './types.ts';

const FONT = 'Roboto, Helvetica, Arial, sans-serif';
const BAR = '#2563eb';
const DOWN = '#dc2626';
const GRID = '#d4d8e0';
const TEXT = '#374151';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function valueLabel(v: number, unit: string): string {
  if (unit === 'bit/s') return formatBps(v);
  if (unit === '%') return `${v.toFixed(v === 100 ? 0 : 2)} %`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** Horizontal bars, one row per label, value printed at the end of the bar. */
function bars(c: Extract<Chart, { kind: 'bars' }>, width: number): string {
  const rowH = 18;
  const labelW = 170;
  const valueW = 90;
  const top = 8;
  const height = top + Math.max(1, c.bars.length) * rowH + 8;
  const max = c.max ?? Math.max(1e-9, ...c.bars.map((b) => b.value));
  const plotW = width - labelW - valueW;
  const parts: string[] = [];
  parts.push(`<line x1="${labelW}" y1="${top - 2}" x2="${labelW}" y2="${height - 6}" stroke="${GRID}" stroke-width="1"/>`);
  if (c.bars.length === 0) parts.push(`<text x="${labelW + 8}" y="${top + 12}" font-size="11" fill="${TEXT}" font-family="${FONT}">No data</text>`);
  c.bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(b.value > 0 ? 1 : 0, (Math.max(0, b.value) / max) * plotW);
    parts.push(`<text x="${labelW - 6}" y="${y + 12}" font-size="10" text-anchor="end" fill="${TEXT}" font-family="${FONT}">${escapeXml(truncate(b.label, 30))}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${BAR}" rx="2"/>`);
    parts.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 12}" font-size="10" fill="${TEXT}" font-family="${FONT}">${escapeXml(valueLabel(b.value, c.unit))}</text>`);
  });
  return svg(width, height, c.title, parts);
}

/** A timeline: one lane per device, red spans where it was down, dates along the bottom. */
function timeline(c: Extract<Chart, { kind: 'timeline' }>, width: number): string {
  const laneH = 16;
  const labelW = 170;
  const right = 12;
  const top = 6;
  const axisH = 20;
  const height = top + Math.max(1, c.rows.length) * laneH + axisH;
  const plotW = width - labelW - right;
  const span = Math.max(1, c.to - c.from);
  const x = (t: number) => labelW + ((Math.min(c.to, Math.max(c.from, t)) - c.from) / span) * plotW;
  const parts: string[] = [];
  c.rows.forEach((r, i) => {
    const y = top + i * laneH;
    parts.push(`<text x="${labelW - 6}" y="${y + 11}" font-size="10" text-anchor="end" fill="${TEXT}" font-family="${FONT}">${escapeXml(truncate(r.label, 30))}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${plotW}" height="${laneH - 6}" fill="#e8f5e9"/>`);
    for (const s of r.spans) {
      const x0 = x(s.start);
      const w = Math.max(1.5, x(s.end) - x0);
      parts.push(`<rect x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${laneH - 6}" fill="${DOWN}"/>`);
    }
  });
  const axisY = top + Math.max(1, c.rows.length) * laneH + 2;
  parts.push(`<line x1="${labelW}" y1="${axisY}" x2="${labelW + plotW}" y2="${axisY}" stroke="${GRID}" stroke-width="1"/>`);
  const ticks = 4;
  for (let i = 0; i <= ticks; i++) {
    const t = c.from + (span * i) / ticks;
    const anchor = i === 0 ? 'start' : i === ticks ? 'end' : 'middle';
    parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 13}" font-size="9" text-anchor="${anchor}" fill="${TEXT}" font-family="${FONT}">${formatTime(t).slice(5, 16)}</text>`);
  }
  return svg(width, height, c.title, parts);
}

function svg(width: number, height: number, title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

/** The chart as an SVG document `width` points/pixels wide. */
export function renderChartSvg(chart: Chart, width = 515): string {
  if (chart.kind === 'svg') return chart.svg;
  return chart.kind === 'bars' ? bars(chart, width) : timeline(chart, width);
}
