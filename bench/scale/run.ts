/**
 * The whole engine at scale: one engine as `wardflux serve` runs it (scheduler, SNMP and ICMP
 * pollers, poll sink, metrics writer, alert evaluation, notification outbox, VictoriaMetrics sync
 * journal and push worker) monitoring N devices of a lab for M minutes:
 *   - N devices (default 2,000) in the lab's locally-answered range (the lab kernel answers their
 *     ICMP), created through the contract (devices.create, templates.apply generic-snmp), at the
 *     default settings: ICMP every 30 s (3 probes), SNMP every 60 s;
 *   - SNMP from real snmpd agents, each answering on several device addresses (`snmp.addresses`,
 *     --per-agent, default 40: 50 agents), whose namespace has 4 interfaces, so a device's
 *     ifTable/ifXTable give 4 x 9 series plus uptime and the ICMP series (about 42 per device);
 *   - 1 % of the devices drop ICMP: they go down, their alerts fire and are posted to a webhook on
 *     127.0.0.1 through the outbox;
 *   - sync on: every flush is journaled and pushed to a VictoriaMetrics on 127.0.0.1.
 * After a warm-up (the start-up burst of first polls, counter priming: --warmup-sec, default 120,
 * two SNMP intervals), measures over the run:
 * CPU % of one core (process.cpuUsage), RSS (max of 1 s samples), event-loop delay p99
 * (monitorEventLoopDelay), poll lag p99 (the scheduler's lag histogram), missed cycles (polls
 * skipped because the previous one still ran + slots passed over by a late wake-up), and database
 * growth per day (bytes in use, page_count - freelist, extrapolated). Prints a table; exits 1 when a
 * target is missed. Targets: CPU <= 25 % of one core, RSS <= 400 MB, poll lag p99 < 2 s, 0 missed.
 *
 *   . scripts/node-env.sh && node bench/scale/run.ts [--minutes 10] [--devices 2000] [--per-agent 40] [--warmup-sec 120]
 * Root (lab only: every packet goes to the lab or to 127.0.0.1). A profile of the same run:
 *   node --cpu-prof --cpu-prof-dir=/tmp/scale-prof bench/scale/run.ts --minutes 2 && node bench/scale/profile-top.ts /tmp/scale-prof/*.cpuprofile
 * The engine runs under the hosts' heap policy (main/lib/heap-policy.ts); --default-heap runs it
 * with V8's defaults instead, for comparison.
 * What the old generation collects (the garbage that makes RSS): --alloc-profile FILE samples the
 * allocations of the measured minutes, those freed by a full GC included (V8's sampling heap
 * profiler), and writes them as a .heapprofile (Chrome DevTools opens it; `node
 * bench/scale/profile-top.ts FILE` sums it by function).
 */
import '../lab-only.ts';
import http from 'node:http';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import Database from 'better-sqlite3';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createEngine, type Engine } from '../../main/engine.ts';
import { applyHeapPolicy } from '../../main/lib/heap-policy.ts';
import { type LagHistogram, lagQuantile, type ProtocolHealth } from '../../main/monitoring/poll-health.ts';
import { DATABASE_FILE } from '../../main/store/database.ts';
import { intToIp, ipToInt } from '../../test/lab/addresses.ts';
import { createLab, type Lab } from '../../test/lab/create-lab.ts';
import { labAvailable } from '../../test/lab/lab-available.ts';
import type { LabHostSpec } from '../../test/lab/lab-spec.ts';
import { startVictoriaMetrics, type VictoriaMetrics } from '../../test/lab/sync-victoria.ts';
import { fixedKey } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const MINUTES = arg('minutes', 10);
const DEVICES = Math.round(arg('devices', 2000));
const PER_AGENT = Math.max(Math.round(arg('per-agent', 40)), Math.ceil(DEVICES / 200));
const WARMUP_MS = arg('warmup-sec', 120) * 1000;
const ALLOC_PROFILE = ((i) => (i > 0 ? process.argv[i + 1] : undefined))(process.argv.indexOf('--alloc-profile'));
const ICMP_DOWN_EVERY = 100;
const TARGETS = { cpuPct: 25, rssMb: 400, lagP99Ms: 2000, missed: 0 };

const out = (s = ''): boolean => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// The smallest block at the top of 198.19.0.0/16 holding every device (other benches sweep from its bottom).
let size = 256;
while (size < DEVICES + 2) size *= 2;
if (size > 65536) throw new Error('at most 65,534 devices');
const base = ipToInt('198.19.0.0') + 65536 - size;
const localRange = `${intToIp(base)}/${32 - Math.log2(size)}`;
const addresses = Array.from({ length: DEVICES }, (_, i) => intToIp(base + 1 + i));
const agents = Math.ceil(DEVICES / PER_AGENT);
if (agents > 200) throw new Error('too many agents for one lab /24: raise --per-agent');

