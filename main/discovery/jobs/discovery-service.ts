/**
 * Discovery jobs in the engine: start (validate, plan, persist, run in the background), cancel,
 * list / get / diff / export, "add to monitoring". Results and counters are written in batches
 * and progress is streamed as events ('discovery.progress' ~4 times a second, 'discovery.host'
 * per host found or changed, 'discovery.finished'). Each job records the engine instance that
 * runs it; a 'running' job whose instance is neither this engine nor the holder of the data
 * directory's lock has no engine left (it stopped or died): it is marked 'interrupted' when an
 * engine opens the data directory, or when someone cancels it.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { DiscoveryDiffOutput, DiscoveryHost, DiscoveryJob, DiscoveryJobOptions, AddToMonitoringOutput } from '../../api/discovery.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { IcmpService } from '../../icmp/icmp-service.ts';
import type { Pinger } from '../../icmp/types.ts';
import type { Clock } from '../../lib/clock.ts';
import type { EventBus } from '../../lib/event-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import type { SnmpClient, SnmpCredential } from '../../snmp/index.ts';
import type { CredentialsRepo } from '../../store/credentials-repo.ts';
import type { Db } from '../../store/database.ts';
import type { EngineLockHolder } from '../../store/engine-lock.ts';
import type { Devices } from '../../devices/devices.ts';
import type { SettingsRepo } from '../../store/settings-repo.ts';
import { FALLBACK_TEMPLATE_ID } from '../../templates/builtin.ts';
import type { TemplatesRepo } from '../../templates/templates-repo.ts';
import { diffScans } from '../diff.ts';
import type { Neighbor } from '../neighbors.ts';
import { planTargets, type TargetOptions } from '../target-plan.ts';
import type { ConnectFn } from '../tcp-prober.ts';
import { addToMonitoring } from './add-to-monitoring.ts';
import { createDiscoveryStore, type DiscoveryStore } from './discovery-store.ts';
import { createJobRunner, type JobCredential, type JobRunner } from './job-runner.ts';
import { resultsToCsv, resultsToJson } from './results-export.ts';
import type { L2Snapshot } from '../../api/l2.ts';
import type { L2Store } from '../../l2/snapshot-store.ts';
import { createReverseLookup, type ReverseLookup } from './reverse-dns.ts';

export interface DiscoveryServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  icmp: IcmpService;
  credentials: CredentialsRepo;
  devices: Devices;
  templates: TemplatesRepo;
  monitoring: Monitoring;
  settings: SettingsRepo;
  /** This engine instance's id: the owner recorded on the jobs it starts. */
  instanceId: string;
  /** Who holds the data directory's lock now (this engine, if it holds it), or null; default: nobody. */
  lockHolder?: () => EngineLockHolder | null;
  /** Target planning (tests: local networks, resolver, limits). */
  targetOptions?: Omit<TargetOptions, 'confirmLarge' | 'resolveHostnames'>;
  /** Test seams. */
  reverseLookup?: ReverseLookup;
  neighbors?: () => Promise<Neighbor[]>;
  connect?: ConnectFn;
  /** How often counters and results are written and progress is sent (default 250 ms). */
  flushMs?: number;
  /** Where the L2 snapshots of the scanned switches and routers go (main/l2/); without it, none are read. */
  l2?: Pick<L2Store, 'saveScan' | 'adoptScan'>;
}

export interface StartExtras {
  /** SNMP credentials for this run only (the CLI's -c / --v3-*): tried after the stored ones, never stored. */
  credentials?: SnmpCredential[];
  /** How results name those credentials: '<label> #1 (v2c)' (default 'command line'; the UI's typed community is 'this scan'). */
  label?: string;
}

