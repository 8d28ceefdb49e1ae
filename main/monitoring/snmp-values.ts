/**
 * From a polled SNMP value to the number stored: counters through the counter tracker (rate or
 * delta; wrap, 64-bit and agent restarts handled there: when in doubt, no sample), text through
 * textMap or number, then scale, linear, multiplyColumn and pow10Column in template order. Pure
 * apart from the tracker it is given.
 */
import type { TemplateItem, Transform } from '../api/templates.ts';
import type { PolledValue } from '../templates/table-rows.ts';
import type { VarBind } from '../snmp/varbind.ts';
import type { CounterTracker } from './counter-rate.ts';

/** A VarBind as the template code sees it: numbers, Counter64 as bigint, text, null for exceptions. */
export function polledValue(vb: VarBind | undefined): PolledValue {
  if (!vb) return null;
  switch (vb.type) {
    case 'noSuchObject':
    case 'noSuchInstance':
    case 'endOfMibView':
    case 'Null':
      return null;
    default:
      return vb.value;
  }
}

/** A number from a polled value: integers as they are, text such as UCD's laLoad "0.15" parsed. */
export function toNumber(v: PolledValue | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

export interface ValueContext {
  tracker: CounterTracker;
  /** Identifies the counter series: device, item, row and the OID actually read. */
  key: string;
  /** When the value was read (ms). */
  ts: number;
  /** sysUpTime (TimeTicks) read with it, to tell an agent restart from a counter wrap. */
  uptime: number | undefined;
  /** Highest plausible counter rate per second (interface octets: speed / 8). */
  maxRate: number | undefined;
  /** Counter32 or Counter64: from the answer's type when it says, else the template's. */
  counterBits: 32 | 64 | undefined;
  /** Another column of the same row (multiplyColumn, pow10Column). */
  column?: (oid: string) => PolledValue;
}

export type ValueResult = { ok: true; value: number } | { ok: false; reason: string };

const NUMBER_IN_TEXT = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?/i;
const compiledPatterns = new Map<string, RegExp>();

/** textMap and number: the polled text (or number) → a number, undefined when it has none. */
function fromText(t: Extract<Transform, { type: 'textMap' | 'number' }>, raw: Exclude<PolledValue, null>): number | undefined {
  if (t.type === 'textMap') {
    const text = String(raw).trim().toLowerCase();
    for (const [k, v] of Object.entries(t.map)) if (k.trim().toLowerCase() === text) return v;
    return t.other;
  }
  if (typeof raw !== 'string') return toNumber(raw);
  let source = raw;
  if (t.pattern !== undefined) {
    let re = compiledPatterns.get(t.pattern);
    if (!re) compiledPatterns.set(t.pattern, (re = new RegExp(t.pattern, 'iu')));
    const m = re.exec(raw);
    if (!m) return undefined;
    source = m[1] ?? m[0];
  }
  const found = NUMBER_IN_TEXT.exec(source);
  const n = found ? Number(found[0]) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Applies an item's transforms to one polled value. */
export function itemValue(item: Pick<TemplateItem, 'valueType' | 'noValue'>, raw: PolledValue, transforms: readonly Transform[], ctx: ValueContext): ValueResult {
  if (raw === null) return { ok: false, reason: 'missing' };
  if (item.valueType === 'text') return { ok: false, reason: 'text' };
  if (item.noValue?.length && item.noValue.includes(Number(raw))) return { ok: false, reason: 'no-value' };
  let value: number | undefined;
  let rest = transforms;
  const first = transforms[0];
  if (first?.type === 'textMap' || first?.type === 'number') {
    value = fromText(first, raw);
    if (value === undefined) return { ok: false, reason: first.type === 'textMap' ? 'unmapped-text' : 'bad-value' };
    rest = transforms.slice(1);
  } else if (item.valueType === 'counter' && (first?.type === 'rate' || first?.type === 'delta')) {
    const counter = typeof raw === 'bigint' ? raw : toNumber(raw);
    if (counter === undefined) return { ok: false, reason: 'bad-value' };
    const options = { kind: ctx.counterBits === 64 ? ('counter64' as const) : ('counter32' as const), ...(ctx.maxRate !== undefined ? { maxRate: ctx.maxRate } : {}) };
    const reading = { value: typeof counter === 'number' ? Math.round(counter) : counter, ts: ctx.ts, ...(ctx.uptime !== undefined ? { uptime: ctx.uptime } : {}) };
    if (first.type === 'rate') {
      const r = ctx.tracker.rate(ctx.key, reading, options);
      if (!r.ok) return { ok: false, reason: r.reason };
      value = r.rate;
    } else {
      const s = ctx.tracker.step(ctx.key, reading, options);
      if (!s.ok) return { ok: false, reason: s.reason };
      value = Number(s.delta);
    }
    rest = transforms.slice(1);
  } else {
    value = toNumber(raw);
    if (value === undefined) return { ok: false, reason: 'bad-value' };
  }
  for (const t of rest) {
    if (t.type === 'scale') value *= t.factor;
    else if (t.type === 'linear') {
      if (t.when) {
        const unit = toNumber(ctx.column?.(t.when.oid));
        if (unit === undefined) return { ok: false, reason: 'missing-column' };
        if (!t.when.values.includes(unit)) continue;
      }
      value = value * t.factor + t.offset;
    } else if (t.type === 'multiplyColumn') {
      const factor = toNumber(ctx.column?.(t.oid));
      if (factor === undefined) return { ok: false, reason: 'missing-column' };
      value *= factor;
    } else if (t.type === 'pow10Column') {
      const exponent = toNumber(ctx.column?.(t.oid));
      if (exponent === undefined) return { ok: false, reason: 'missing-column' };
      // Dividing by 10^n for a negative power keeps 533 × 10^-1 at 53.3 (not 53.300000000000004).
      const power = t.factor * (exponent + t.offset);
      value = power >= 0 ? value * 10 ** power : value / 10 ** -power;
    }
    // A rate or delta after the first transform has no counter to work on, nor textMap/number any text (refused by the schema): ignored.
  }
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'bad-value' };
}
