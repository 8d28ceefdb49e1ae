/** Human formatting of report values (HTML and PDF); times in UTC so a report reads the same everywhere. */
import type { Cell, CellFormat, ReportDocument } from './types.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-04 13:05 UTC". */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "3 d 4 h", "2 h 05 min", "4 min 10 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${pad(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${pad(m % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A duration without its zero tail: "5 min", "1 d", "2 h 05 min". */
export function formatSpan(ms: number): string {
  return formatDuration(ms).replace(/ 0+ (s|min|h)$/, '');
}

/** "monitored 5 min of 1 d (0.35 %)": how much of a period availability checks cover. */
export function coverageText(monitoredMs: number, periodMs: number, coveragePct: number): string {
  return `monitored ${formatSpan(monitoredMs)} of ${formatSpan(periodMs)} (${formatPct(coveragePct)})`;
}

/** "950 bit/s", "12.3 Mbit/s". */
export function formatBps(bps: number): string {
  const units = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];
  let v = bps;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}

export function formatPeriod(from: number, to: number): string {
  return `${formatTime(from)} – ${formatTime(to)}`;
}

/** A cell as text for people. */
export function formatCell(value: Cell, format: CellFormat = 'text'): string {
  if (value === null || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'int':
      return String(Math.round(value));
    case 'pct':
      return `${value >= 99.995 && value < 100 ? '99.99' : value.toFixed(value === 100 || value === 0 ? 0 : 2)} %`;
    case 'ms':
      return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
    case 'duration':
      return formatDuration(value);
    case 'time':
      return formatTime(value);
    case 'bps':
      return formatBps(value);
    case 'number':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    default:
      return String(value);
  }
}

/** A cell as CSV/JSON keeps it: times in ISO 8601, lists joined with "; ", numbers as numbers. */
export function rawCell(value: Cell, format: CellFormat = 'text'): string | number | boolean | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (format === 'time' && typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.round(value * 1000) / 1000;
  return value;
}

export function formatPct(v: number | null): string {
  return v === null ? '—' : formatCell(v, 'pct');
}

/** The cover of a report, as label/value rows: site, customer and address when known, technician, period, generated. */
export function coverRows(doc: Pick<ReportDocument, 'site' | 'from' | 'to' | 'generatedAt'>): Array<[string, string]> {
  const site = doc.site;
  return [
    ['Site', site.name],
    ...(site.customer ? [['Customer', site.customer] as [string, string]] : []),
    ...(site.address ? [['Address', site.address] as [string, string]] : []),
    ['Technician', site.technician || '—'],
    ['Period', formatPeriod(doc.from, doc.to)],
    ['Generated', formatTime(doc.generatedAt)],
  ];
}