export interface DiscoveryService {
  start(input: DiscoveryJobOptions, extras?: StartExtras): Promise<DiscoveryJob>;
  /**
   * Stops a job this engine runs (it ends 'cancelled'); a 'running' job that no engine runs any
   * more is marked 'interrupted' and returned so. A job the lock holder (another process) runs
   * cannot be cancelled from here: ConflictError naming its PID.
   */
  cancel(jobId: string): DiscoveryJob;
  /** Resolves with the job once it is no longer running. */
  wait(jobId: string): Promise<DiscoveryJob>;
  list(limit: number, offset: number): { items: DiscoveryJob[]; total: number };
  get(input: { jobId: string; type?: DiscoveryHost['type'] | undefined; search?: string | undefined; limit: number; offset: number }): { job: DiscoveryJob; results: DiscoveryHost[]; total: number };
  diff(jobId: string, previousJobId?: string): z.infer<typeof DiscoveryDiffOutput>;
  /** The scanning machine's own addresses are skipped unless `includeSelf`. */
  addToMonitoring(jobId: string, addresses: string[], options?: { includeSelf?: boolean }): z.infer<typeof AddToMonitoringOutput>;
  export(jobId: string, format: 'csv' | 'json'): { filename: string; mimeType: string; content: string };
  /** Jobs running now. */
  running(): string[];
  /** Aborts running jobs (they become 'interrupted') and closes the SNMP client. */
  stop(): Promise<void>;
}

interface Running {
  ac: AbortController;
  runner: JobRunner;
  done: Promise<DiscoveryJob>;
  /** Why it is being stopped: a user's cancel, or the engine stopping. */
  stopReason: 'cancelled' | 'interrupted' | null;
}

/** Targets and exclusions, normalised: jobs with the same key are compared by the diff. */
export function targetKey(targets: readonly string[], exclusions: readonly string[]): string {
  const norm = (l: readonly string[]) => [...new Set(l.map((t) => t.trim().toLowerCase()))].sort();
  return JSON.stringify({ t: norm(targets), x: norm(exclusions) });
}

