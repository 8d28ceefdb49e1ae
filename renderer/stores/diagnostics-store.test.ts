import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../main/api/contract.ts';
import type { DiagnosticsDone, DiagnosticsProgress } from '../../main/api/diagnostics.ts';

/** The store's only way out, replaced by a fake engine: calls answer from `call`, events come from `emit`. */
const call = vi.fn<(name: string, input: unknown) => Promise<Result<unknown>>>();
const listeners = new Map<string, Array<(payload: unknown) => void>>();
vi.mock('../client/create-client.ts', () => ({
  client: {
    call: (name: string, input: unknown) => call(name, input),
    on: (name: string, l: (payload: unknown) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), l]);
      return () => listeners.set(name, (listeners.get(name) ?? []).filter((x) => x !== l));
    },
  },
}));
const emit = (name: 'diagnostics.progress' | 'diagnostics.done', payload: DiagnosticsProgress | DiagnosticsDone): void => {
  for (const l of listeners.get(name) ?? []) l(payload);
};

const { useDiagnosticsStore, startDiagnosticsSync } = await import('./diagnostics-store.ts');
const { pingView } = await import('./diagnostics-ping-view.ts');

const RUN = '11111111-1111-4111-8111-111111111111';
const LO = '127.0.0.1';

describe('diagnostics store: traceroute', () => {
  let stop: () => void;
  beforeEach(() => {
    call.mockReset();
    stop?.();
    stop = startDiagnosticsSync();
    useDiagnosticsStore.setState({ runs: {}, errors: {} });
  });

  const reply = (hop: number, probe: number): DiagnosticsProgress => ({ runId: RUN, kind: 'traceroute', hop, probe, address: LO, rttMs: 0.04, status: 'reply' });

  it('a one-hop trace is one row, even when probes of TTL 2-4 (answered by the destination too) stream in', async () => {
    call.mockResolvedValueOnce({ ok: true, data: { runId: RUN, kind: 'traceroute', targets: [{ input: LO, address: LO }] } });
    await useDiagnosticsStore.getState().start({ kind: 'traceroute', target: LO });
    for (const hop of [4, 3, 1, 2]) for (const probe of [0, 1, 2]) emit('diagnostics.progress', reply(hop, probe));
    // Hops 3 and 4 arrived before hop 1 was known to be the last: the final result settles it.
    emit('diagnostics.done', {
      runId: RUN,
      kind: 'traceroute',
      status: 'completed',
      error: null,
      result: { kind: 'traceroute', trace: { target: LO, reached: true, hops: [{ hop: 1, address: LO, probes: [0, 1, 2].map(() => ({ address: LO, rttMs: 0.04, status: 'reply' as const })) }] } },
    });
    const run = useDiagnosticsStore.getState().runs.traceroute!;
    expect(run.status).toBe('completed');
    expect(run.hops.map((h) => h.hop)).toEqual([1]);
    expect(run.hops[0]!.probes.map((p) => p.probe)).toEqual([0, 1, 2]);
  });

  it('while running, no hop is added after one the destination answered', async () => {
    call.mockResolvedValueOnce({ ok: true, data: { runId: RUN, kind: 'traceroute', targets: [{ input: LO, address: LO }] } });
    await useDiagnosticsStore.getState().start({ kind: 'traceroute', target: LO });
    emit('diagnostics.progress', reply(1, 0));
    emit('diagnostics.progress', reply(2, 0));
    emit('diagnostics.progress', reply(1, 1));
    expect(useDiagnosticsStore.getState().runs.traceroute!.hops.map((h) => [h.hop, h.probes.length])).toEqual([[1, 2]]);
  });
});

describe('ping view', () => {
  const probe = (target: string, index: number, status: string, rttMs: number | null) => ({ target, index, status, rttMs, from: status === 'timeout' ? null : target });
  const A = '198.18.5.10';
  const B = '198.18.5.11';

  it('plots replies only (an unreachable probe has no RTT point), lists lost probes as marks, and orders by target then sequence', () => {
    // Arrival order as the engine streams it: targets interleaved, sequence numbers out of order.
    const probes = [probe(B, 1, 'reply', 2.5), probe(A, 0, 'reply', 0.4), probe(B, 0, 'unreachable', 550), probe(A, 2, 'timeout', null), probe(A, 1, 'reply', 0.6), probe(B, 2, 'reply', 2.1)];
    const v = pingView({ targets: [{ input: A, address: A }, { input: 'b.lab', address: B }], probes });
    expect(v.targets).toEqual([A, B]);
    expect(v.rows).toEqual([
      { index: 0, [A]: 0.4 },
      { index: 1, [A]: 0.6, [B]: 2.5 },
      { index: 2, [B]: 2.1 },
    ]);
    expect(Math.max(...v.rows.flatMap((r) => [r[A], r[B]]).filter((x) => x !== undefined))).toBe(2.5);
    expect(v.lost.map((p) => [p.target, p.index, p.status])).toEqual([[A, 2, 'timeout'], [B, 0, 'unreachable']]);
    expect(v.replies).toBe(4);
    expect(v.table.map((p) => `${p.target}#${p.index}`)).toEqual([`${A}#0`, `${A}#1`, `${A}#2`, `${B}#0`, `${B}#1`, `${B}#2`]);
    expect(v.domain).toEqual([0, 2]);
  });

  it('keeps the latest probes in the table and says so', () => {
    const probes = Array.from({ length: 6 }, (_, i) => probe(A, i, 'reply', 1));
    const v = pingView({ targets: [{ input: A, address: A }], probes }, 4);
    expect(v.table.map((p) => p.index)).toEqual([2, 3, 4, 5]);
    expect(v.truncated).toBe(true);
  });
});
