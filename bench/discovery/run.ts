/**
 * Benchmark: discovery sweeps on the lab, side by side in one run with the reference tools.
 * 1. The lab /24 (the discovery test hosts, the rest empty, one host drops ICMP), the WHOLE job
 *    (find + classify) at the DEFAULT settings, exactly what `wardflux discover PREFIX -c public`
 *    and the UI run (500 pps rising with answers up to 10,000, 1,000 ms, 1 retry, ICMP + TCP
 *    (8 ports) + ARP + SNMP, the CLI's engine), against `nmap -sn -n` (defaults, as root: ARP on-link) and `fping -a -g`
 *    (defaults) on the same /24. A second row runs the tuned settings (--rate, 300 ms).
 *    Target: defaults ≤ 1.0x nmap's wall time with nmap's alive set.
 * 2. With --big: a /16 (198.19.0.0/16 answered by the lab kernel, a known subset dropped) at the
 *    tuned rate (target: under 30 s), and at the DEFAULT settings beside `nmap -sn -n` (defaults)
 *    on the same /16: nmap's alive set in ≤ 1.0x nmap's wall time. The rate starts at the polite
 *    500 pps and rises only with answers (main/discovery/sweep-rate.ts): the row prints the
 *    peak rate and what its packets would have taken at a fixed 500 pps.
 * Prints wall time, alive hosts found, and the ratios; exits 1 when a target is missed.
 *
 * Run as root (lab only; nothing leaves the lab namespaces):
 *   . scripts/node-env.sh && node bench/discovery/run.ts [--rate 5000] [--big]
 */
import '../lab-only.ts';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { unwrap } from '../../main/api/dispatcher.ts';
import { DISCOVERY_LIMITS, type DiscoveryJob, type DiscoveryJobInput } from '../../main/api/discovery.ts';
import type { Engine } from '../../main/engine.ts';
import { testEngine } from '../../test/support/engine.ts';
import { createLab } from '../../test/lab/create-lab.ts';
import { intToIp, ipToInt } from '../../test/lab/addresses.ts';
import { DISCOVERY_HOSTS, waitForEvent } from '../../test/lab/discovery-support.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const RATE = arg('rate', 5000);
const BIG_RUN = process.argv.includes('--big');
const BIG = '198.19.0.0/16';
const DROP_EVERY = 97;

interface Row {
  wallMs: number;
  alive: Set<string>;
  classified?: number;
}

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

/** `fping -a -g PREFIX` with its defaults. */
async function fping(prefix: string): Promise<Row> {
  const r = await run('fping', ['-a', '-g', prefix, '-q']);
  return { wallMs: r.wallMs, alive: new Set(r.stdout.split('\n').filter(Boolean)) };
}

/** `nmap -sn -n PREFIX` with its defaults (root: ARP on-link). */
async function nmap(prefix: string): Promise<Row> {
  const r = await run('nmap', ['-sn', '-n', '-oG', '-', prefix]);
  const alive = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^Host: (\S+) .*Status: Up/.exec(line);
    if (m) alive.add(m[1]!);
  }
  return { wallMs: r.wallMs, alive };
}

/** An engine as `wardflux discover` builds one (its pinger as fast as any job may go: the job paces itself). */
const cliEngine = () => testEngine();

async function wardflux(engine: Engine, input: DiscoveryJobInput): Promise<Row & { job: DiscoveryJob; peakPps: number }> {
  const t0 = performance.now();
  let peakPps = 0;
  const finished = waitForEvent(
    engine,
    (e) => {
      if (e.name === 'discovery.progress') peakPps = Math.max(peakPps, e.payload.rate);
      return e.name === 'discovery.finished' ? e.payload.job : undefined;
    },
    300_000,
    'discovery.finished',
  );
  await unwrap(engine.api.call('discovery.start', input));
  const job = await finished;
  const wallMs = performance.now() - t0;
  const alive = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await unwrap(engine.api.call('discovery.get', { jobId: job.id, limit: 10_000, offset }));
    for (const h of page.results) alive.add(h.address);
    if (page.results.length === 0 || alive.size >= page.total) break;
  }
  return { wallMs, alive, job, classified: job.classified, peakPps };
}

/** One discovery job on a fresh CLI-like engine with the lab's v2c community. */
async function wardfluxJob(input: Omit<DiscoveryJobInput, 'credentialIds'>, withSnmp: boolean): Promise<Row & { job: DiscoveryJob; peakPps: number }> {
  const engine = await cliEngine();
  try {
    const credentialIds = withSnmp ? [(await unwrap(engine.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }))).id] : [];
    return await wardflux(engine, { ...input, credentialIds });
  } finally {
    await engine.close();
    await engine.areas.icmp.stop();
  }
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const same = (a: Set<string>, b: Set<string>): string => {
  const onlyA = [...a].filter((x) => !b.has(x));
  const onlyB = [...b].filter((x) => !a.has(x));
  return onlyA.length + onlyB.length === 0 ? 'same set' : `differs: +${onlyA.join(' ')} -${onlyB.join(' ')}`;
};
const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

const dropped: string[] = [];
const base = ipToInt('198.19.0.0');
for (let i = 1; i < 65_535; i++) if (i % DROP_EVERY === 0) dropped.push(intToIp(base + i));

