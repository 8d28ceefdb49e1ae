import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { nextSlot } from './jitter.ts';
import type { PollExecutor, PollJob, PollOutcome, Protocol, ScheduledItem } from './poll-executor.ts';
import type { PollRecord } from './poll-health.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
import { createManualTime, type ManualTime, type Timers } from '../lib/async/timers.ts';

const MIN = 60_000;

interface FakeExecutor extends PollExecutor {
  jobs: (PollJob & { at: number })[];
  maxConcurrent: number;
}

/** An executor whose answer per job (and how long it takes) is decided by `behave`. */
function fakeExecutor(time: ManualTime, protocol: Protocol, behave: (job: PollJob) => { after: number; outcome: PollOutcome | 'hang' | 'throw' }): FakeExecutor {
  let active = 0;
  const ex: FakeExecutor = {
    protocol,
    jobs: [],
    maxConcurrent: 0,
    poll(job) {
      ex.jobs.push({ ...job, at: time.now() });
      active++;
      ex.maxConcurrent = Math.max(ex.maxConcurrent, active);
      const { after, outcome } = behave(job);
      return new Promise<PollOutcome>((resolve, reject) => {
        const done = () => {
          active--;
          if (outcome === 'throw') reject(new Error('boom'));
          else if (outcome !== 'hang') resolve(outcome);
        };
        if (outcome === 'hang') {
          // Honours the abort, like a well-behaved executor.
          job.signal.addEventListener('abort', () => {
            active--;
            resolve({ status: 'timeout' });
          });
          return;
        }
        time.setTimeout(done, after);
      });
    },
  };
  return ex;
}

function item(deviceId: string, id: string, intervalMs = MIN, protocol: Protocol = 'snmp'): ScheduledItem {
  return { id: `${deviceId}/${id}`, deviceId, protocol, intervalMs };
}

let time: ManualTime;
let scheduler: Scheduler | undefined;
let records: PollRecord[];
let reach: { deviceId: string; reachable: boolean; at: number }[];

