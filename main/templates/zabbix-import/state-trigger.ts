/**
 * Zabbix triggers on a state: `last(/T/key)=N`, several of them on one item joined by `or`
 * (`last(/T/k)=3 or last(/T/k)=4`), or `last(/T/key)<>N` joined by `and`. Each fires exactly when
 * the item's latest value is (or is none of) those whole numbers, which is a `state` rule with
 * `in` (or `notIn`). Anything else is not one (undefined): the caller maps thresholds or says why not.
 */
import type { RuleCondition } from '../../api/alerts.ts';
import type { MacroResolver } from './macros.ts';
import { numberOf } from './naming.ts';
import { parseCall } from './trigger-call.ts';

const COMPARISON = /^\s*(=|<>)\s*(\{\$[A-Z0-9_.]+(?::"(?:[^"\\]|\\.)*"|:[^}]*)?\}|-?\d+)\s*/;

export function mapStateTrigger(expr: string, macros: MacroResolver, itemKeyOf: (zabbixKey: string) => string | undefined): { itemKey: string; condition: Extract<RuleCondition, { kind: 'state' }> } | undefined {
  let rest = expr;
  let zabbixKey: string | undefined;
  let op: '=' | '<>' | undefined;
  const values: number[] = [];
  for (;;) {
    const call = parseCall(rest);
    if (!call || call.fn !== 'last' || (call.period !== undefined && call.period !== '' && call.period !== '#1')) return undefined;
    if (zabbixKey !== undefined && call.key !== zabbixKey) return undefined;
    zabbixKey = call.key;
    const cmp = COMPARISON.exec(call.rest);
    if (!cmp) return undefined;
    const thisOp = cmp[1] as '=' | '<>';
    if (op !== undefined && thisOp !== op) return undefined;
    op = thisOp;
    const resolved = macros.resolve(cmp[2] as string);
    const value = resolved.ok ? numberOf(resolved.text) : undefined;
    if (value === undefined || !Number.isInteger(value)) return undefined;
    if (!values.includes(value)) values.push(value);
    const after = call.rest.slice(cmp[0].length);
    if (after.trim() === '') break;
    const join = /^(or|and)\s+/.exec(after);
    // = joined by or (any of), <> joined by and (none of): other mixes are not a set of states.
    if (!join || (join[1] === 'or') !== (op === '=')) return undefined;
    rest = after.slice(join[0].length);
  }
  const itemKey = itemKeyOf(zabbixKey);
  if (itemKey === undefined || values.length > 32) return undefined;
  return { itemKey, condition: { kind: 'state', metric: itemKey, op: op === '=' ? 'in' : 'notIn', values, forSec: 0 } };
}
