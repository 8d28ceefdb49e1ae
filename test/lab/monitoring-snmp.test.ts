/**
 * Standalone SNMP monitoring against real snmpd agents in the lab: the generic SNMP template on a
 * device with an ordered credential list (a wrong community first), samples in the metrics store
 * within a couple of 10 s intervals, interface rates checked against a known amount of UDP traffic
 * through the lab veth, a dead agent that does not delay the others and becomes unreachable (and
 * back), and an agent restart that leaves a gap instead of a spike.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';
import { type Recorder, recordEvents } from './monitoring-support.ts';

/** Ethernet (14) + IPv4 (20) + UDP (8) around each datagram, as the veth's rx counter sees it. */
const FRAME_OVERHEAD = 42;

describeLab('monitoring: SNMP polling in the lab', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let rec: Recorder;
  let core: string;
  let dead: string;
  let publicId: string;
  let labIf: string;

  /** Table samples of one poll share a timestamp: the polls (by their if_oper_status sample) of a device. */
  const pollTimes = (deviceId: string) => rec.of('if_oper_status', deviceId, { interface: labIf }).map((s) => s.ts);

  /** Polls a device now and resolves with the timestamp of that poll's table samples. */
  async function pollNow(deviceId: string): Promise<number> {
    const before = Math.max(0, ...pollTimes(deviceId));
    engine.areas.monitoring.scheduler.pollNow(deviceId, 'snmp');
    return rec.waitFor(`a poll of ${deviceId}`, () => pollTimes(deviceId).find((t) => t > before), 20_000);
  }

  beforeAll(async () => {
    lab = await createLab({
      name: 'mon-snmp',
      probe: 'root',
      hosts: [
        { name: 'core', snmp: { sysName: 'core-sw1', sysDescr: 'Linux core-sw1' } },
        { name: 'dead', snmp: { sysName: 'dead-sw' } },
      ],
    });
    labIf = `wfl${lab.subnet}l`;
    engine = await testEngine({ pollers: true, icmp: { method: 'raw' } });
    rec = recordEvents(engine);
    await unwrap(engine.api.call('settings.set', { snmpIntervalSec: 10 }));
    await engine.start();
    const wrong = await unwrap(engine.api.call('credentials.create', { name: 'wrong', version: '2c', community: 'not-this-one' }));
    publicId = (await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }))).id;
    core = (await unwrap(engine.api.call('devices.create', { name: 'core', address: lab.hosts.core ?? '', credentialIds: [wrong.id, publicId] }))).id;
    dead = (await unwrap(engine.api.call('devices.create', { name: 'dead', address: lab.hosts.dead ?? '', credentialIds: [publicId] }))).id;
    await unwrap(engine.api.call('templates.apply', { templateId: 'generic-snmp', deviceIds: [core, dead] }));
  });
  afterAll(async () => {
    rec?.stop();
    await engine?.close();
    await lab?.destroy();
  });

  it('(a) polls the generic template on its schedule: uptime and interface samples, rates from the second poll', async () => {
    await rec.waitFor('uptime and interface samples', () => rec.of('uptime_sec', core).length > 0 && rec.of('if_oper_status', core, { interface: labIf }).length > 0, 25_000);
    const uptime = rec.of('uptime_sec', core)[0]?.value ?? -1;
    expect(uptime).toBeGreaterThan(0);
    expect(uptime).toBeLessThan(3600);
    expect(rec.of('if_oper_status', core, { interface: 'lo' })[0]).toMatchObject({ value: 1, labels: { device: core, interface: 'lo', index: '1' } });
    // The first poll only primes the counters; the second (10 s later) gives rates.
    await rec.waitFor('if_in_bps', () => rec.of('if_in_bps', core, { interface: labIf }).length > 0, 25_000);
    expect(rec.of('if_in_bps', core, { interface: labIf })[0]?.value).toBeGreaterThanOrEqual(0);
    expect(rec.of('snmp_reachable', core).at(-1)?.value).toBe(1);
    // The wrong community came first in the list; the working one is remembered (and persisted).
    expect(engine.areas.polling.state.rememberedCredential(core)).toBe(publicId);
    const device = await unwrap(engine.api.call('devices.get', { id: core }));
    expect(device.status).toBe('up');
    // The poller read the system group once and stored the identity.
    expect(device).toMatchObject({ sysName: 'core-sw1', sysObjectID: expect.stringMatching(/^1\.3\.6\.1\.4\.1\./) });
    expect(device.identityUpdatedAt).not.toBeNull();
    const health = await unwrap(engine.api.call('monitoring.health', {}));
    expect(health.protocols.find((p) => p.protocol === 'snmp')).toMatchObject({ hasExecutor: true, devices: 2 });
  });

  it('(b) computes if_in_bps within 5 % of the bytes sent through the lab veth', async () => {
    const t0 = await pollNow(core);
    const payload = 1400;
    const packets = 3000;
    const socket = dgram.createSocket('udp4');
    const buf = Buffer.alloc(payload, 0x5a);
    // Batches, each awaited, so the veth's backlog never overflows (a dropped frame is not counted).
    for (let i = 0; i < packets; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, packets - i) }, () => new Promise<void>((resolve, reject) => socket.send(buf, 9, lab.hosts.core, (err) => (err ? reject(err) : resolve())))));
    }
    socket.close();
    const sentAt = Date.now();
    // snmpd caches its interface table for a few seconds: the reading that is sure to include all
    // the traffic is the first scheduled poll at least 6 s after it (polls every 10 s).
    const t1 = await rec.waitFor('a poll 6 s after the traffic', () => pollTimes(core).find((t) => t > sentAt + 6000), 30_000);
    // The polls from t0 to t1 each counted some of the traffic: integrate rate x time over them.
    const rates = rec.of('if_in_bps', core, { interface: labIf }).filter((s) => s.ts > t0 && s.ts <= t1);
    const times = [t0, ...pollTimes(core).filter((t) => t > t0 && t <= t1)];
    expect(rates.map((r) => r.ts)).toEqual(times.slice(1));
    let measuredBytes = 0;
    rates.forEach((r, i) => (measuredBytes += (r.value * ((times[i + 1] as number) - (times[i] as number))) / 1000 / 8));
    const sentBytes = packets * (payload + FRAME_OVERHEAD);
    const error = Math.abs(measuredBytes - sentBytes) / sentBytes;
    // The measured accuracy goes in the test log.
    console.log(`if_in_bps accuracy: sent ${sentBytes} B on the wire, measured ${Math.round(measuredBytes)} B over ${rates.length} poll(s): ${(error * 100).toFixed(2)} % off`);
    expect(error).toBeLessThan(0.05);
  });

  it('(d) a dead agent does not delay the others; it becomes unreachable after 3 timeouts, and comes back', async () => {
    await lab.blockSnmp('dead');
    const deadPolls = () => engine.areas.monitoring.scheduler.deviceHealth(dead).find((h) => h.protocol === 'snmp');
    const timeoutsBefore = deadPolls()?.timeouts ?? 0;
    engine.areas.monitoring.scheduler.pollNow(dead, 'snmp');
    const started = Date.now();
    await pollNow(core);
    // core's poll finished while dead's was still waiting for its timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(deadPolls()?.timeouts).toBe(timeoutsBefore);
    const coreHealth = engine.areas.monitoring.scheduler.deviceHealth(core).find((h) => h.protocol === 'snmp');
    expect(coreHealth?.lastDurationMs).toBeLessThan(1000);

    for (let n = 1; n <= 3; n++) {
      await rec.waitFor(`timeout ${n} of dead`, () => (deadPolls()?.consecutiveTimeouts ?? 0) >= n && deadPolls()?.lastStatus === 'timeout', 20_000);
      if (n < 3) engine.areas.monitoring.scheduler.pollNow(dead, 'snmp');
    }
    const down = await rec.waitFor('dead unreachable', () => rec.availability.find((a) => a.deviceId === dead && a.source === 'snmp' && a.status === 'down'));
    expect(down.consecutiveFailures).toBe(3);
    await rec.waitFor('snmp_reachable 0', () => rec.of('snmp_reachable', dead).at(-1)?.value === 0);
    const health = await unwrap(engine.api.call('monitoring.health', {}));
    expect(health.unreachable).toEqual(expect.arrayContaining([expect.objectContaining({ deviceId: dead, protocol: 'snmp' })]));
    expect((await unwrap(engine.api.call('health', {}))).polling?.snmp.unreachable).toBe(1);

    await lab.unblockSnmp('dead');
    engine.areas.monitoring.scheduler.pollNow(dead, 'snmp');
    const up = await rec.waitFor('dead reachable again', () => rec.availability.find((a) => a.deviceId === dead && a.source === 'snmp' && a.status === 'up' && a.atMs > down.atMs), 20_000);
    expect(up.consecutiveFailures).toBe(0);
  });

  it('(e) an agent restart (sysUpTime resets) leaves a gap, never a spike', async () => {
    const before = await pollNow(core);
    const uptimeBefore = rec.of('uptime_sec', core).at(-1)?.value ?? 0;
    await lab.stopAgent('core');
    await lab.startAgent('core');
    // The first poll after the restart (a scheduled one or ours): uptime went back, and the
    // counters have no previous reading to trust, so no rate.
    await pollNow(core);
    const p1 = pollTimes(core).find((t) => t > before) as number;
    const uptimeAfter = rec.of('uptime_sec', core).find((s) => s.ts > before)?.value ?? Infinity;
    expect(uptimeAfter).toBeLessThan(uptimeBefore);
    expect(rec.of('if_in_bps', core).filter((s) => s.ts === p1)).toEqual([]);
    expect(rec.of('if_out_bps', core).filter((s) => s.ts === p1)).toEqual([]);
    // The poll after that has rates again, and none of them is a spike.
    const p2 = await pollNow(core);
    const next = rec.of('if_in_bps', core).filter((s) => s.ts === p2);
    expect(next.length).toBeGreaterThan(0);
    for (const s of [...next, ...rec.of('if_out_bps', core).filter((x) => x.ts === p2)]) expect(s.value).toBeLessThan(10_000_000);
  });
});