const misses: string[] = [];
const lab = await createLab({ name: 'disc-bench', probe: 'root', hosts: DISCOVERY_HOSTS, ...(BIG_RUN ? { localRange: BIG, dropAddresses: dropped } : {}) });
try {
  await lab.blockIcmp('tcponly');
  const [load] = (await readFile('/proc/loadavg', 'utf8')).split(' ');
  process.stdout.write(`/24 sweep of ${lab.prefix} (${DISCOVERY_HOSTS.length} lab hosts + the probe address; one drops ICMP), load average ${load}\n`);
  const n = await nmap(lab.prefix);
  const f = await fping(lab.prefix);
  // Exactly the CLI/UI defaults: only the targets and a community are given.
  const wDefault = await wardfluxJob({ targets: [lab.prefix] }, true);
  const wTuned = await wardfluxJob({ targets: [lab.prefix], ratePps: RATE, timeoutMs: 300, retries: 1, reverseDns: false }, true);
  const rows: [string, Row][] = [
    ['nmap -sn -n (defaults, root)', n],
    ['fping -a -g (defaults)', f],
    ['WARD FLUX defaults (find + classify)', wDefault],
    [`WARD FLUX tuned @${RATE} pps 300 ms`, wTuned],
  ];
  for (const [name, r] of rows) {
    const cls = r.classified === undefined ? '' : `  classified ${r.classified}`;
    process.stdout.write(
      `  ${name.padEnd(40)} ${fmt(r.wallMs).padStart(8)}  alive ${String(r.alive.size).padStart(3)}${cls.padEnd(15)}  ${(r.wallMs / n.wallMs).toFixed(2)}x nmap  ${(r.wallMs / f.wallMs).toFixed(2)}x fping  vs nmap: ${same(r.alive, n.alive)}\n`,
    );
  }
  // The SNMP evidence round after each answered system group (the job records its cost).
  for (const [name, w] of [['defaults', wDefault], ['tuned', wTuned]] as const) {
    const ev = w.job.evidence;
    if (ev && ev.hosts > 0) process.stdout.write(`  evidence round (${name}): ${ev.hosts} hosts, ${ev.requests} requests, mean ${(ev.totalMs / ev.hosts).toFixed(1)} ms per host, max ${ev.maxMs.toFixed(1)} ms\n`);
  }
  if (wDefault.wallMs > n.wallMs) misses.push(`defaults ${fmt(wDefault.wallMs)} > nmap ${fmt(n.wallMs)} (target ≤ 1.0x)`);
  if (!sameSet(wDefault.alive, n.alive)) misses.push(`defaults alive set ${same(wDefault.alive, n.alive)} from nmap's`);

  if (BIG_RUN) {
    process.stdout.write(`\n/16 sweep of ${BIG} (${dropped.length} addresses dropped), ${RATE} pps, timeout 500 ms, 1 retry, ICMP + TCP (silent hosts) + ARP\n`);
    const big = await wardfluxJob({ targets: [BIG], ratePps: RATE, timeoutMs: 500, retries: 1, reverseDns: false, methods: ['icmp', 'tcp', 'arp'] }, false);
    const expected = 65_534 - dropped.length;
    const wrong = dropped.filter((a) => big.alive.has(a));
    process.stdout.write(`  WARD FLUX /16: ${fmt(big.wallMs)} (target < 30 s), alive ${big.alive.size} (expected ${expected}), dropped reported alive: ${wrong.length}, packets ${big.job.packets}, effective ${Math.round(big.job.packets / (big.wallMs / 1000))} pps\n`);
    const fBig = await run('fping', ['-g', BIG, '-r1', '-t500', '-i', String(1000 / RATE), '-a', '-q']);
    const fAlive = fBig.stdout.split('\n').filter(Boolean).length;
    process.stdout.write(`  fping -g ${BIG} -r1 -t500 -i ${1000 / RATE}: ${fmt(fBig.wallMs)}, alive ${fAlive}; ratio ${(big.wallMs / fBig.wallMs).toFixed(2)}x\n`);
    if (big.wallMs > 30_000) misses.push(`/16 ${fmt(big.wallMs)} ≥ 30 s`);
    if (big.alive.size !== expected || wrong.length) misses.push(`/16 alive ${big.alive.size}, expected ${expected}`);
    // The same /16 at the DEFAULT settings against nmap's defaults: the rate starts at 500 pps and
    // rises with the answers (the job's peak is printed).
    const nBig = await nmap(BIG);
    const dBig = await wardfluxJob({ targets: [BIG] }, true);
    const floorMs = (dBig.job.packets / DISCOVERY_LIMITS.defaultRatePps) * 1000;
    process.stdout.write(
      `  nmap -sn -n ${BIG} (defaults): ${fmt(nBig.wallMs)}, alive ${nBig.alive.size}\n  WARD FLUX defaults (500 pps adaptive, find + classify): ${fmt(dBig.wallMs)}, alive ${dBig.alive.size}, packets ${dBig.job.packets} (at a fixed 500 pps: ${fmt(floorMs)}), effective ${Math.round(dBig.job.packets / (dBig.wallMs / 1000))} pps, peak ${dBig.peakPps} pps; ${(dBig.wallMs / nBig.wallMs).toFixed(2)}x nmap, vs nmap: ${same(dBig.alive, nBig.alive)} (nmap's includes the network and broadcast addresses)\n`,
    );
    // nmap also pings the /16's network and broadcast addresses (the lab kernel answers them);
    // discovery never probes those by design.
    const nmapHosts = new Set([...nBig.alive].filter((a) => a !== '198.19.0.0' && a !== '198.19.255.255'));
    if (!sameSet(dBig.alive, nmapHosts)) misses.push(`/16 defaults alive set ${same(dBig.alive, nmapHosts)} from nmap's (less its network and broadcast addresses)`);
    if (dBig.wallMs > nBig.wallMs) misses.push(`/16 defaults ${fmt(dBig.wallMs)} > nmap ${fmt(nBig.wallMs)} (target ≤ 1.0x)`);
  }
} finally {
  await lab.destroy();
}
if (misses.length) {
  process.stdout.write(`\nMISSED: ${misses.join('; ')}\n`);
  process.exitCode = 1;
} else process.stdout.write('\nAll targets met.\n');
