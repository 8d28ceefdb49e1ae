/**
 * SNMP polling benchmark, side by side in one run: WARD FLUX walking system + ifTable + ifXTable
 * (GETBULK, max-repetitions 25) on every agent of a lab, against Net-SNMP's fan-out
 * `xargs -P64 snmpbulkwalk -Cr25` over the same agents and tables. Prints varbinds/s, CPU seconds,
 * peak UDP sockets, and the ratios (targets: throughput >= 1.0x, CPU <= 0.5x, sockets <= 64).
 *
 *   node bench/snmp/run.ts [hosts=100] [rounds=3]      (root; builds its own lab, tears it down)
 */
import '../lab-only.ts';
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { createSnmpClient } from '../../main/snmp/index.ts';
import { createLab, labAvailable, type Lab } from '../../test/lab/index.ts';

const HOSTS = Number(process.argv[2] ?? 100);
const ROUNDS = Number(process.argv[3] ?? 3);
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

function line(name: string, r: RunResult): string {
  return `${name.padEnd(28)} ${String(r.varbinds).padStart(8)} vb  ${r.seconds.toFixed(3).padStart(7)} s  ${Math.round(r.varbinds / r.seconds).toString().padStart(8)} vb/s  CPU ${r.cpu.toFixed(3).padStart(6)} s  sockets ${String(r.peakSockets).padStart(3)}  failures ${r.failures}`;
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
  try {
    const startup = (performance.now() - t0) / 1000;
    const hosts = Object.values(lab.hosts);
    process.stdout.write(`lab: ${hosts.length} snmpd agents up in ${startup.toFixed(1)} s\n`);
    // Warm-up (JIT, agents' caches), not measured.
    await runOurs(hosts);
    await runTheirs(hosts.slice(0, 10));
    const ours: RunResult[] = [];
    const theirs: RunResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      theirs.push(await runTheirs(hosts));
      ours.push(await runOurs(hosts));
      process.stdout.write(`round ${r + 1}\n  ${line('xargs -P64 snmpbulkwalk', theirs[r] as RunResult)}\n  ${line('WARD FLUX', ours[r] as RunResult)}\n`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const rate = (rs: RunResult[]) => median(rs.map((r) => r.varbinds / r.seconds));
    const cpu = (rs: RunResult[]) => median(rs.map((r) => r.cpu));
    const socks = (rs: RunResult[]) => Math.max(...rs.map((r) => r.peakSockets));
    const tput = rate(ours) / rate(theirs);
    const cpuRatio = cpu(ours) / cpu(theirs);
    process.stdout.write(
      [
        `median of ${ROUNDS} rounds, ${hosts.length} agents x (system + ifTable + ifXTable), 64 walks in flight:`,
        `  throughput  WARD FLUX ${Math.round(rate(ours))} vb/s vs Net-SNMP ${Math.round(rate(theirs))} vb/s  = ${tput.toFixed(2)}x (target >= 1.0x) ${tput >= 1 ? 'OK' : 'MISS'}`,
        `  CPU         WARD FLUX ${cpu(ours).toFixed(3)} s vs Net-SNMP ${cpu(theirs).toFixed(3)} s  = ${cpuRatio.toFixed(2)}x (target <= 0.5x) ${cpuRatio <= 0.5 ? 'OK' : 'MISS'}`,
        `  sockets     WARD FLUX peak ${socks(ours)} vs Net-SNMP peak ${socks(theirs)} (target <= 64) ${socks(ours) <= 64 ? 'OK' : 'MISS'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await lab.destroy();
  }
}

await main();
