/**
 * Zabbix triggers of the simple forms → alert rules: `last(/T/key)<op>N` and
 * `avg|min|max(/T/key,PERIOD)<op>N`, with user macros resolved to the template's defaults. `min`
 * above N (every value in the period above N) and `max` below N become "for PERIOD"; `avg` too,
 * which is close (noted). `last(/T/key)=N` (several on one item joined by `or`) and `<>N` (joined
 * by `and`) become a rule on a set of states (state-trigger.ts). Anything else (other and/or,
 * other functions, count windows, equality with a fraction) is reported with the reason.
 */
import type { ImportedAlert } from '../../api/template-import.ts';
import type { MacroResolver } from './macros.ts';
import { numberOf, seconds } from './naming.ts';
import { mapStateTrigger } from './state-trigger.ts';
import { parseCall } from './trigger-call.ts';
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

/**
 * `itemKeyOf` maps a Zabbix item key to our item's key (undefined: that item was not imported).
 */
export function mapTrigger(t: ZbxTrigger, macros: MacroResolver, itemKeyOf: (zabbixKey: string) => string | undefined): MappedTrigger {
  const expr = t.expression.trim();
  const severity = SEVERITY[(t.priority ?? 'NOT_CLASSIFIED').toUpperCase()] ?? 'info';
  const name = (macros.resolve(t.name).ok ? (macros.resolve(t.name) as { text: string }).text : t.name).slice(0, 128);
  const recoveryNote = t.recovery_expression ? ['recovery expression not kept: the rule recovers when the value is back across the threshold'] : [];
  const state = mapStateTrigger(expr, macros, itemKeyOf);
  if (state) return { ok: true, alert: { name, severity, itemKey: state.itemKey, condition: state.condition, expression: expr }, notes: recoveryNote };
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
  if (op === '=' || op === '<>') return { ok: false, reason: `equality (${op}) has no equivalent here: only last() equal (or not equal) to whole numbers becomes a rule on states` };
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
  notes.push(...recoveryNote);
  return {
    ok: true,
    alert: {
      name,
      severity,
      itemKey: key,
      condition: { kind: 'threshold', metric: key, op: op.startsWith('>') ? 'above' : 'below', value, forSec },
      expression: expr,
    },
    notes,
  };
}
