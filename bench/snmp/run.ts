/**
 * SNMP polling benchmark, side by side in one run: WARD FLUX walking system + ifTable + ifXTable
 * (GETBULK, max-repetitions 25) on every agent of a lab, against two references over the same
 * agents and tables, 64 in flight each:
 *   - Net-SNMP's fan-out `xargs -P64 snmpbulkwalk -Cr25` (a process start per walk; targets:
 *     throughput >= 1.0x, CPU <= 0.5x, sockets <= 64);
 *   - Debian's `prometheus-snmp-exporter`, the long-lived Go poller, with the module of
 *     bench/snmp/snmp-exporter.yml, scraped by 64 HTTP GETs in flight (one scrape = one agent's
 *     three walks), varbinds from its `snmp_scrape_pdus_returned`, its CPU from /proc/PID/stat
 *     (targets: throughput >= 1.0x at CPU <= 1.0x).
 * Prints varbinds/s, CPU seconds, peak UDP sockets, the ratios; exits 1 when a target is missed.
 *
 * A round walks every agent `passes` times (default 3: a round of ~0.2 s is too short to weigh
 * CPU on the exporter's 10 ms /proc ticks).
 *
 *   node bench/snmp/run.ts [hosts=100] [rounds=3] [passes=3]   (root; builds its own lab, tears it down)
 */
import '../lab-only.ts';
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { createSnmpClient } from '../../main/snmp/index.ts';
import { createLab, type Lab } from '../../test/lab/create-lab.ts';
import { labAvailable } from '../../test/lab/lab-available.ts';
import { startSnmpExporter, type SnmpExporter } from './snmp-exporter.ts';

const HOSTS = Number(process.argv[2] ?? 100);
const ROUNDS = Number(process.argv[3] ?? 3);
const PASSES = Number(process.argv[4] ?? 3);
const TABLES = ['1.3.6.1.2.1.1', '1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31.1.1']; // SNMPv2-MIB::system, IF-MIB::ifTable, IF-MIB::ifXTable
const PARALLEL = 64;

interface RunResult {
  varbinds: number;
  seconds: number;
  cpu: number;
  peakSockets: number;
  failures: number;
}

function udpSocketsOfSelf(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // fd closed while listing
    }
  }
  return n;
}

