/**
 * Benchmark: one ICMP monitor cycle over 10,000 targets in the lab's locally-answered range
 * (198.19.0.0/16, a known subset dropped by iptables), side by side with `fping -C1 -q` over the
 * same list at the same packet rate and timeout, in the same run. Prints cycle wall time, the
 * ratio to fping, RTT agreement, and the Node event-loop delay p99 during our cycle.
 *
 * Run as root (lab only; no packet leaves the lab):
 *   . scripts/node-env.sh && node bench/icmp/run.ts [--targets 10000] [--rate 10000] [--timeout 500]
 * Targets: cycle ≤ 1.2x fping's, event-loop delay p99 < 20 ms.
 */
import '../lab-only.ts';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createPinger } from '../../main/icmp/create-pinger.ts';
import { runMonitorCycle } from '../../main/icmp/monitor-cycle.ts';
import { median } from '../../main/icmp/stats.ts';
import { createLab } from '../../test/lab/create-lab.ts';
import { intToIp, ipToInt } from '../../test/lab/addresses.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const N = arg('targets', 10_000);
const RATE = arg('rate', 10_000);
const TIMEOUT = arg('timeout', 500);
const DROP_EVERY = 20;

const base = ipToInt('198.19.0.0');
const targets = Array.from({ length: N }, (_, i) => intToIp(base + 1 + i));
const dropped = targets.filter((_, i) => i % DROP_EVERY === 7);
const droppedSet = new Set(dropped);

function fping(list: string[]): Promise<{ wallMs: number; rtts: Map<string, number | null> }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('fping', ['-C', '1', '-q', '-i', String(1000 / RATE), '-t', String(TIMEOUT), '-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - t0;
      const rtts = new Map<string, number | null>();
      for (const line of err.split('\n')) {
        const m = /^(\S+)\s+:\s+(\S+)/.exec(line);
        if (m) rtts.set(m[1]!, m[2] === '-' ? null : Number(m[2]));
      }
      resolve({ wallMs, rtts });
    });
    child.stdin.end(`${list.join('\n')}\n`);
  });
}

const out = (s: string): boolean => process.stdout.write(`${s}\n`);

const lab = await createLab({ name: 'icmp-bench', probe: 'root', hosts: [{ name: 'h' }], localRange: '198.19.0.0/16', dropAddresses: dropped });
try {
  const pinger = createPinger({ method: 'raw', ratePerSec: RATE, burst: Math.max(1, Math.round(RATE / 100)) });
  const devices = targets.map((address, i) => ({ id: `d${i}`, address }));
  // Warm-up (JIT, sockets, neighbour entry), not measured.
  await runMonitorCycle(pinger, devices.slice(0, 200), { count: 1, timeoutMs: TIMEOUT });
  await fping(targets.slice(0, 200));

  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const ours = await runMonitorCycle(pinger, devices, { count: 1, timeoutMs: TIMEOUT });
  h.disable();
  const theirs = await fping(targets);
  pinger.close();

  const p99 = h.percentile(99) / 1e6;
  const wrongOurs = ours.checks.filter((c) => c.ok === droppedSet.has(c.address)).length;
  const wrongFping = targets.filter((a) => (theirs.rtts.get(a) != null) === droppedSet.has(a)).length;
  const diffs: number[] = [];
  const oursRtt: number[] = [];
  const fpingRtt: number[] = [];
  for (const c of ours.checks) {
    const f = theirs.rtts.get(c.address);
    if (c.stats.avgMs === null || f == null) continue;
    diffs.push(Math.abs(c.stats.avgMs - f));
    oursRtt.push(c.stats.avgMs);
    fpingRtt.push(f);
  }
  out(`ICMP monitor cycle: ${N} targets (${dropped.length} dropped), rate ${RATE} pps, timeout ${TIMEOUT} ms, count 1`);
  out(`  wardflux cycle     ${ours.durationMs.toFixed(0)} ms   (up ${ours.checks.filter((c) => c.ok).length}, misclassified ${wrongOurs})`);
  out(`  fping -C1 -q       ${theirs.wallMs.toFixed(0)} ms   (up ${[...theirs.rtts.values()].filter((v) => v != null).length}, misclassified ${wrongFping})`);
  out(`  ratio wardflux/fping  ${(ours.durationMs / theirs.wallMs).toFixed(3)}   (target <= 1.2)`);
  out(`  RTT median: wardflux ${median(oursRtt)?.toFixed(3)} ms, fping ${median(fpingRtt)?.toFixed(3)} ms; |diff| median ${median(diffs)?.toFixed(3)} ms, p95 ${diffs.sort((a, b) => a - b)[Math.floor(diffs.length * 0.95)]?.toFixed(3)} ms`);
  out(`  event-loop delay during cycle: p50 ${(h.percentile(50) / 1e6).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${(h.max / 1e6).toFixed(2)} ms   (target p99 < 20)`);
  out(`  p99 / 20 ms target  ${(p99 / 20).toFixed(3)}`);
} finally {
  await lab.destroy();
}
