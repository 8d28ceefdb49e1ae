import { describe, expect, it } from 'vitest';
import type { AvailabilityChange } from '../api/alerts.ts';
import type { Pinger, TargetResult } from '../icmp/types.ts';
import { silentLogger } from '../lib/logger.ts';
import { createAvailability } from './availability.ts';
import { deviceStatus, type SourceState } from './device-state.ts';
import { createIcmpExecutor } from './icmp-executor.ts';
import { createLossWindows } from './loss-window.ts';
import type { PollJob, PollOutcome } from './poll-executor.ts';
import { createPollSink, throughSink } from './poll-sink.ts';
import { createManualTime } from '../lib/async/timers.ts';

/** A pinger whose targets answer (or not, or only `received` of the probes) as the test says; records each probe() call. */
function fakePinger(answers: Map<string, boolean | { received: number }>) {
  const calls: string[][] = [];
  const pinger = {
    method: 'raw',
    methodInfo: { method: 'raw', detail: 'fake' },
    async probe(addresses: readonly string[], o: { count?: number } = {}): Promise<TargetResult[]> {
      calls.push([...addresses]);
      const n = o.count ?? 1;
      return addresses.map((address) => {
        const a = answers.get(address) ?? false;
        const received = typeof a === 'object' ? a.received : a ? n : 0;
        const ok = received > 0;
        return { address, sent: n, received, lossPct: Math.round(((n - received) / n) * 1000) / 10, minMs: ok ? 1 : null, avgMs: ok ? 1.5 : null, maxMs: ok ? 2 : null, medianMs: ok ? 1.5 : null, mdevMs: ok ? 0.5 : null, jitterMs: ok ? 0.5 : null, rtts: [], lastError: null } as TargetResult;
      });
    },
  } as unknown as Pinger;
  return { pinger, calls };
}

function setup(saved: SourceState[] = []) {
  const time = createManualTime();
  const answers = new Map<string, boolean | { received: number }>([
    ['198.18.0.10', true],
    ['198.18.0.11', true],
  ]);
  const { pinger, calls } = fakePinger(answers);
  const written: { name: string; labels: Record<string, string>; value: number }[] = [];
  const stored = new Map<string, SourceState>(saved.map((s) => [s.deviceId, s]));
  const seen: AvailabilityChange[] = [];
  // The poller returns results; the sink writes the samples and feeds the one availability state machine.
  const machine = createAvailability({
    state: { save: (list) => list.forEach((s) => stored.set(s.deviceId, s)), ofSource: (source) => [...stored.values()].filter((s) => s.source === source) },
    logger: silentLogger(),
    downAfter: () => 2,
    onChange: (c) => seen.push(c),
  });
  const poller = createIcmpExecutor({
    pinger: () => pinger,
    clock: time,
    timers: time,
    logger: silentLogger(),
    settings: () => ({ probes: 3 }),
    batchWindowMs: 100,
  });
  const writer = {
    writeNamed: (name: string, labels: Record<string, string>, _ts: number, value: number) => {
      written.push({ name, labels, value });
      return 0;
    },
  };
  const exec = throughSink(poller, createPollSink({ writer, availability: machine, lossWindows: createLossWindows({ windowMs: 60_000, minProbes: 10 }), logger: silentLogger() }));
  const job = (deviceId: string, address: string): PollJob => ({
    deviceId,
    protocol: 'icmp',
    items: [{ id: `icmp:${deviceId}`, deviceId, protocol: 'icmp', intervalMs: 30_000, payload: { address } }],
    dueAt: time.now(),
    startedAt: time.now(),
    deadline: time.now() + 15_000,
    signal: new AbortController().signal,
  });
  /** One check of both devices (due together: one batch). */
  async function cycle(): Promise<PollOutcome[]> {
    const outcomes = Promise.all([exec.poll(job('a', '198.18.0.10')), exec.poll(job('b', '198.18.0.11'))]);
    await time.advance(100);
    return outcomes;
  }
  const availability = () => [...seen];
  return { exec, machine, poller, calls, answers, written, stored, cycle, availability, time };
}