async function runOurs(hosts: string[]): Promise<RunResult> {
  const client = createSnmpClient({ sockets: 8, defaults: { timeoutMs: 2000, retries: 1, maxRepetitions: 25 } });
  const baseSockets = udpSocketsOfSelf();
  let peakFds = 0;
  const sampler = setInterval(() => (peakFds = Math.max(peakFds, udpSocketsOfSelf() - baseSockets)), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let varbinds = 0;
  let failures = 0;
  let next = 0;
  // The same fan-out as xargs -P64: 64 (host, table) walks in flight.
  const jobs = hosts.flatMap((h) => TABLES.map((t) => [h, t] as const));
  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const [host, table] = jobs[next++] as readonly [string, string];
      try {
        const session = await client.session(host, { version: '2c', community: 'public' });
        const got = await session.walk(table);
        varbinds += got.length;
      } catch {
        failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const peak = Math.max(client.stats().peakSockets, peakFds);
  client.close();
  return { varbinds, seconds, cpu: (cpu.user + cpu.system) / 1e6, peakSockets: peak, failures };
}

function countSs(): Promise<number> {
  return new Promise((resolve) => execFile('ss', ['-Hau', 'state', 'all'], (err, out) => resolve(err ? 0 : out.split('\n').filter(Boolean).length)));
}

async function runTheirs(hosts: string[]): Promise<RunResult> {
  const base = await countSs();
  let peak = 0;
  let sampling = true;
  const sample = async () => {
    while (sampling) peak = Math.max(peak, (await countSs()) - base);
  };
  const sampler = sample();
  const input = hosts.flatMap((h) => TABLES.map((t) => `${h} ${t}`)).join('\n');
  const t0 = performance.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    // /usr/bin/time reports the children's user+system CPU (xargs waits for every snmpbulkwalk).
    const p = spawn('/usr/bin/time', ['-f', 'CPU %U %S', 'xargs', `-P${PARALLEL}`, '-L1', 'snmpbulkwalk', '-v2c', '-c', 'public', '-Cr25', '-On', '-t', '2', '-r', '1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (c) => resolve({ stdout: out, stderr: err, code: c ?? 1 }));
    p.stdin.end(input);
  });
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  const varbinds = stdout.split('\n').filter((l) => l.startsWith('.')).length;
  return { varbinds, seconds, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, peakSockets: peak, failures: code === 0 ? 0 : (stderr.match(/Timeout/g) ?? []).length };
}

/** The exporter scraped as Prometheus would, 64 scrapes in flight; its own process CPU. */
async function runExporter(exporter: SnmpExporter, hosts: string[]): Promise<RunResult> {
  const cpu0 = exporter.cpuSeconds();
  const t0 = performance.now();
  let varbinds = 0;
  let failures = 0;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < hosts.length) {
      const host = hosts[next++] as string;
      try {
        const walked = await exporter.scrape(host); // not `varbinds += await ...`: that reads varbinds before the await
        varbinds += walked;
      } catch {
        failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { varbinds, seconds, cpu: exporter.cpuSeconds() - cpu0, peakSockets: NaN, failures };
}

function line(name: string, r: RunResult): string {
  return `${name.padEnd(28)} ${String(r.varbinds).padStart(8)} vb  ${r.seconds.toFixed(3).padStart(7)} s  ${Math.round(r.varbinds / r.seconds).toString().padStart(8)} vb/s  CPU ${r.cpu.toFixed(3).padStart(6)} s  sockets ${(Number.isNaN(r.peakSockets) ? '-' : String(r.peakSockets)).padStart(3)}  failures ${r.failures}`;
}

async function main(): Promise<void> {
  const avail = labAvailable();
  if (!avail.ok) throw new Error(`bench/snmp needs the lab: ${avail.reason}`);
  const t0 = performance.now();
  const lab: Lab = await createLab({
    name: 'bench-snmp',
    probe: 'root',
    readyTimeoutMs: 120_000,
    hosts: Array.from({ length: HOSTS }, (_, i) => ({ name: `h${i}`, snmp: { sysName: `bench-${i}` } })),
  });
  let exporter: SnmpExporter | null = null;
  const misses: string[] = [];
  try {
    const startup = (performance.now() - t0) / 1000;
    const agents = Object.values(lab.hosts);
    const hosts = Array.from({ length: PASSES }, () => agents).flat();
    process.stdout.write(`lab: ${agents.length} snmpd agents up in ${startup.toFixed(1)} s\n`);
    // The lab's probe side is the root namespace: the exporter, on 127.0.0.1, reaches the agents.
    exporter = await startSnmpExporter(PARALLEL);
    process.stdout.write(`snmp_exporter ${exporter.version}: pid ${exporter.pid} on 127.0.0.1:${exporter.port}\n`);
    // Warm-up (JIT, agents' caches, the exporter's heap), not measured.
    await runOurs(agents);
    await runTheirs(agents.slice(0, 10));
    await runExporter(exporter, agents);
    const ours: RunResult[] = [];
    const theirs: RunResult[] = [];
    const exp: RunResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      theirs.push(await runTheirs(hosts));
      // The two long-lived pollers take turns going first (neither always runs on the heels of the other).
      if (r % 2 === 0) {
        exp.push(await runExporter(exporter, hosts));
        ours.push(await runOurs(hosts));
      } else {
        ours.push(await runOurs(hosts));
        exp.push(await runExporter(exporter, hosts));
      }
      process.stdout.write(
        `round ${r + 1}\n  ${line('xargs -P64 snmpbulkwalk', theirs[r] as RunResult)}\n  ${line('snmp_exporter (64 scrapes)', exp[r] as RunResult)}\n  ${line('WARD FLUX', ours[r] as RunResult)}\n`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const rate = (rs: RunResult[]) => median(rs.map((r) => r.varbinds / r.seconds));
    const cpu = (rs: RunResult[]) => median(rs.map((r) => r.cpu));
    const socks = (rs: RunResult[]) => Math.max(...rs.map((r) => r.peakSockets));
    const check = (what: string, ok: boolean): string => {
      if (!ok) misses.push(what);
      return ok ? 'OK' : 'MISS';
    };
    const tput = rate(ours) / rate(theirs);
    const cpuRatio = cpu(ours) / cpu(theirs);
    const tputExp = rate(ours) / rate(exp);
    const cpuExp = cpu(ours) / cpu(exp);
    const failed = (rs: RunResult[]) => rs.reduce((a, r) => a + r.failures, 0);
    process.stdout.write(
      [
        `median of ${ROUNDS} rounds, each ${PASSES} passes over ${agents.length} agents x (system + ifTable + ifXTable), 64 walks / scrapes in flight:`,
        `  varbinds per round  WARD FLUX ${ours.map((r) => r.varbinds).join('/')}, snmpbulkwalk ${theirs.map((r) => r.varbinds).join('/')}, snmp_exporter ${exp.map((r) => r.varbinds).join('/')}; failures ${failed(ours)}/${failed(theirs)}/${failed(exp)}`,
        `  vs snmpbulkwalk  throughput  WARD FLUX ${Math.round(rate(ours))} vb/s vs ${Math.round(rate(theirs))} vb/s  = ${tput.toFixed(2)}x (target >= 1.0x) ${check('throughput vs snmpbulkwalk', tput >= 1)}`,
        `                   CPU         WARD FLUX ${cpu(ours).toFixed(3)} s vs ${cpu(theirs).toFixed(3)} s  = ${cpuRatio.toFixed(2)}x (target <= 0.5x) ${check('CPU vs snmpbulkwalk', cpuRatio <= 0.5)}`,
        `                   sockets     WARD FLUX peak ${socks(ours)} vs peak ${socks(theirs)} (target <= 64) ${check('sockets', socks(ours) <= 64)}`,
        `  vs snmp_exporter throughput  WARD FLUX ${Math.round(rate(ours))} vb/s vs ${Math.round(rate(exp))} vb/s  = ${tputExp.toFixed(2)}x (target >= 1.0x) ${check('throughput vs snmp_exporter', tputExp >= 1)}`,
        `                   CPU         WARD FLUX ${cpu(ours).toFixed(3)} s vs ${cpu(exp).toFixed(3)} s  = ${cpuExp.toFixed(2)}x (target <= 1.0x) ${check('CPU vs snmp_exporter', cpuExp <= 1)}`,
        `  WARD FLUX walked every table: ${failed(ours)} failures ${check('WARD FLUX failures', failed(ours) === 0)}`,
        misses.length ? `MISSED: ${misses.join(', ')}` : 'all targets met',
        '',
      ].join('\n'),
    );
  } finally {
    await exporter?.stop();
    await lab.destroy();
  }
  if (misses.length) process.exitCode = 1;
}

await main();
