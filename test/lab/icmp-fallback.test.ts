/**
 * The unprivileged fallback: the system fping/ping as the ICMP method, forced, and for real as
 * a non-root user (nobody) running the CLI against the lab; and an engine whose raw-socket
 * cannot load still starts and says what it uses.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createPinger } from '../../main/icmp/create-pinger.ts';
import { createSystemPinger, findExecutable } from '../../main/icmp/system-pinger.ts';
import { traceroute } from '../../main/icmp/traceroute.ts';
import type { Pinger } from '../../main/icmp/types.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';

const BIN = fileURLToPath(new URL('../../bin/wardflux.mjs', import.meta.url));

describeLab('icmp: unprivileged fallback (system fping / ping)', () => {
  let lab: Lab;
  let pinger: Pinger;
  let dead: string;

  beforeAll(async () => {
    lab = await createLab({ name: 'icmp-fallback', probe: 'root', routers: 1, hosts: [{ name: 'a' }, { name: 'b' }] });
    dead = `198.18.${lab.subnet}.5`;
    pinger = createPinger({ method: 'system-ping' });
  });
  afterAll(async () => {
    pinger?.close();
    await lab?.destroy();
  });

  it('reports the method and why', () => {
    expect(pinger.method).toBe('system-ping');
    expect(pinger.methodInfo.detail).toMatch(/fping|ping/);
  });

  it('batches a monitor-style probe through fping', async () => {
    const results = await pinger.probe([lab.hosts.a!, lab.hosts.b!, dead], { count: 3, intervalMs: 50, timeoutMs: 300 });
    expect(results.map((r) => [r.address, r.sent, r.received])).toEqual([
      [lab.hosts.a, 3, 3],
      [lab.hosts.b, 3, 3],
      [dead, 3, 0],
    ]);
  });

  it('streams per-probe results through ping, and traces through a router with TTL', async () => {
    if (!findExecutable('ping')) return; // iputils-ping is installed by CI; fping covers the rest
    const events: string[] = [];
    const [r] = await pinger.probe([lab.hosts.a!], { count: 2, intervalMs: 200, onProbe: (e) => events.push(e.outcome.status) });
    expect(r!.received).toBe(2);
    expect(events).toEqual(['reply', 'reply']);
    const trace = await traceroute(pinger, lab.chain!.target, { probesPerHop: 1, maxHops: 4 });
    expect(trace.hops.map((h) => h.address)).toEqual([...lab.chain!.hops, lab.chain!.target]);
  });

  it('works for a user without privileges: the CLI as nobody falls back and pings the lab', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'ping', lab.hosts.a!, dead, '-c', '2', '-i', '0.2', '-t', '0.3', '--json'],
      { timeout: 20_000 },
    ).catch((e: { stdout: string; stderr: string; code: number }) => {
      expect(e.code).toBe(1); // one host did not answer
      return e;
    });
    const out = JSON.parse(stdout) as { method: string; results: Array<{ address: string; received: number }> };
    expect(out.method).toBe('system-ping');
    expect(out.results.map((r) => [r.address, r.received])).toEqual([[lab.hosts.a, 2], [dead, 0]]);
    expect(stderr).toMatch(/not permitted/);
  });

  it('the engine starts when raw-socket cannot load, and answers pings with the fallback', async () => {
    const e = await testEngine();
    try {
      const p = createPinger({ loadRaw: () => ({ ok: false, reason: 'raw-socket could not be loaded (was compiled against a different Node.js version)' }) });
      expect(p.methodInfo).toMatchObject({ method: 'system-ping' });
      expect(p.methodInfo.detail).toMatch(/could not be loaded/);
      p.close();
      // The default engine (root here) says raw; its method is a contract call.
      expect(await unwrap(e.api.call('diagnostics.icmpMethod', {}))).toMatchObject({ method: 'raw' });
      const sys = createSystemPinger({ ping: null });
      const [r] = await sys.probe([lab.hosts.b!], { count: 2, intervalMs: 50 });
      expect(r!.received).toBe(2);
      sys.close();
    } finally {
      await e.close();
    }
  });
});
