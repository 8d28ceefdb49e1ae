/**
 * The raw pinger against the lab: loss and latency under the responder's impairment compared
 * with fping on the same link in the same test, dead and slow hosts, late replies, IPv6 on
 * loopback, and the availability state machine driven by a host that disappears.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAvailability } from '../../main/monitoring/availability.ts';
import { silentLogger } from '../../main/lib/logger.ts';
import { createPinger } from '../../main/icmp/create-pinger.ts';
import { runMonitorCycle } from '../../main/icmp/monitor-cycle.ts';
import { median } from '../../main/icmp/stats.ts';
import type { Pinger } from '../../main/icmp/types.ts';
import { createLab, describeLab, type Lab } from './index.ts';

describeLab('icmp: raw pinger in the lab', () => {
  let lab: Lab;
  let pinger: Pinger;
  let dead: string;

  beforeAll(async () => {
    lab = await createLab({
      name: 'icmp-pinger',
      probe: 'root',
      hosts: [{ name: 'flaky', impair: { lossPct: 20, delayMs: 30 } }, { name: 'slow', impair: { delayMs: 250 } }, { name: 'steady' }, { name: 'flapping' }],
    });
    dead = `198.18.${lab.subnet}.5`; // an empty address of the lab /24
    pinger = createPinger({ method: 'raw', ratePerSec: 2000 });
  });
  afterAll(async () => {
    pinger?.close();
    await lab?.destroy();
  });

  it('uses raw sockets as root', () => {
    expect(pinger.method).toBe('raw');
  });

  it('measures 20 % loss and 30 ms delay like fping does on the same link (200 pings)', async () => {
    const target = lab.hosts.flaky!;
    const [ours, theirs] = await Promise.all([
      pinger.probe([target], { count: 200, intervalMs: 20, timeoutMs: 1000 }),
      lab.execInProbe('fping', ['-C', '200', '-p', '20', '-t', '1000', '-q', target], { timeoutMs: 60_000 }),
    ]);
    const r = ours[0]!;
    const line = theirs.stderr.split('\n').find((l) => l.startsWith(target))!;
    const fpingRtts = line.split(':')[1]!.trim().split(/\s+/);
    const fpingReplies = fpingRtts.filter((v) => v !== '-').map(Number);
    const fpingLoss = ((fpingRtts.length - fpingReplies.length) / fpingRtts.length) * 100;
    expect(fpingRtts).toHaveLength(200);
    expect(r.sent).toBe(200);
    expect(Math.abs(r.lossPct - fpingLoss)).toBeLessThanOrEqual(8);
    expect(Math.abs(r.medianMs! - median(fpingReplies)!)).toBeLessThanOrEqual(3);
    // And both see the impairment that was configured.
    expect(r.lossPct).toBeGreaterThan(8);
    expect(r.lossPct).toBeLessThan(32);
    expect(r.medianMs!).toBeGreaterThan(27);
  });

  it('reports a dead address as 100 % loss and returns within its timeout', async () => {
    const t0 = performance.now();
    const [r] = await pinger.probe([dead], { count: 3, intervalMs: 100, timeoutMs: 500 });
    const elapsed = performance.now() - t0;
    expect(r).toMatchObject({ sent: 3, received: 0, lossPct: 100, minMs: null });
    // Last probe sent at 200 ms, given up at 700 ms: allow scheduling slack, not another timeout.
    expect(elapsed).toBeLessThan(200 + 500 + 300);
  });

  it('counts a reply slower than the timeout as lost, and the late reply does not count for the next probe', async () => {
    const before = pinger.counters().late;
    // Replies come 250 ms after each request; probes go every 100 ms with a 150 ms timeout, so
    // each late reply arrives while the next probes to the same host are waiting.
    const [slow] = await pinger.probe([lab.hosts.slow!], { count: 5, intervalMs: 100, timeoutMs: 150 });
    expect(slow).toMatchObject({ sent: 5, received: 0, lossPct: 100 });
    // The last reply arrives after the call returned; wait for it as an event (late counter).
    const deadline = performance.now() + 2_000;
    while (pinger.counters().late < before + 5 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(pinger.counters().late).toBeGreaterThanOrEqual(before + 5);
    // With a long enough timeout the same host answers, with its real RTT.
    const [patient] = await pinger.probe([lab.hosts.slow!], { count: 1, timeoutMs: 1000 });
    expect(patient!.received).toBe(1);
    expect(patient!.minMs!).toBeGreaterThanOrEqual(245);
    const [steady] = await pinger.probe([lab.hosts.steady!], { count: 3, intervalMs: 50 });
    expect(steady!.received).toBe(3);
  });

  it('pings IPv6 loopback over the ICMPv6 socket', async () => {
    const [r] = await pinger.probe(['::1'], { count: 2, intervalMs: 50 });
    expect(r).toMatchObject({ address: '::1', sent: 2, received: 2 });
  });

  it('sorts replies by id and sequence when many targets are in flight at once', async () => {
    const addresses = Object.values(lab.hosts).filter((a) => a !== lab.hosts.slow && a !== lab.hosts.flaky);
    const results = await pinger.probe([...addresses, dead], { count: 4, intervalMs: 20, timeoutMs: 400 });
    for (const r of results.slice(0, -1)) expect(r.received).toBe(4);
    expect(results.at(-1)!.received).toBe(0);
  });

  it('goes down after exactly N failed checks and comes back after one good one', async () => {
    // The production availability state machine (monitoring/availability.ts), fed as the poll sink feeds it.
    const tracker = createAvailability({ state: { save: () => undefined, ofSource: () => [] }, logger: silentLogger(), downAfter: () => 2 });
    const device = [{ id: 'dev-1', address: lab.hosts.flapping! }];
    const check = async (): Promise<Array<{ to: string; consecutiveFailures: number }>> => {
      const cycle = await runMonitorCycle(pinger, device, { count: 2, intervalMs: 50, timeoutMs: 300 });
      const at = Date.now();
      return cycle.checks.flatMap((c) => tracker.observe(c.id, 'icmp', { answered: c.ok, at }) ?? []);
    };
    expect(await check()).toMatchObject([{ to: 'up' }]);
    await lab.hostDown('flapping');
    expect(await check()).toEqual([]); // one failure: still up
    expect(tracker.get('dev-1', 'icmp')).toMatchObject({ status: 'up', consecutiveFailures: 1 });
    expect(await check()).toMatchObject([{ to: 'down', consecutiveFailures: 2 }]);
    expect(await check()).toEqual([]); // stays down, no repeated event
    await lab.hostUp('flapping');
    expect(await check()).toMatchObject([{ to: 'up' }]);
  });
});