interface Reading {
  at: number;
  cpu: NodeJS.CpuUsage;
  /** The main thread's time waiting for a CPU while runnable (ns, /proc/self/schedstat). */
  runDelayNs: number;
  protocols: ProtocolHealth[];
  dbBytes: number;
  written: number;
}

let lab: Lab | undefined;
let engine: Engine | undefined;
let vm: VictoriaMetrics | undefined;
let hook: http.Server | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await engine?.stop().catch(() => {});
    await vm?.destroy().catch(() => {});
    hook?.close();
    await lab?.destroy();
    dir?.cleanup();
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    out(`\n${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Bytes the database holds (pages in use, WAL included), read through a second, read-only connection. */
function dbBytesInUse(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  } finally {
    db.close();
  }
}

function read(e: Engine, dbPath: string): Reading {
  return { at: performance.now(), cpu: process.cpuUsage(), runDelayNs: Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]), protocols: e.areas.monitoring.scheduler.health(), dbBytes: dbBytesInUse(dbPath), written: e.areas.metrics.writer.stats().written };
}

function sumLag(list: ProtocolHealth[]): LagHistogram {
  const first = list[0] as ProtocolHealth;
  return { boundsMs: first.lag.boundsMs, counts: first.lag.counts.map((_, i) => list.reduce((a, p) => a + (p.lag.counts[i] ?? 0), 0)) };
}

const fmtLag = (ms: number | null): string => (ms === null ? 'n/a' : ms === Infinity ? '> 60 s' : `<= ${ms} ms`);

async function main(): Promise<number> {
  const avail = labAvailable();
  if (!avail.ok) {
    out(`bench/scale needs the lab: ${avail.reason}`);
    return 2;
  }
  out(`bench/scale: ${DEVICES} devices in ${localRange}, ${agents} snmpd agents x ${PER_AGENT} addresses, ${MINUTES} min measured after ${WARMUP_MS / 1000} s warm-up`);

  const hosts: LabHostSpec[] = Array.from({ length: agents }, (_, a) => ({
    name: `a${a}`,
    snmp: { sysName: `scale-agent-${a}`, sysDescr: 'Linux scale-lab 6.1 x86_64', addresses: addresses.slice(a * PER_AGENT, (a + 1) * PER_AGENT) },
  }));
  const t0 = performance.now();
  lab = await createLab({ name: 'scale-bench', probe: 'root', localRange, hosts, readyTimeoutMs: 120_000 });
  // Two more interfaces in the lab namespace: every agent's ifTable has lo, the veth and these.
  for (const ifName of ['wfsd0', 'wfsd1']) {
    await lab.execInLab('ip', ['link', 'add', ifName, 'type', 'dummy']);
    await lab.execInLab('ip', ['link', 'set', ifName, 'up']);
  }
  const icmpDown = addresses.filter((_, i) => i % ICMP_DOWN_EVERY === ICMP_DOWN_EVERY - 1);
  for (const a of icmpDown) await lab.blockIcmp(a);
  out(`  lab up in ${((performance.now() - t0) / 1000).toFixed(1)} s (${lab.daemonPids().length} daemons); ${icmpDown.length} devices drop ICMP`);

  vm = await startVictoriaMetrics();
  let webhookPosts = 0;
  hook = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      webhookPosts++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook?.listen(0, '127.0.0.1', r));
  const hookPort = (hook.address() as { port: number }).port;

  dir = tempDir();
  const dbPath = join(dir.dir, DATABASE_FILE);
  // As `wardflux serve` and the desktop app run it.
  if (!process.argv.includes('--default-heap')) applyHeapPolicy();
  const e = await createEngine({ dataDir: dir.dir, secrets: fixedKey(), exclusive: true, pollers: true, icmp: { method: 'raw' } });
  engine = e;
  await e.start();
  const cred = await unwrap(e.api.call('credentials.create', { name: 'public', version: '2c', community: 'public' }));
  await unwrap(e.api.call('notifications.createChannel', { type: 'webhook', name: 'bench hook', webhook: { url: `http://127.0.0.1:${hookPort}/hook` } }));
  await unwrap(e.api.call('sync.setConfig', { url: vm.url }));
  const tc = performance.now();
  const ids: string[] = [];
  for (const [i, address] of addresses.entries()) {
    ids.push((await unwrap(e.api.call('devices.create', { name: `dev-${i}`, address, credentialIds: [cred.id] }))).id);
  }
  const applied = await unwrap(e.api.call('templates.apply', { templateId: 'generic-snmp', deviceIds: ids }));
  out(`  ${ids.length} devices created and the generic SNMP template applied (${applied.items} items) in ${((performance.now() - tc) / 1000).toFixed(1)} s through the contract`);

  let rssMax = 0;
  let rssMaxAll = 0;
  let measuring = false;
  const rssTimer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    rssMaxAll = Math.max(rssMaxAll, rss);
    if (measuring) rssMax = Math.max(rssMax, rss);
  }, 1000);
  // The start-up burst: every device's first polls fall within 10 s (the scheduler's first-poll
  // spread), the first SNMP poll also reads the identity; when has the SNMP queue drained?
  const warmStart = performance.now();
  let drainedAt: number | undefined;
  let peakQueued = 0;
  while (performance.now() - warmStart < WARMUP_MS) {
    await sleep(1000);
    const snmp = e.areas.monitoring.scheduler.health().find((p) => p.protocol === 'snmp');
    peakQueued = Math.max(peakQueued, snmp?.queued ?? 0);
    if (drainedAt === undefined && peakQueued > 0 && snmp?.queued === 0) drainedAt = performance.now() - warmStart;
  }
  out(`  warm-up: SNMP queue peaked at ${peakQueued} polls, ${drainedAt === undefined ? 'not drained' : `drained ${(drainedAt / 1000).toFixed(0)} s`} after the template was applied`);

  const eld = monitorEventLoopDelay({ resolution: 10 });
  const profiler = ALLOC_PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('HeapProfiler.enable');
    await profiler.post('HeapProfiler.startSampling', { samplingInterval: 65_536, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
  }
  const start = read(e, dbPath);
  measuring = true;
  eld.enable();
  const endAt = start.at + MINUTES * 60_000;
  while (performance.now() < endAt) {
    await sleep(Math.min(60_000, endAt - performance.now()));
    const h = e.areas.monitoring.scheduler.health();
    const done = ((performance.now() - start.at) / 60_000).toFixed(1);
    out(`  ${done} min: ${h.map((p) => `${p.protocol} ok ${p.ok} to ${p.timeouts} err ${p.errors} queued ${p.queued} in flight ${p.inFlight}`).join('; ')}; rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`);
  }
  eld.disable();
  measuring = false;
  const end = read(e, dbPath);
  if (profiler && ALLOC_PROFILE) {
    const { profile } = await profiler.post('HeapProfiler.stopSampling');
    writeFileSync(ALLOC_PROFILE, JSON.stringify(profile));
    profiler.disconnect();
    out(`  allocation profile (old-generation garbage included) written to ${ALLOC_PROFILE}`);
  }
  clearInterval(rssTimer);

  const wallSec = (end.at - start.at) / 1000;
  const cpuSec = (end.cpu.user - start.cpu.user + end.cpu.system - start.cpu.system) / 1e6;
  const cpuPct = (cpuSec / wallSec) * 100;
  const rssMb = rssMax / 2 ** 20;
  const eldP99 = eld.percentile(99) / 1e6;
  const lagAll = lagQuantile(sumLag(end.protocols), 0.99, sumLag(start.protocols));
  const proto = (r: Reading, p: 'snmp' | 'icmp') => r.protocols.find((x) => x.protocol === p) as ProtocolHealth;
  const delta = (p: 'snmp' | 'icmp', k: 'ok' | 'timeouts' | 'errors' | 'skipped' | 'missed') => proto(end, p)[k] - proto(start, p)[k];
  const missed = (['snmp', 'icmp'] as const).reduce((a, p) => a + delta(p, 'skipped') + delta(p, 'missed'), 0);
  const polls = (p: 'snmp' | 'icmp') => delta(p, 'ok') + delta(p, 'timeouts') + delta(p, 'errors');
  const expected = (intervalSec: number) => (DEVICES * wallSec) / intervalSec;
  const growthPerDay = ((end.dbBytes - start.dbBytes) * 86_400) / wallSec;
  const samples = end.written - start.written;
  const alerts = await unwrap(e.api.call('alerts.list', { status: 'active' }));
  const sync = await unwrap(e.api.call('sync.status', {}));
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].reduce((a, f) => a + (statSize(join(dir!.dir, f)) ?? 0), 0);

  out('');
  out(`measured ${(wallSec / 60).toFixed(1)} min; load average at the end ${(await loadavg()).join(' ')}`);
  out(`  polls: snmp ${polls('snmp')} (expected ${expected(60).toFixed(0)}; ok ${delta('snmp', 'ok')}, timeouts ${delta('snmp', 'timeouts')}, errors ${delta('snmp', 'errors')}), lag p99 ${fmtLag(lagQuantile(proto(end, 'snmp').lag, 0.99, proto(start, 'snmp').lag))}`);
  out(`         icmp ${polls('icmp')} (expected ${expected(30).toFixed(0)}; ok ${delta('icmp', 'ok')}, timeouts ${delta('icmp', 'timeouts')}, errors ${delta('icmp', 'errors')}), lag p99 ${fmtLag(lagQuantile(proto(end, 'icmp').lag, 0.99, proto(start, 'icmp').lag))}`);
  for (const p of ['snmp', 'icmp'] as const) {
    const why = new Map<string, number>();
    for (const h of e.areas.monitoring.scheduler.deviceHealth()) if (h.protocol === p && h.lastStatus === 'timeout') why.set(h.lastMessage ?? '', (why.get(h.lastMessage ?? '') ?? 0) + 1);
    const r = proto(end, p).recent;
    out(`  ${p}: last 1000 polls avg ${r.avgDurationMs?.toFixed(0)} ms, max lag ${r.maxLagMs?.toFixed(0)} ms; devices whose last poll timed out: ${[...why].map(([m, n]) => `${n} (${m})`).join(', ') || 'none'}`);
  }
  const mem = process.memoryUsage();
  // Started with --expose-gc: how much of the heap is live (after a full collection).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    out(`  after a full GC: heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`);
  }
  out(`  heap spaces (committed MB): ${getHeapSpaceStatistics().filter((s) => s.space_size > 2 ** 20).map((s) => `${s.space_name} ${(s.space_size / 2 ** 20).toFixed(0)}`).join(', ')}`);
  out(`  memory at the end: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} of ${(mem.heapTotal / 2 ** 20).toFixed(0)} MB, external ${(mem.external / 2 ** 20).toFixed(0)} MB (array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MB)`);
  out(`  main thread runnable but waiting for a CPU: ${(((end.runDelayNs - start.runDelayNs) / 1e9 / wallSec) * 100).toFixed(1)} % of the run (a loaded machine, not the engine)`);
  out(`  samples written ${samples} (${(samples / wallSec).toFixed(0)}/s, ${(samples / DEVICES / (wallSec / 60)).toFixed(1)} per device per minute); sync: ${e.areas.sync.stats().samples} pushed, ${sync.queuedSamples} queued`);
  out(`  alerts active ${alerts.total} (devices dropping ICMP: ${icmpDown.length}); webhook posts ${webhookPosts}`);
  out(`  database: ${(end.dbBytes / 2 ** 20).toFixed(1)} MiB in use, ${(files / 2 ** 20).toFixed(1)} MiB on disk (with WAL); grew ${((end.dbBytes - start.dbBytes) / 2 ** 20).toFixed(1)} MiB in the run (${((end.dbBytes - start.dbBytes) / Math.max(1, samples)).toFixed(1)} B per sample written: open series heads are not yet sealed into chunks, so a short run overstates a day); RSS max ${(rssMaxAll / 2 ** 20).toFixed(0)} MB including setup`);
  out('');
  const rows: [string, string, string, boolean][] = [
    ['CPU (% of one core)', cpuPct.toFixed(1), `<= ${TARGETS.cpuPct}`, cpuPct <= TARGETS.cpuPct],
    ['RSS max (MB)', rssMb.toFixed(0), `<= ${TARGETS.rssMb}`, rssMb <= TARGETS.rssMb],
    ['event-loop delay p99 (ms)', eldP99.toFixed(1), '(report)', true],
    ['poll lag p99', fmtLag(lagAll), `< ${TARGETS.lagP99Ms} ms`, lagAll !== null && lagAll <= TARGETS.lagP99Ms],
    ['missed cycles', String(missed), `= ${TARGETS.missed}`, missed === TARGETS.missed],
    ['database growth per day', `${(growthPerDay / 2 ** 30).toFixed(2)} GiB`, '(report)', true],
  ];
  const w = [28, 14, 12];
  out(`| ${'metric'.padEnd(w[0]!)} | ${'measured'.padEnd(w[1]!)} | ${'target'.padEnd(w[2]!)} | ok |`);
  out(`|${'-'.repeat(w[0]! + 2)}|${'-'.repeat(w[1]! + 2)}|${'-'.repeat(w[2]! + 2)}|----|`);
  for (const [m, v, t, ok] of rows) out(`| ${m.padEnd(w[0]!)} | ${v.padEnd(w[1]!)} | ${t.padEnd(w[2]!)} | ${ok ? 'ok' : 'NO'} |`);
  const failed = rows.filter((r) => !r[3]).map((r) => r[0]);
  out(failed.length ? `\nMISSED: ${failed.join(', ')}` : '\nevery target met');
  return failed.length ? 1 : 0;
}

function statSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

async function loadavg(): Promise<string[]> {
  const { loadavg: l } = await import('node:os');
  return l().map((x) => x.toFixed(2));
}

let code = 1;
try {
  code = await main();
} catch (err) {
  out(`bench/scale failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await cleanup();
}
process.exit(code);
