/**
 * Zabbix triggers of the simple forms → alert rules: `last(/T/key)<op>N` and
 * `avg|min|max(/T/key,PERIOD)<op>N`, with user macros resolved to the template's defaults. `min`
 * above N (every value in the period above N) and `max` below N become "for PERIOD"; `avg` too,
 * which is close (noted). Anything else (and/or, other functions, count windows, equality) is
 * reported with the reason.
 */
import type { ImportedAlert } from '../../api/template-import.ts';
import type { MacroResolver } from './macros.ts';
import { numberOf, seconds } from './naming.ts';
import type { ZbxTrigger } from './zabbix-export.ts';

export type MappedTrigger = { ok: true; alert: ImportedAlert; notes: string[] } | { ok: false; reason: string };

const SEVERITY: Record<string, ImportedAlert['severity']> = {
  NOT_CLASSIFIED: 'info',
  INFO: 'info',
  WARNING: 'warning',
  AVERAGE: 'minor',
  HIGH: 'major',
  DISASTER: 'critical',
};

interface Call {
  fn: string;
  key: string;
  period: string | undefined;
  rest: string;
}

/** `fn(/host/key[,param])rest` with the key's brackets and quotes respected. */
function parseCall(expr: string): Call | undefined {
  const m = /^\s*(last|avg|min|max)\(\s*\/[^/]*\//.exec(expr);
  if (!m) return undefined;
  let i = m[0].length;
  let depth = 0;
  let quoted = false;
  let key = '';
  for (; i < expr.length; i++) {
    const c = expr[i] as string;
    if (quoted) {
      if (c === '"' && expr[i - 1] !== '\\') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (depth === 0 && (c === ',' || c === ')')) break;
    key += c;
  }
  let period: string | undefined;
  if (expr[i] === ',') {
    const close = expr.indexOf(')', i);
    if (close < 0) return undefined;
    period = expr.slice(i + 1, close).trim();
    i = close;
  }
  if (expr[i] !== ')') return undefined;
  return { fn: m[1] as string, key: key.trim(), period, rest: expr.slice(i + 1) };
}

/**
 * `itemKeyOf` maps a Zabbix item key to our item's key (undefined: that item was not imported).
 */
export function mapTrigger(t: ZbxTrigger, macros: MacroResolver, itemKeyOf: (zabbixKey: string) => string | undefined): MappedTrigger {
  const expr = t.expression.trim();
  const call = parseCall(expr);
  if (!call) return { ok: false, reason: 'not of the form last/avg/min/max(/template/key[,period]) <op> number' };
  const cmp = /^\s*(>=|<=|<>|>|<|=)\s*(.+?)\s*$/s.exec(call.rest);
  if (!cmp) return { ok: false, reason: 'not a single comparison with a number' };
  const [, op = '', rhs = ''] = cmp;
  if (/\b(and|or|not)\b|[()]/.test(rhs)) return { ok: false, reason: 'a complex expression (and/or, several functions)' };
  const key = itemKeyOf(call.key);
  if (key === undefined) return { ok: false, reason: `its item ${call.key} was not imported` };
  const resolved = macros.resolve(rhs);
  if (!resolved.ok) return { ok: false, reason: `macro ${resolved.missing} has no default in the template` };
  const value = numberOf(resolved.text);
  if (value === undefined) return { ok: false, reason: `threshold ${rhs} is not a number` };
  if (op === '=' || op === '<>') return { ok: false, reason: `equality (${op}) has no equivalent: rules compare above or below a value` };
  const notes: string[] = [];
  let forSec = 0;
  if (call.fn === 'last') {
    if (call.period !== undefined && call.period !== '#1' && call.period !== '') return { ok: false, reason: `last() of an older value (${call.period})` };
  } else {
    if (call.period === undefined) return { ok: false, reason: `${call.fn}() without a period` };
    const p = macros.resolve(call.period);
    const sec = p.ok ? seconds(p.text) : undefined;
    if (sec === undefined) return { ok: false, reason: `period ${call.period} is not a duration (count windows such as #3 have no equivalent)` };
    const above = op === '>' || op === '>=';
    // min above N / max below N: every value in the period crossed; avg: about the same.
    if ((call.fn === 'min' && above) || (call.fn === 'max' && !above) || call.fn === 'avg') forSec = Math.min(sec, 7 * 86_400);
    if (call.fn === 'avg') notes.push(`avg over ${call.period} read as "for ${call.period}"`);
  }
  if (op === '>=' || op === '<=') notes.push(`${op} read as ${op === '>=' ? 'above' : 'below'}`);
  if (t.recovery_expression) notes.push('recovery expression not kept: the rule recovers when the value is back across the threshold');
  const name = (macros.resolve(t.name).ok ? (macros.resolve(t.name) as { text: string }).text : t.name).slice(0, 128);
  return {
    ok: true,
    alert: {
      name,
      severity: SEVERITY[(t.priority ?? 'NOT_CLASSIFIED').toUpperCase()] ?? 'info',
      itemKey: key,
      condition: { kind: 'threshold', metric: key, op: op.startsWith('>') ? 'above' : 'below', value, forSec },
      expression: expr,
    },
    notes,
  };
}