export function createDiscovery(d: DiscoveryServiceDeps): DiscoveryService {
  const store: DiscoveryStore = createDiscoveryStore(d.db);
  const jobs = new Map<string, Running>();
  const flushMs = d.flushMs ?? 250;
  const reverseLookup = d.reverseLookup ?? createReverseLookup();
  const credentialExists = d.db.prepare<[string], { id: string }>('SELECT id FROM credentials WHERE id = ?');
  let snmpClient: SnmpClient | null = null;
  let snmpLoading: Promise<SnmpClient> | null = null;
  let stopping = false;

  const lockHolder = d.lockHolder ?? (() => null);
  const liveInstances = (): Set<string> => {
    const live = new Set([d.instanceId]);
    const holder = lockHolder();
    if (holder) live.add(holder.instanceId);
    return live;
  };
  const interrupted = store.markInterrupted(liveInstances(), d.clock.now());
  if (interrupted.length) d.logger.warn({ jobs: interrupted }, 'discovery jobs interrupted by an engine stop or crash');

  /** net-snmp loads only when a job needs SNMP. */
  async function snmp(): Promise<SnmpClient> {
    snmpLoading ??= import('../../snmp/index.ts').then((m) => (snmpClient = m.createSnmpClient({ logger: d.logger, sockets: 8 })));
    return snmpLoading;
  }

  function resolveCredentials(ids: readonly string[], extra: readonly SnmpCredential[], label = 'command line'): JobCredential[] {
    const out: JobCredential[] = [];
    ids.forEach((id, i) => {
      try {
        const c = d.credentials.resolve(id);
        out.push({ id, label: `${c.name} (${c.version === '3' ? 'v3' : `v${c.version}`})`, credential: c });
      } catch (err) {
        if (err instanceof NotFoundError) throw new ValidationError(`Unknown SNMP credential ${id}`, [{ path: `credentialIds.${i}`, message: 'No such credential' }]);
        throw err;
      }
    });
    extra.forEach((c, i) => out.push({ id: null, label: `${label} #${i + 1} (${c.version === '3' ? `v3 ${c.username}` : `v${c.version}`})`, credential: c }));
    return out;
  }

  function pingerFor(options: DiscoveryJobOptions): Pinger | null {
    if (!options.methods.includes('icmp')) return null;
    try {
      return d.icmp.pinger();
    } catch (err) {
      d.logger.warn({ err }, 'no ICMP for discovery; TCP and the other methods still run');
      return null;
    }
  }

  async function start(input: DiscoveryJobOptions, extras: StartExtras = {}): Promise<DiscoveryJob> {
    if (stopping) throw new AppError('unavailable', 'The engine is stopping; start the scan again once it is running.');
    const plan = await planTargets(input.targets, input.exclusions, { ...d.targetOptions, confirmLarge: input.confirmLarge, resolveHostnames: true });
    const errors = plan.issues.filter((i) => i.severity === 'error');
    if (!plan.ok || plan.count === 0) {
      const issues = errors.length
        ? errors.map((i) => ({ path: i.scope === 'exclusion' ? 'exclusions' : 'targets', message: i.target ? `${i.target}: ${i.message}` : i.message }))
        : [{ path: 'targets', message: 'No address left to sweep after exclusions' }];
      throw new ValidationError(`Cannot start the scan: ${issues.map((i) => i.message).join('; ')}`, issues);
    }
    const credentials = resolveCredentials(input.credentialIds, extras.credentials ?? [], extras.label);
    const id = crypto.randomUUID();
    const options: DiscoveryJob['options'] = {
      targets: input.targets,
      exclusions: input.exclusions,
      methods: input.methods,
      credentialIds: input.credentialIds,
      ratePps: input.ratePps,
      adaptiveRate: input.adaptiveRate,
      timeoutMs: input.timeoutMs,
      retries: input.retries,
      tcpPorts: input.tcpPorts,
      tcpAllHosts: input.tcpAllHosts,
      reverseDns: input.reverseDns,
    };
    const startedAt = d.clock.now();
    const t0 = performance.now();
    const job = store.create({ id, options, targetKey: targetKey(input.targets, input.exclusions), adHocCredentials: extras.credentials?.length ?? 0, owner: d.instanceId, now: startedAt, total: plan.count });
    const ac = new AbortController();
    const useSnmp = input.methods.includes('snmp') && credentials.length > 0;
    const client = useSnmp ? await snmp() : null;

    const buffer = new Map<string, DiscoveryHost>();
    const runner = createJobRunner({
      plan,
      options: input,
      credentials,
      signal: ac.signal,
      pinger: pingerFor(input),
      snmp: () => client!,
      templates: () => d.templates.all(),
      fallbackTemplateId: FALLBACK_TEMPLATE_ID,
      deviceIdOf: (address) => d.devices.idAt(address) ?? null,
      reverseLookup,
      now: () => d.clock.now(),
      onHost: (host, change) => {
        buffer.set(host.address, host);
        d.events.emit('discovery.host', { jobId: id, change, host });
      },
      ...(d.neighbors ? { neighbors: d.neighbors } : {}),
      ...(d.connect ? { connect: d.connect } : {}),
      ...(d.l2 ? { onL2: (address: string, snapshot: L2Snapshot) => d.l2?.saveScan(id, address, snapshot) } : {}),
    });

    // Rate over a sliding window of flushes.
    const samples: { t: number; packets: number }[] = [];
    const flush = (): void => {
      const p = runner.progress();
      const hosts = [...buffer.values()];
      buffer.clear();
      try {
        store.flush(id, p, hosts, d.clock.now());
      } catch (err) {
        d.logger.error({ err, jobId: id }, 'discovery results not saved');
      }
      const t = performance.now();
      samples.push({ t, packets: p.packets });
      while (samples.length > 2 && t - samples[0]!.t > 1500) samples.shift();
      const first = samples[0]!;
      const rate = t > first.t ? ((p.packets - first.packets) * 1000) / (t - first.t) : 0;
      const elapsedMs = t - t0;
      const etaSec = p.phase === 'done' ? 0 : p.done > 0 && p.done < p.total ? Math.round(((elapsedMs / p.done) * (p.total - p.done)) / 1000) : null;
      d.events.emit('discovery.progress', { jobId: id, phase: p.phase, total: p.total, done: p.done, alive: p.alive, classified: p.classified, rate: Math.round(rate), etaSec, elapsedMs: Math.round(elapsedMs) });
    };
    const timer = setInterval(flush, flushMs);

    const running: Running = { ac, runner, stopReason: null, done: Promise.resolve(job) };
    running.done = (async (): Promise<DiscoveryJob> => {
      let status: 'finished' | 'cancelled' | 'interrupted' | 'failed';
      let error: string | null = null;
      try {
        const outcome = await runner.run();
        status = outcome === 'finished' ? 'finished' : (running.stopReason ?? 'cancelled');
      } catch (err) {
        d.logger.error({ err, jobId: id }, 'discovery job failed');
        status = running.stopReason ?? 'failed';
        error = err instanceof AppError ? err.message : 'The scan failed; see the engine log for details.';
      } finally {
        clearInterval(timer);
      }
      if (status === 'interrupted') error = 'The engine stopped while this job was running; the results found until then are kept.';
      flush();
      const finished = store.finish(id, status, 'done', error, d.clock.now());
      const ev = finished.evidence;
      if (ev && ev.hosts > 0) {
        d.logger.info({ jobId: id, hosts: ev.hosts, requests: ev.requests, meanMs: Math.round((ev.totalMs / ev.hosts) * 10) / 10, maxMs: ev.maxMs }, 'discovery: SNMP evidence round per host');
      }
      jobs.delete(id);
      d.events.emit('discovery.finished', { jobId: id, status, job: finished });
      return finished;
    })();
    jobs.set(id, running);
    return job;
  }

  function get(jobId: string): DiscoveryJob {
    return store.get(jobId);
  }

  /** A 'running' job this engine does not run: another live engine's, or nobody's. */
  function cancelOrphan(jobId: string): DiscoveryJob {
    const owner = store.owner(jobId);
    const holder = lockHolder();
    if (owner.instance !== null && owner.instance !== d.instanceId && holder?.instanceId === owner.instance) {
      throw new ConflictError(`This scan is run by another WARD FLUX engine (PID ${holder.pid}); cancel it there.`);
    }
    const job = store.interrupt(jobId, d.clock.now(), 'No WARD FLUX engine was running this job any more (it stopped or crashed); the results found until then are kept.');
    d.logger.warn({ jobId, ownerPid: owner.pid }, 'discovery job without an engine marked interrupted');
    d.events.emit('discovery.finished', { jobId, status: 'interrupted', job });
    return job;
  }

  return {
    start,

    cancel(jobId) {
      const r = jobs.get(jobId);
      const job = get(jobId);
      if (!r) return job.status === 'running' ? cancelOrphan(jobId) : job;
      r.stopReason = 'cancelled';
      r.ac.abort(new AppError('conflict', 'Scan cancelled'));
      return job;
    },

    async wait(jobId) {
      const r = jobs.get(jobId);
      return r ? r.done : get(jobId);
    },

    list: (limit, offset) => store.list(limit, offset),

    get(input) {
      const job = get(input.jobId);
      const { items, total } = store.results(input.jobId, input);
      return { job, results: items, total };
    },

    diff(jobId, previousJobId) {
      const job = get(jobId);
      const previous = previousJobId ?? store.previous(job, store.targetKeyOf(jobId));
      if (previousJobId) get(previousJobId);
      if (!previous) return { jobId, previousJobId: null, new: store.allResults(jobId), gone: [], changed: [], unchanged: 0 };
      const diff = diffScans(store.allResults(previous), store.allResults(jobId));
      return {
        jobId,
        previousJobId: previous,
        new: diff.new,
        gone: diff.gone,
        changed: diff.changed.map((c) => ({ address: c.after.address, previousAddress: c.before.address, matchedBy: c.matchedBy, changes: c.changes })),
        unchanged: diff.unchanged,
      };
    },

    addToMonitoring(jobId, addresses, options = {}) {
      get(jobId);
      const out = addToMonitoring(
        { devices: d.devices, templates: d.templates, monitoring: d.monitoring, settings: d.settings, credentialExists: (id) => credentialExists.get(id) !== undefined },
        jobId,
        addresses,
        (address) => store.result(jobId, address.trim()),
        { includeSelf: options.includeSelf === true },
      );
      // A new device starts with the neighbours and tables the scan read (the refresher takes over).
      for (const r of out.results) if (r.outcome === 'created' && r.deviceId) d.l2?.adoptScan(jobId, r.address, r.deviceId);
      return out;
    },

    export(jobId, format) {
      const job = get(jobId);
      const hosts = store.allResults(jobId);
      const stamp = new Date(job.createdAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return format === 'csv'
        ? { filename: `wardflux-discovery-${stamp}.csv`, mimeType: 'text/csv', content: resultsToCsv(hosts) }
        : { filename: `wardflux-discovery-${stamp}.json`, mimeType: 'application/json', content: resultsToJson(job, hosts) };
    },

    running: () => [...jobs.keys()],

    async stop() {
      stopping = true;
      const all = [...jobs.values()];
      for (const r of all) {
        r.stopReason ??= 'interrupted';
        r.ac.abort(new AppError('unavailable', 'The engine is stopping'));
      }
      await Promise.all(all.map((r) => r.done.catch(() => undefined)));
      snmpClient?.close();
      snmpClient = null;
      snmpLoading = null;
    },
  };
}
