import { describe, expect, it } from 'vitest';
import { shownUtilisation } from './interface-utilisation.ts';

describe('interface utilisation shown', () => {
  it('is shown for a port that is up with a known speed', () => {
    expect(shownUtilisation({ oper: 1, speedBps: 1e9, inUtil: 42, outUtil: 3.1 })).toEqual({ inUtil: 42, outUtil: 3.1 });
    expect(shownUtilisation({ oper: 1, speedBps: 1e9, inUtil: 0 })).toEqual({ inUtil: 0 });
  });

  it('is not shown (not 0 %) for a port that is down, of unknown state, or without a speed', () => {
    expect(shownUtilisation({ oper: 2, speedBps: 1e9, inUtil: 12, outUtil: 1 })).toEqual({});
    expect(shownUtilisation({ speedBps: 1e9, inUtil: 12 })).toEqual({});
    expect(shownUtilisation({ oper: 1, speedBps: 0, inUtil: 12 })).toEqual({});
    expect(shownUtilisation({ oper: 1, inUtil: 12 })).toEqual({});
  });
});
