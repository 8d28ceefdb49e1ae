import { describe, expect, it } from 'vitest';
import type { NeighborState } from '../neighbors.ts';
import { arpVerdict, createArpGate, type ArpVerdict } from './arp-gate.ts';

describe('arpVerdict', () => {
  it('no ARP answer is no host; a fresh answer is a host; the rest is unknown', () => {
    expect(arpVerdict({ address: 'a', state: 'FAILED' }, 1)).toBe('no-host');
    expect(arpVerdict({ address: 'a', state: 'INCOMPLETE', confirmedAgoSec: 0 }, 1)).toBe('no-host');
    expect(arpVerdict({ address: 'a', state: 'REACHABLE', confirmedAgoSec: 0 }, 1.2)).toBe('answered');
    // 0 s ago means under a second ago: 0.4 s into the sweep, that may be before it began.
    expect(arpVerdict({ address: 'a', state: 'REACHABLE', confirmedAgoSec: 0 }, 0.4)).toBe('unknown');
    expect(arpVerdict({ address: 'a', state: 'DELAY', confirmedAgoSec: 2 }, 3.5)).toBe('answered');
    // Confirmed before the sweep began: the host may have gone since.
    expect(arpVerdict({ address: 'a', state: 'STALE', confirmedAgoSec: 20 }, 3)).toBe('unknown');
    expect(arpVerdict({ address: 'a', state: 'REACHABLE' }, 3)).toBe('unknown');
    expect(arpVerdict({ address: 'a', state: 'PERMANENT', confirmedAgoSec: 0 }, 3)).toBe('unknown');
    expect(arpVerdict(undefined, 3)).toBe('unknown');
  });
});

describe('arpVerdict against the table at the sweep’s start', () => {
  const base = new Map<string, NeighborState>([
    ['10.0.0.2', { address: '10.0.0.2', state: 'FAILED' }],
    ['10.0.0.3', { address: '10.0.0.3', state: 'REACHABLE', confirmedAgoSec: 4 }],
  ]);
  it('a new or newly resolved entry, or a younger confirmation, is an answer during the sweep', () => {
    expect(arpVerdict({ address: '10.0.0.9', state: 'REACHABLE', confirmedAgoSec: 0 }, 0.3, base)).toBe('answered');
    expect(arpVerdict({ address: '10.0.0.2', state: 'REACHABLE', confirmedAgoSec: 0 }, 0.3, base)).toBe('answered');
    expect(arpVerdict({ address: '10.0.0.3', state: 'DELAY', confirmedAgoSec: 0 }, 0.3, base)).toBe('answered');
  });
  it('an entry cached from before, not confirmed since, proves nothing (its host may be gone)', () => {
    expect(arpVerdict({ address: '10.0.0.3', state: 'REACHABLE', confirmedAgoSec: 4 }, 0.3, base)).toBe('unknown');
    expect(arpVerdict({ address: '10.0.0.3', state: 'REACHABLE', confirmedAgoSec: 5 }, 0.9, base)).toBe('unknown');
  });
});

describe('createArpGate', () => {
  it('decides every pushed address, sharing table reads between addresses that arrive together', async () => {
    const table = new Map<string, NeighborState>([
      ['10.0.0.2', { address: '10.0.0.2', state: 'INCOMPLETE' }],
      ['10.0.0.3', { address: '10.0.0.3', state: 'REACHABLE', confirmedAgoSec: 0 }],
    ]);
    let reads = 0;
    const verdicts = new Map<string, ArpVerdict>();
    const gate = createArpGate({
      read: () => {
        reads++;
        return Promise.resolve(table);
      },
      sweepAgeSec: () => 2,
      batchMs: 5,
      onVerdict: (a, v) => verdicts.set(a, v),
    });
    gate.push('10.0.0.2');
    gate.push('10.0.0.3');
    gate.push('10.0.0.4');
    await gate.close();
    expect(reads).toBe(1);
    expect(Object.fromEntries(verdicts)).toEqual({ '10.0.0.2': 'no-host', '10.0.0.3': 'answered', '10.0.0.4': 'unknown' });
    // A later address gets a fresh read.
    gate.push('10.0.0.2');
    await gate.close();
    expect(reads).toBe(2);
  });

  it('an unreadable table decides nothing: every address is unknown', async () => {
    const verdicts: ArpVerdict[] = [];
    const gate = createArpGate({ read: () => Promise.reject(new Error('no ip')), sweepAgeSec: () => 1, batchMs: 0, onVerdict: (_a, v) => verdicts.push(v) });
    gate.push('10.0.0.2');
    await gate.close();
    expect(verdicts).toEqual(['unknown']);
  });
});
