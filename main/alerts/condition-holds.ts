/**
 * Whether one value breaches a rule's condition, for the conditions that compare a value: a
 * threshold (above/below) and a state set (in/notIn). Pure; the evaluator adds time (forSec,
 * recovery) on top, and tests use it to ask whether a template's alert would fire on a sample.
 */
import type { RuleCondition } from '../api/alerts.ts';

export type ValueCondition = Extract<RuleCondition, { kind: 'threshold' | 'rate' | 'state' }>;

export function conditionHolds(c: ValueCondition, v: number): boolean {
  if (c.kind === 'state') return c.op === 'in' ? c.values.includes(v) : !c.values.includes(v);
  return c.op === 'above' ? v > c.value : v < c.value;
}
