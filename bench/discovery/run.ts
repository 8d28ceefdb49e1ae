/**
 * Benchmark: discovery sweeps on the lab, side by side in one run with the reference tools.
 * 1. The lab /24 (the discovery test hosts, the rest empty): WARD FLUX (ICMP only, and the full
 *    job: ICMP + TCP + ARP + SNMP) vs `fping -g -r1 -t300` and `nmap -sn -n` with matching
 *    timeouts (as root nmap uses ARP on-link: reported both as is and with --send-ip).
 * 2. A /16 (198.19.0.0/16 answered by the lab kernel, a known subset dropped) at 5,000 packets/s.
 * Prints wall time, alive hosts found, and the ratios. Targets: /24 ≤ 1.0x fping with the same
 * alive set; /16 under 30 s.
 *
 * Run as root (lab only; nothing leaves the lab namespaces):
 *   . scripts/node-env.sh && node bench/discovery/run.ts [--rate 5000]
 */
import '../lab-only.ts';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { DiscoveryJob, DiscoveryJobInput } from '../../main/api/discovery.ts';
import type { Engine } from '../../main/engine.ts';
import { testEngine } from '../../test/support/engine.ts';
import { createLab } from '../../test/lab/index.ts';
import { intToIp, ipToInt } from '../../test/lab/addresses.ts';
import { DISCOVERY_HOSTS, waitForEvent } from '../../test/lab/discovery-support.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const RATE = arg('rate', 5000);
const BIG = '198.19.0.0/16';
const DROP_EVERY = 97;

function run(cmd: string, args: string[]): Promise<{ wallMs: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => resolve({ wallMs: performance.now() - t0, stdout, stderr }));
  });
}

async function fping(prefix: string): Promise<{ wallMs: number; alive: Set<string> }> {
  const r = await run('fping', ['-g', prefix, '-r1', '-t300', '-a', '-q']);
  return { wallMs: r.wallMs, alive: new Set(r.stdout.split('\n').filter(Boolean)) };
}

async function nmap(prefix: string, sendIp: boolean): Promise<{ wallMs: number; alive: Set<string> }> {
  const timing = ['--max-retries', '1', '--initial-rtt-timeout', '300ms', '--max-rtt-timeout', '300ms', '--min-rtt-timeout', '300ms'];
  const r = await run('nmap', ['-sn', '-n', ...(sendIp ? ['--send-ip'] : []), ...timing, '-oG', '-', prefix]);
  const alive = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^Host: (\S+) .*Status: Up/.exec(line);
    if (m) alive.add(m[1]!);
  }
  return { wallMs: r.wallMs, alive };
}

async function wardflux(engine: Engine, input: DiscoveryJobInput): Promise<{ wallMs: number; alive: Set<string>; job: DiscoveryJob }> {
  const t0 = performance.now();
  const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' ? e.payload.job : undefined), 300_000, 'discovery.finished');
  await unwrap(engine.api.call('discovery.start', input));
  const job = await finished;
  const wallMs = performance.now() - t0;
  const alive = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await unwrap(engine.api.call('discovery.get', { jobId: job.id, limit: 10_000, offset }));
    for (const h of page.results) alive.add(h.address);
    if (page.results.length === 0 || alive.size >= page.total) break;
  }
  return { wallMs, alive, job };
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const same = (a: Set<string>, b: Set<string>): string => {
  const onlyA = [...a].filter((x) => !b.has(x));
  const onlyB = [...b].filter((x) => !a.has(x));
  return onlyA.length + onlyB.length === 0 ? 'same set' : `differs: +${onlyA.join(' ')} -${onlyB.join(' ')}`;
};

const dropped: string[] = [];
const base = ipToInt('198.19.0.0');
for (let i = 1; i < 65_535; i++) if (i % DROP_EVERY === 0) dropped.push(intToIp(base + i));

const lab = await createLab({ name: 'disc-bench', probe: 'root', hosts: DISCOVERY_HOSTS, localRange: BIG, dropAddresses: dropped });
const engine = await testEngine({ icmp: { method: 'raw', ratePerSec: Math.max(RATE, 10_000) } });
try {
  await lab.blockIcmp('tcponly');
  const v2 = await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
  const quick = { targets: [lab.prefix], ratePps: RATE, timeoutMs: 300, retries: 1, reverseDns: false };

  process.stdout.write(`/24 sweep of ${lab.prefix} (${DISCOVERY_HOSTS.length} lab hosts + the probe address; one drops ICMP), timeout 300 ms, 1 retry\n`);
  const f = await fping(lab.prefix);
  const nArp = await nmap(lab.prefix, false);
  const nIp = await nmap(lab.prefix, true);
  const wIcmp = await wardflux(engine, { ...quick, methods: ['icmp'] });
  const wFull = await wardflux(engine, { ...quick, credentialIds: [v2.id] });
  const rows: [string, { wallMs: number; alive: Set<string> }][] = [
    ['fping -g -r1 -t300', f],
    ['nmap -sn -n (ARP, as root)', nArp],
    ['nmap -sn -n --send-ip', nIp],
    [`WARD FLUX icmp only @${RATE} pps`, wIcmp],
    [`WARD FLUX icmp+tcp+arp+snmp @${RATE} pps`, wFull],
  ];
  for (const [name, r] of rows) {
    process.stdout.write(`  ${name.padEnd(40)} ${fmt(r.wallMs).padStart(9)}  alive ${String(r.alive.size).padStart(3)}  ratio to fping ${(r.wallMs / f.wallMs).toFixed(2)}x  vs fping: ${same(r.alive, f.alive)}\n`);
  }

  process.stdout.write(`\n/16 sweep of ${BIG} (${dropped.length} addresses dropped), ${RATE} pps, timeout 500 ms, 1 retry, ICMP + TCP (silent hosts) + ARP\n`);
  const big = await wardflux(engine, { targets: [BIG], ratePps: RATE, timeoutMs: 500, retries: 1, reverseDns: false, methods: ['icmp', 'tcp', 'arp'] });
  const expected = 65_534 - dropped.length;
  const wrong = dropped.filter((a) => big.alive.has(a));
  process.stdout.write(`  WARD FLUX /16: ${fmt(big.wallMs)} (target < 30 s), alive ${big.alive.size} (expected ${expected}), dropped reported alive: ${wrong.length}, packets ${big.job.packets}, effective ${Math.round(big.job.packets / (big.wallMs / 1000))} pps\n`);
  const fBig = await run('fping', ['-g', BIG, '-r1', '-t500', '-i', String(1000 / RATE), '-a', '-q']);
  const fAlive = fBig.stdout.split('\n').filter(Boolean).length;
  process.stdout.write(`  fping -g ${BIG} -r1 -t500 -i ${1000 / RATE}: ${fmt(fBig.wallMs)}, alive ${fAlive}; ratio ${(big.wallMs / fBig.wallMs).toFixed(2)}x\n`);
} finally {
  await engine.close();
  await engine.areas.icmp.stop();
  await lab.destroy();
}
