import { describe, expect, it } from 'vitest';
import { RuleCondition } from '../api/alerts.ts';
import { conditionHolds } from './condition-holds.ts';

describe('state conditions', () => {
  it('in / notIn a set of states', () => {
    const degraded = RuleCondition.parse({ kind: 'state', metric: 'syno_raid_status', op: 'in', values: [11, 12] });
    expect(degraded).toEqual({ kind: 'state', metric: 'syno_raid_status', op: 'in', values: [11, 12], forSec: 0 });
    if (degraded.kind !== 'state') throw new Error('parsed as another kind');
    expect([1, 11, 12, 13, 21].map((v) => conditionHolds(degraded, v))).toEqual([false, true, true, false, false]);
    const notRunning = RuleCondition.parse({ kind: 'state', metric: 'psu', op: 'notIn', values: [1, 5], forSec: 60 });
    if (notRunning.kind !== 'state') throw new Error('parsed as another kind');
    expect([1, 5, 2, 6].map((v) => conditionHolds(notRunning, v))).toEqual([false, false, true, true]);
  });

  it('refuses an empty set, a state listed twice, fractions and other operators', () => {
    const problem = (c: unknown) => RuleCondition.safeParse(c).error?.issues[0]?.message;
    expect(problem({ kind: 'state', metric: 'm', op: 'in', values: [] })).toBe('List at least one state');
    expect(problem({ kind: 'state', metric: 'm', op: 'in', values: [2, 2] })).toBe('A state is listed twice');
    expect(problem({ kind: 'state', metric: 'm', op: 'in', values: [1.5] })).toBe('States are whole numbers');
    expect(RuleCondition.safeParse({ kind: 'state', metric: 'm', op: 'above', values: [1] }).success).toBe(false);
  });

  it('thresholds compare as before', () => {
    const c = RuleCondition.parse({ kind: 'threshold', metric: 'm', op: 'above', value: 2 });
    if (c.kind !== 'threshold') throw new Error('parsed as another kind');
    expect([2, 3].map((v) => conditionHolds(c, v))).toEqual([false, true]);
  });
});
