/** The time ranges a graph can show. Relative ones slide with live samples; custom ones are fixed. */
export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'custom';

export interface TimeRange {
  preset: RangePreset;
  from: number;
  to: number;
}

export const PRESET_MS: Record<Exclude<RangePreset, 'custom'>, number> = {
  '1h': 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

export const PRESET_LABELS: Record<RangePreset, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', custom: 'Custom' };

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now = Date.now()): TimeRange {
  return { preset, from: now - PRESET_MS[preset], to: now };
}

/** Points per series to ask for: about one per pixel of the plot, within the engine's bounds. */
export function pointsForWidth(widthPx: number): number {
  return Math.max(10, Math.min(5000, Math.round(widthPx)));
}

/** `datetime-local` input value for a timestamp, in local time. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ts = new Date(value).getTime();
  return Number.isFinite(ts) ? ts : undefined;
}
