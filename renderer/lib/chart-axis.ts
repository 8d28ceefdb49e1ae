/**
 * Axis ticks a technician can read: value steps of 1, 2, 2.5 or 5 times a power of ten (0, 0.01,
 * 0.02 ms, never 0, 0.01, 0.03), bit rates with one SI prefix per axis (0, 250, 500 Mbit/s), and
 * time ticks on round clock times (every 10 min, 1 h, 6 h, a day), several per axis.
 */

const STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step (1, 2, 2.5, 5 × 10^k) that is at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const f = rough / pow;
  // A little tolerance: 0.30000000000000004 / 0.1 must still pick 3 → 5, not worse.
  const m = STEPS.find((s) => s >= f - 1e-9) ?? 10;
  return roundTo(m * pow);
}

const roundTo = (v: number): number => Number(v.toPrecision(12));

export interface ValueTicks {
  ticks: number[];
  /** The highest tick: the top of the axis's domain. */
  top: number;
  step: number;
}

/**
 * Ticks from 0 to at least `max`, about `target` of them (at most target + 1 steps). `minTop` is
 * the axis top when there is nothing above 0 (a quiet link still gets a scale, and its flat line at 0).
 */
export function valueTicks(max: number, target = 4, minTop = 1): ValueTicks {
  const hi = Number.isFinite(max) && max > 0 ? max : minTop;
  const step = niceStep(hi / Math.max(1, target));
  const n = Math.max(1, Math.ceil(hi / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => roundTo(i * step));
  return { ticks, top: ticks[ticks.length - 1]!, step };
}

const PREFIXES = ['', 'k', 'M', 'G', 'T', 'P'];

/** Decimals needed to write every multiple of `step` exactly (at most 3). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 3; d++) if (Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-6) return d;
  return 3;
}

/** One SI prefix for a whole axis: the one of its top tick. */
export function siPrefix(top: number): { prefix: string; factor: number } {
  let i = 0;
  while (i < PREFIXES.length - 1 && Math.abs(top) >= 1000 ** (i + 1)) i++;
  return { prefix: PREFIXES[i]!, factor: 1000 ** i };
}

/** An axis label: `v` with the decimals its step needs, in `unit` (bit/s with the axis's SI prefix). */
export function formatAxisValue(v: number, axis: Pick<ValueTicks, 'step' | 'top'>, unit: string): string {
  if (unit === 'bit/s') {
    const { prefix, factor } = siPrefix(axis.top);
    return `${(v / factor).toFixed(decimalsOf(axis.step / factor))} ${prefix}bit/s`;
  }
  const text = v.toFixed(decimalsOf(axis.step));
  if (unit === '%') return `${text} %`;
  if (unit === 'ms') return `${text} ms`;
  return unit ? `${text} ${unit}` : text;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const TIME_STEPS = [10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D];

/**
 * Time ticks inside [from, to]: the smallest round step that gives at most `maxTicks` (at least
 * two ticks when the range allows), on local clock times (`tzOffsetMs`: local minus UTC).
 */
export function timeTicks(from: number, to: number, maxTicks: number, tzOffsetMs = -new Date(from).getTimezoneOffset() * M): { ticks: number[]; stepMs: number } {
  const span = Math.max(1, to - from);
  const want = Math.max(2, Math.floor(maxTicks));
  const stepMs = TIME_STEPS.find((s) => span / s <= want) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const first = Math.ceil((from + tzOffsetMs) / stepMs) * stepMs - tzOffsetMs;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

/** A time tick's label: the clock time for steps under a day (with the day on ranges over 36 h), else the date. */
export function formatTimeTick(ts: number, stepMs: number, rangeMs: number, locale?: string): string {
  const d = new Date(ts);
  if (stepMs >= D) return d.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', ...(stepMs < M ? { second: '2-digit' } : {}) });
  return rangeMs > 36 * H ? `${d.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${time}` : time;
}
