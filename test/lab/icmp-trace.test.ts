/**
 * traceroute and MTR across a chain of namespaces (probe → router → router → lab host), through
 * the pinger, through the contract (diagnostics.start streaming events, cancel) and the CLI.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EngineEvent } from '../../main/api/events.ts';
import { unwrap } from '../../main/api/dispatcher.ts';
import { runCli } from '../../main/cli/index.ts';
import { createPinger } from '../../main/icmp/create-pinger.ts';
import { mtr } from '../../main/icmp/mtr.ts';
import { traceroute } from '../../main/icmp/traceroute.ts';
import type { Pinger } from '../../main/icmp/types.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';

/** Resolves with the first event that matches, or rejects at the deadline. */
function waitForEvent(subscribe: (l: (e: EngineEvent) => void) => () => void, match: (e: EngineEvent) => boolean, ms: number): Promise<EngineEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const off = subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

describeLab('icmp: traceroute and MTR across routers', () => {
  let lab: Lab;
  let pinger: Pinger;
  let path: string[];

  beforeAll(async () => {
    lab = await createLab({ name: 'icmp-trace', probe: 'root', routers: 2, hosts: [{ name: 'h' }] });
    path = [...lab.chain!.hops, lab.chain!.target];
    pinger = createPinger({ method: 'raw' });
  });
  afterAll(async () => {
    pinger?.close();
    await lab?.destroy();
  });

  it('traceroute (ICMP) shows both routers then the target, in order', async () => {
    const r = await traceroute(pinger, lab.chain!.target, { timeoutMs: 1000 });
    expect(r.reached).toBe(true);
    expect(r.hops.map((h) => h.address)).toEqual(path);
    expect(r.hops.map((h) => h.probes.map((p) => p.status))).toEqual([['ttl-exceeded', 'ttl-exceeded', 'ttl-exceeded'], ['ttl-exceeded', 'ttl-exceeded', 'ttl-exceeded'], ['reply', 'reply', 'reply']]);
  });

  it('traceroute with UDP probes ends at the target\'s port unreachable', async () => {
    const r = await traceroute(pinger, lab.chain!.target, { protocol: 'udp', timeoutMs: 1000 });
    expect(r.reached).toBe(true);
    expect(r.hops.map((h) => h.address)).toEqual(path);
  });

  it('MTR keeps per-hop statistics like mtr --report', async () => {
    const r = await mtr(pinger, lab.chain!.target, { count: 5, intervalMs: 50 });
    expect(r).toMatchObject({ rounds: 5, reached: true });
    expect(r.hops.map((h) => h.address)).toEqual(path);
    for (const h of r.hops) {
      expect(h).toMatchObject({ sent: 5, received: 5, lossPct: 0 });
      expect(h.bestMs!).toBeLessThanOrEqual(h.avgMs!);
      expect(h.avgMs!).toBeLessThanOrEqual(h.worstMs!);
    }
  });

  it('MTR shows loss at the hop that drops: the target blocks echo, routers still answer', async () => {
    await lab.blockIcmp(lab.chain!.target);
    try {
      const r = await mtr(pinger, lab.chain!.target, { count: 3, intervalMs: 50, timeoutMs: 300, maxHops: 4 });
      expect(r.hops.slice(0, 2).map((h) => [h.address, h.lossPct])).toEqual([[path[0], 0], [path[1], 0]]);
      expect(r.reached).toBe(false);
      expect(r.hops[2]).toMatchObject({ address: null, lossPct: 100 });
    } finally {
      await lab.unblockIcmp(lab.chain!.target);
    }
  });

  it('streams a traceroute and an MTR through the contract, and cancels a run', async () => {
    const e = await testEngine({ icmp: { method: 'raw' } });
    try {
      const subscribe = (l: (ev: EngineEvent) => void): (() => void) => e.events.subscribe(l);
      const progress: EngineEvent[] = [];
      subscribe((ev) => void (ev.name === 'diagnostics.progress' && progress.push(ev)));

      // Subscribe before starting: the run begins on the next tick after the runId is returned.
      const doneTrace = waitForEvent(subscribe, (ev) => ev.name === 'diagnostics.done' && ev.payload.kind === 'traceroute', 10_000);
      const { runId } = await unwrap(e.api.call('diagnostics.start', { kind: 'traceroute', target: lab.chain!.target }));
      const done = await doneTrace;
      expect(done.payload).toMatchObject({ runId, status: 'completed' });
      if (done.name !== 'diagnostics.done' || done.payload.result?.kind !== 'traceroute') throw new Error('wrong result');
      expect(done.payload.result.trace.hops.map((h) => h.address)).toEqual(path);
      expect(progress.filter((p) => p.name === 'diagnostics.progress' && p.payload.runId === runId).length).toBeGreaterThanOrEqual(9);

      const doneMtr = waitForEvent(subscribe, (ev) => ev.name === 'diagnostics.done' && ev.payload.kind === 'mtr', 10_000);
      const mtrRun = await unwrap(e.api.call('diagnostics.start', { kind: 'mtr', target: lab.chain!.target, count: 3, intervalSec: 0.05 }));
      const m = await doneMtr;
      if (m.name !== 'diagnostics.done' || m.payload.result?.kind !== 'mtr') throw new Error('wrong result');
      expect(m.payload.runId).toBe(mtrRun.runId);
      expect(m.payload.result.mtr.hops.map((h) => h.address)).toEqual(path);

      // A long ping, cancelled after its first answer.
      const firstProbe = waitForEvent(subscribe, (ev) => ev.name === 'diagnostics.progress' && ev.payload.kind === 'ping', 5_000);
      const cancelled = waitForEvent(subscribe, (ev) => ev.name === 'diagnostics.done' && ev.payload.kind === 'ping', 5_000);
      const ping = await unwrap(e.api.call('diagnostics.start', { kind: 'ping', targets: [lab.hosts.h!], count: 1000, intervalSec: 0.2 }));
      await firstProbe;
      expect(await unwrap(e.api.call('diagnostics.cancel', { runId: ping.runId }))).toEqual({ runId: ping.runId, cancelled: true });
      expect((await cancelled).payload).toMatchObject({ runId: ping.runId, status: 'cancelled' });
    } finally {
      await e.close();
    }
  });

  it('prints traceroute and mtr --report output from the CLI', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) };
    expect(await runCli(['traceroute', lab.chain!.target], io)).toBe(0);
    const hopLines = out.filter((l) => /^\s*\d+\s{2}/.test(l));
    expect(hopLines.map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual(path.map((a, i) => [String(i + 1), a]));
    out.length = 0;
    expect(await runCli(['mtr', lab.chain!.target, '-c', '3', '-i', '0.05'], io)).toBe(0);
    const report = out.join('\n');
    expect(report).toMatch(/Loss%\s+Snt\s+Last\s+Avg\s+Best\s+Wrst\s+StDev/);
    path.forEach((a, i) => expect(report).toMatch(new RegExp(`\\s${i + 1}\\.\\|-- ${a.replace(/\./g, '\\.')}\\s+0\\.0%\\s+3\\s`)));
  });
});