describe('ICMP executor', () => {
  it('batches devices due together into one monitor cycle and writes rtt, loss and availability', async () => {
    const t = setup();
    expect((await t.cycle()).map((o) => o.status)).toEqual(['ok', 'ok']);
    expect(t.calls).toEqual([['198.18.0.10', '198.18.0.11']]);
    expect(t.written.filter((w) => w.labels.device === 'a')).toEqual([
      { name: 'ping_rtt_ms', labels: { device: 'a' }, value: 1.5 },
      { name: 'ping_loss_pct', labels: { device: 'a' }, value: 0 },
      { name: 'availability', labels: { device: 'a' }, value: 1 },
    ]);
    expect(t.availability().map((a) => [a.deviceId, a.status, a.source])).toEqual([
      ['a', 'up', 'icmp'],
      ['b', 'up', 'icmp'],
    ]);
  });

  it('says down after exactly N failed checks (one event), up after one good one, and persists it', async () => {
    const t = setup();
    await t.cycle();
    t.answers.set('198.18.0.10', false);
    const first = await t.cycle();
    // A failed check is still a completed poll: the scheduler must not back the device off.
    expect(first[0]).toEqual({ status: 'ok', message: 'no reply (3 probes)' });
    expect(t.availability().filter((a) => a.status === 'down')).toEqual([]);
    await t.cycle();
    await t.cycle();
    expect(t.availability().filter((a) => a.status === 'down')).toEqual([expect.objectContaining({ deviceId: 'a', consecutiveFailures: 2 })]);
    expect(t.stored.get('a')).toMatchObject({ status: 'down', consecutiveFailures: 3 });
    expect(t.written.filter((w) => w.name === 'availability' && w.labels.device === 'a').map((w) => w.value)).toEqual([1, 0, 0, 0]);
    t.answers.set('198.18.0.10', true);
    await t.cycle();
    expect(t.availability().filter((a) => a.deviceId === 'a').map((a) => a.status)).toEqual(['up', 'down', 'up']);
    expect(t.stored.get('a')).toMatchObject({ status: 'up', consecutiveFailures: 0 });
  });

  it('writes the windowed loss and latency, and degraded follows the window: no Up/Degraded flipping on a lossy link', async () => {
    const t = setup();
    const statuses: string[] = [];
    // 20 % loss as 3-probe checks see it: 0, 1, 0, 2, 0 probes lost in turns (0 / 33 / 66 % per check).
    for (let i = 0; i < 10; i++) {
      t.answers.set('198.18.0.10', { received: 3 - ([0, 1, 0, 2, 0][i % 5] ?? 0) });
      await t.cycle();
      statuses.push(t.stored.get('a')?.status ?? 'none');
      await t.time.advance(5000);
    }
    const of = (name: string) => t.written.filter((w) => w.name === name && w.labels.device === 'a').map((w) => w.value);
    expect(of('ping_loss_pct')).toEqual([0, 33.3, 0, 66.7, 0, 0, 33.3, 0, 66.7, 0]);
    // No figure before 10 probes (4 checks), then the window's: around 20 %, never the comb.
    expect(of('ping_loss_pct_5m')).toEqual([25, 20, 16.7, 19, 16.7, 22.2, 20]);
    expect(of('ping_rtt_ms_5m')).toEqual(new Array(7).fill(1.5));
    expect(statuses).toEqual(['up', 'up', 'up', 'degraded', 'degraded', 'degraded', 'degraded', 'degraded', 'degraded', 'degraded']);
    expect(of('availability')).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    // The link goes dead: called down after 2 checks; back up, the window starts afresh (no stale loss, not degraded).
    t.answers.set('198.18.0.10', false);
    await t.cycle();
    await t.cycle();
    expect(t.stored.get('a')?.status).toBe('down');
    t.answers.set('198.18.0.10', true);
    for (let i = 0; i < 4; i++) await t.cycle();
    expect(t.stored.get('a')?.status).toBe('up');
    expect(of('ping_loss_pct_5m').slice(7)).toEqual([0]);
  });

  it('resumes from the persisted state after a restart', async () => {
    const t = setup([{ deviceId: 'a', source: 'icmp', status: 'down', since: 1, consecutiveFailures: 5, lastCheckAt: 1, lastSeenAt: null }]);
    expect(t.machine.get('a', 'icmp')).toMatchObject({ status: 'down', consecutiveFailures: 5 });
    t.answers.set('198.18.0.10', false);
    await t.cycle();
    // Still down: no second "down" event after the restart.
    expect(t.availability().filter((a) => a.deviceId === 'a')).toEqual([]);
  });
});

describe('deviceStatus', () => {
  const s = (source: 'icmp' | 'snmp', status: SourceState['status'], lastSeenAt: number | null = null, since = 0): SourceState => ({ deviceId: 'd', source, status, since, consecutiveFailures: 0, lastCheckAt: 0, lastSeenAt });
  it('follows ICMP, falls back to SNMP, and calls mixed signals degraded', () => {
    expect(deviceStatus(undefined, true)).toEqual({ status: 'unknown' });
    expect(deviceStatus([s('icmp', 'up', 5), s('snmp', 'up', 7)], true)).toEqual({ status: 'up', lastSeen: 7 });
    expect(deviceStatus([s('icmp', 'down', 5)], true)).toEqual({ status: 'down', lastSeen: 5 });
    expect(deviceStatus([s('snmp', 'down')], true)).toEqual({ status: 'down' });
    // SNMP answering since ping stopped: degraded (ICMP filtered?); its last answer before that: down.
    expect(deviceStatus([s('icmp', 'down', null, 100), s('snmp', 'up', 120)], true).status).toBe('degraded');
    expect(deviceStatus([s('icmp', 'down', null, 100), s('snmp', 'up', 90)], true)).toEqual({ status: 'down', lastSeen: 90 });
    expect(deviceStatus([s('icmp', 'down', null, 100), s('snmp', 'up')], true).status).toBe('down');
    expect(deviceStatus([s('icmp', 'up'), s('snmp', 'down')], true).status).toBe('degraded');
    expect(deviceStatus([s('icmp', 'degraded')], true).status).toBe('degraded');
    expect(deviceStatus([s('icmp', 'up', 3)], false)).toEqual({ status: 'unknown', lastSeen: 3 });
  });
});