function make(opts: Partial<SchedulerOptions> = {}): Scheduler {
  time = createManualTime(Date.UTC(2025, 0, 1));
  records = [];
  reach = [];
  scheduler = createScheduler({
    clock: time,
    timers: time,
    logger: silentLogger(),
    stopGraceMs: 50,
    onPoll: (r) => records.push(r),
    onReachability: (c) => reach.push({ deviceId: c.deviceId, reachable: c.reachable, at: c.at }),
    ...opts,
  });
  return scheduler;
}

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('jitter', () => {
  it('nextSlot is strictly after and on the phase', () => {
    expect(nextSlot(1000, 60_000, 7_000)).toBe(7_000);
    expect(nextSlot(7_000, 60_000, 7_000)).toBe(67_000);
    expect(nextSlot(-5, 10, 3)).toBe(3);
  });

  it('a thousand devices are spread over the interval, not fired in the same millisecond', async () => {
    const s = make({ concurrency: { snmp: 1000 } });
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 10, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems(Array.from({ length: 1000 }, (_, i) => item(`dev-${i}`, 'a')));
    s.start();
    await time.advance(3 * MIN);
    // After the first (10 s spread) round, each minute has one poll per device, spread over it.
    const later = ex.jobs.filter((j) => j.at >= time.now() - 2 * MIN && j.at < time.now() - MIN);
    expect(later).toHaveLength(1000);
    const perSecond = new Map<number, number>();
    for (const j of later) perSecond.set(Math.floor(j.at / 1000), (perSecond.get(Math.floor(j.at / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBeGreaterThan(55);
    expect(Math.max(...perSecond.values())).toBeLessThan(40); // mean 16.7 per second
    const sameMs = new Map<number, number>();
    for (const j of later) sameMs.set(j.at, (sameMs.get(j.at) ?? 0) + 1);
    expect(Math.max(...sameMs.values())).toBeLessThanOrEqual(3);
  });
});

describe('grouping', () => {
  it("puts a device's due items in one job: 60 s items every minute, the 300 s one every fifth", async () => {
    const s = make();
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 100, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems([item('d1', 'cpu'), item('d1', 'mem'), item('d1', 'disk', 5 * MIN), item('d2', 'cpu')]);
    s.start();
    await time.advance(11 * MIN);
    const d1 = ex.jobs.filter((j) => j.deviceId === 'd1');
    // First poll soon after start with everything, then one job per minute.
    expect(d1[0]?.items.map((i) => i.id).sort()).toEqual(['d1/cpu', 'd1/disk', 'd1/mem']);
    expect(d1.length).toBeGreaterThanOrEqual(11);
    const sizes = d1.slice(1).map((j) => j.items.length);
    expect(sizes.filter((n) => n === 3).length).toBe(2);
    expect(sizes.every((n) => n === 2 || n === 3)).toBe(true);
    // Same minute phase for every job of d1; no two jobs closer than the interval.
    for (let i = 2; i < d1.length; i++) expect((d1[i] as { at: number }).at - (d1[i - 1] as { at: number }).at).toBe(MIN);
  });
});

describe('concurrency and isolation', () => {
  it('never runs more than the protocol limit at once, and every device gets polled', async () => {
    const s = make({ concurrency: { snmp: 3 }, firstPollSpreadMs: 1 });
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 2000, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems(Array.from({ length: 12 }, (_, i) => item(`d${i}`, 'x')));
    s.start();
    await time.advance(30_000);
    expect(ex.maxConcurrent).toBe(3);
    expect(new Set(ex.jobs.map((j) => j.deviceId)).size).toBe(12);
    // 12 jobs of 2 s through 3 slots: the last waited ~6 s and that shows as lag.
    expect(Math.max(...records.map((r) => r.lagMs))).toBeGreaterThanOrEqual(6000);
    expect(records.slice(0, 12).every((r) => r.status === 'ok')).toBe(true);
    expect(s.health().find((h) => h.protocol === 'snmp')).toMatchObject({ ok: records.length, concurrency: 3 });
  });

  it('a dead device costs one deadline of one slot, never delays the others', async () => {
    const s = make({ concurrency: { snmp: 2 }, jobTimeoutMs: { snmp: 5000 } });
    const ex = fakeExecutor(time, 'snmp', (job) => (job.deviceId === 'dead' ? { after: 0, outcome: 'hang' } : { after: 50, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems([item('dead', 'x'), ...Array.from({ length: 5 }, (_, i) => item(`ok${i}`, 'x'))]);
    s.start();
    await time.advance(10 * MIN);
    const good = records.filter((r) => r.deviceId !== 'dead');
    expect(good.length).toBeGreaterThanOrEqual(5 * 10);
    expect(good.every((r) => r.status === 'ok')).toBe(true);
    // Healthy devices' lag stays under the dead one's deadline even with 2 slots.
    expect(Math.max(...good.map((r) => r.lagMs))).toBeLessThanOrEqual(5000);
    const dead = records.filter((r) => r.deviceId === 'dead');
    expect(dead.every((r) => r.status === 'timeout')).toBe(true);
    expect(dead[0]?.durationMs).toBe(5000);
  });

  it('a device whose poll outlasts its interval skips slots instead of stacking polls', async () => {
    const s = make({ jobTimeoutMs: { snmp: 200_000 } });
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 90_000, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems([item('slow', 'x')]);
    s.start();
    await time.advance(10 * MIN);
    expect(ex.maxConcurrent).toBe(1);
    expect(ex.jobs.length).toBeLessThanOrEqual(6);
    expect(s.health()[0]?.skipped).toBeGreaterThan(0);
  });

  it('a throwing executor is recorded as an error', async () => {
    const s = make();
    s.registerExecutor(fakeExecutor(time, 'snmp', () => ({ after: 10, outcome: 'throw' })));
    s.setItems([item('d', 'x')]);
    s.start();
    await time.advance(MIN);
    expect(records[0]).toMatchObject({ status: 'error', message: 'boom' });
  });
});

describe('unreachable devices', () => {
  it('are marked after 3 timeouts, backed off exponentially, and restored when they answer', async () => {
    const s = make({ jobTimeoutMs: { snmp: 5000 }, maxBackoffMs: 8 * MIN });
    let up = false;
    const ex = fakeExecutor(time, 'snmp', () => (up ? { after: 100, outcome: { status: 'ok' } } : { after: 0, outcome: 'hang' }));
    s.registerExecutor(ex);
    s.setItems([item('d', 'x')]);
    s.start();
    await time.advance(40 * MIN);
    const times = ex.jobs.map((j) => j.at);
    const gaps = times.slice(1).map((t, i) => Math.round((t - (times[i] as number)) / 1000));
    // First poll right after start, then minute slots until the third timeout; then 60+5, 120+5, 240+5 s...
    // capped at 8 min (+ the 5 s deadline).
    expect(gaps[0]).toBeLessThanOrEqual(60);
    expect(gaps[1]).toBe(60);
    expect(gaps[2]).toBeGreaterThanOrEqual(65);
    expect(gaps[3]).toBeGreaterThanOrEqual(125);
    expect(gaps[4]).toBeGreaterThanOrEqual(245);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(8 * 60 + 65);
    expect(reach).toEqual([{ deviceId: 'd', reachable: false, at: times[2]! + 5000 }]);
    expect(s.deviceHealth('d')[0]).toMatchObject({ consecutiveTimeouts: times.length, unreachableSince: times[2]! + 5000, lastStatus: 'timeout' });
    // Slots inside the backoff were skipped on purpose: not missed.
    expect(s.health()[0]).toMatchObject({ missed: 0, skipped: 0 });
    // Nor is waiting out the backoff lag: each poll starts when its backoff ends.
    expect(records.map((r) => r.lagMs)).toEqual(records.map(() => 0));

    up = true;
    await time.advance(10 * MIN);
    expect(reach.at(-1)).toMatchObject({ deviceId: 'd', reachable: true });
    const after = ex.jobs.filter((j) => j.at > (reach.at(-1) as { at: number }).at).map((j) => j.at);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect((after[1] as number) - (after[0] as number)).toBe(MIN);
    expect(s.deviceHealth('d')[0]).toMatchObject({ consecutiveTimeouts: 0, unreachableSince: null, lastStatus: 'ok' });
  });

  it('pollNow polls at once, even in backoff', async () => {
    const s = make({ jobTimeoutMs: { snmp: 1000 } });
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 0, outcome: 'hang' }));
    s.registerExecutor(ex);
    s.setItems([item('d', 'x')]);
    s.start();
    await time.advance(5 * MIN);
    const n = ex.jobs.length;
    s.pollNow('d', 'snmp');
    await time.advance(1);
    expect(ex.jobs.length).toBe(n + 1);
  });
});

describe('health and lifecycle', () => {
  it('a reload of every item, once per device added, keeps one wake-up per device in the timeline', async () => {
    const s = make({ concurrency: { snmp: 100 } });
    const ex = fakeExecutor(time, 'snmp', () => ({ after: 10, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.start();
    const all: ScheduledItem[] = [];
    for (let i = 0; i < 500; i++) {
      all.push(item(`dev-${i}`, 'a'), item(`dev-${i}`, 'b', 5 * MIN));
      s.setItems(all); // as monitoring's reload does after each devices.create
    }
    expect(s.timelineSize()).toBeLessThanOrEqual(2 * 500 + 1024);
    await time.advance(2 * MIN);
    expect(new Set(ex.jobs.filter((j) => j.at >= time.now() - MIN).map((j) => j.deviceId)).size).toBe(500);
    expect(s.timelineSize()).toBeLessThanOrEqual(500);
    // A stop and a start plan every device again.
    await s.stop();
    const before = ex.jobs.length;
    s.start();
    await time.advance(MIN);
    expect(ex.jobs.length - before).toBe(500);
  });

  it('records outcome, duration and lag of every poll', async () => {
    const s = make();
    let n = 0;
    s.registerExecutor(fakeExecutor(time, 'snmp', () => ({ after: 250, outcome: n++ % 4 === 3 ? { status: 'error', message: 'authorizationError' } : { status: 'ok' } })));
    s.setItems([item('d', 'x')]);
    s.start();
    await time.advance(7 * MIN);
    // The first poll within 10 s of start, then one per minute on the device's phase.
    records.splice(8);
    await s.stop();
    expect(records).toHaveLength(8);
    expect(records.every((r) => r.durationMs === 250 && r.lagMs === 0 && r.items === 1)).toBe(true);
    expect(records[3]).toMatchObject({ status: 'error', message: 'authorizationError' });
    const h = s.health().find((x) => x.protocol === 'snmp');
    expect(h).toMatchObject({ hasExecutor: true, devices: 1, ok: 6, errors: 2, timeouts: 0, recent: { polls: 8, successRate: 0.75, avgLagMs: 0, avgDurationMs: 250 } });
    expect(s.deviceHealth()[0]).toMatchObject({ ok: 6, errors: 2, lastDurationMs: 250, items: 1 });
  });

  it('holds items of a protocol without an executor, polls them once one is registered', async () => {
    const s = make();
    s.setItems([item('d', 'ping', 30_000, 'icmp')]);
    s.start();
    await time.advance(5 * MIN);
    expect(records).toHaveLength(0);
    expect(s.health().find((h) => h.protocol === 'icmp')).toMatchObject({ hasExecutor: false, devices: 1 });
    const ex = fakeExecutor(time, 'icmp', () => ({ after: 5, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    await time.advance(1);
    expect(ex.jobs).toHaveLength(1);
    await time.advance(MIN);
    expect(ex.jobs).toHaveLength(3);
    // Held for want of a poller is not late: no slot missed, the first poll not lagging.
    expect(s.health().find((h) => h.protocol === 'icmp')).toMatchObject({ missed: 0 });
    expect(records[0]?.lagMs).toBe(0);
  });

  it('counts the slots that went by unpolled when the scheduler woke late, and the lag of every poll in a histogram', async () => {
    time = createManualTime(Date.UTC(2025, 0, 1));
    // Timers that fire `late` ms after they were asked to: an event loop blocked for that long.
    let late = 0;
    const lateTimers: Timers = { setTimeout: (fn, ms) => time.setTimeout(fn, ms + late), clearTimeout: (h) => time.clearTimeout(h) };
    const polls: PollRecord[] = [];
    const s = createScheduler({ clock: time, timers: lateTimers, logger: silentLogger(), stopGraceMs: 50, onPoll: (r) => polls.push(r) });
    scheduler = s;
    s.registerExecutor(fakeExecutor(time, 'snmp', () => ({ after: 5, outcome: { status: 'ok' } })));
    s.setItems([item('d', 'x')]);
    s.start();
    await time.advance(3 * MIN);
    expect(s.health()[0]).toMatchObject({ missed: 0, skipped: 0 });
    const onTime = polls.length;
    expect(polls.every((r) => r.lagMs === 0)).toBe(true);
    // The next wake-up comes 150 s late: the poll starts 150 s after its slot, two slots went by.
    late = 150_000;
    await time.advance(MIN);
    late = 0;
    await time.advance(5 * MIN);
    const h = s.health()[0];
    expect(h).toMatchObject({ missed: 2, skipped: 0 });
    expect(polls.map((r) => r.lagMs).filter((l) => l > 0)).toEqual([150_000]);
    // The histogram holds every poll: all on time but one, which lies in the (60 s, ∞) bucket.
    expect(h?.lag.counts.reduce((a, c) => a + c, 0)).toBe(polls.length);
    expect(h?.lag.counts[0]).toBe(polls.length - 1);
    expect(h?.lag.counts.at(-1)).toBe(1);
    expect(polls.length).toBeGreaterThan(onTime + 3);
  });

  it('stops polling removed items and devices; stop aborts polls in flight', async () => {
    const s = make();
    const ex = fakeExecutor(time, 'snmp', (job) => (job.deviceId === 'b' ? { after: 0, outcome: 'hang' } : { after: 5, outcome: { status: 'ok' } }));
    s.registerExecutor(ex);
    s.setItems([item('a', 'x'), item('a', 'y'), item('b', 'x')]);
    s.start();
    await time.advance(MIN);
    s.removeItems(['a/y']);
    s.removeDevice('b');
    const before = ex.jobs.length;
    await time.advance(3 * MIN);
    const later = ex.jobs.slice(before);
    expect(later.every((j) => j.deviceId === 'a' && j.items.length === 1)).toBe(true);
    // b's hung poll from before removal: aborted by stop.
    s.setItems([item('b', 'x')]);
    s.pollNow('b', 'snmp');
    await time.advance(1);
    const hung = ex.jobs.at(-1) as PollJob;
    expect(hung.signal.aborted).toBe(false);
    await s.stop();
    expect(hung.signal.aborted).toBe(true);
    await s.idle();
  });
});
