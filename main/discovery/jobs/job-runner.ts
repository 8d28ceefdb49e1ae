/**
 * One discovery job, from plan to classified hosts. A pipeline, so a sweep costs about
 * addresses ÷ rate + one timeout per retry, not the sum of its methods:
 *
 *   plan ─▶ ICMP echo (1 + retries) ──reply──▶ alive ─▶ SNMP system group (each credential) ─▶ evidence round ─▶ classify
 *                 └──no answer──▶ TCP connect probes ──open/refused──▶ alive ─┘      └▶ reverse DNS
 *   after the sweep: neighbour table ─▶ MACs (+ on-link hosts that answered only ARP) ─▶ SNMP ...
 *
 * Who gets TCP probes after a silent echo:
 * - on a directly connected subnet ARP is the truth (./arp-gate.ts): no ARP answer (FAILED /
 *   INCOMPLETE) → no host, nothing more is sent; an ARP answer → alive at once, and the configured
 *   ports for its open ports; no usable entry → the configured ports, as off-link;
 * - behind a router: first the small set nmap -sn uses (443, 80, where configured), then the
 *   other configured ports only for addresses that answered nothing.
 *
 * Timing adapts (../sweep-timing.ts): each /24 waits srtt + 4·rttvar of its own first answers
 * (clamped to [100 ms, the configured timeout]; SNMP from 300 ms), and resends only where loss
 * shows or nothing is known yet.
 *
 * The evidence round (snmp-evidence.ts, ../evidence-read.ts): one more GET (rarely a second
 * request) with the credential that answered, for ENTITY-MIB's chassis (model, serial, firmware),
 * LLDP capabilities and the other hints the classifier weighs; its hosts, requests and wall time
 * are in the job's `evidence` counters.
 *
 * Every packet sent to a target (echo request, SYN, SNMP request) first takes a token from ONE
 * pacer at the job's rate. Cancel (the signal) stops sending at once: the pacer's waiters reject,
 * echoes and connects in flight end as cancelled, no new SNMP request starts.
 */
import { DISCOVERY_LIMITS, type DiscoveryHost, type DiscoveryJob, type DiscoveryJobOptions, type DiscoveryMethod, type SnmpStatus } from '../../api/discovery.ts';
import type { EchoOutcome, Pinger } from '../../icmp/types.ts';
import type { SnmpClient, SnmpCredential } from '../../snmp/index.ts';
import { pickTemplate, type PickCandidate } from '../../templates/pick.ts';
import { classify } from '../classifier.ts';
import { readNeighbors, readNeighborStates, type Neighbor, type NeighborState } from '../neighbors.ts';
import { onLinkMatcher } from '../on-link.ts';
import { isLocalAddress, localNetworks } from '../../net/local-networks.ts';
import { createArpGate } from './arp-gate.ts';
import { createSweepTiming } from '../sweep-timing.ts';
import { createSweepRate, rateCeiling } from '../sweep-rate.ts';
import { adaptiveDeadline } from './adaptive-deadline.ts';
import { loadOui } from '../oui.ts';
import { createPacer, type Pacer } from '../../lib/async/pacer.ts';
import { createSemaphore } from '../../lib/async/semaphore.ts';
import type { TargetPlan } from '../target-plan.ts';
import { createTcpProber, type ConnectFn, type TcpHostResult } from '../tcp-prober.ts';
import { createChannel } from '../../lib/async/channel.ts';
import type { ReverseLookup } from './reverse-dns.ts';
import { snmpSystemGroup, type SystemGroup } from './snmp-system.ts';
import { answeredStatus, notTriedStatus, silenceStatus } from './snmp-status.ts';
import { snmpEvidence } from './snmp-evidence.ts';
import { arpMacs, scanL2, wantsL2 } from './l2-scan.ts';
import type { L2Snapshot } from '../../api/l2.ts';
import type { DeviceEvidence } from '../device-evidence.ts';
import { inventoryOf } from '../evidence-decode.ts';
import { shippedRules } from '../classification-rules.ts';
import { familyProbes } from '../os-families.ts';

/** A credential to try, with how results name it (never its secret). */
export interface JobCredential {
  id: string | null;
  label: string;
  credential: SnmpCredential;
}

export interface JobProgress {
  phase: DiscoveryJob['phase'];
  total: number;
  done: number;
  alive: number;
  classified: number;
  packets: number;
  /** The evidence round after an answered system group (snmp-evidence.ts): hosts, requests and wall time. */
  evidence: EvidenceStats;
  /** The send rate now and the highest it reached (../sweep-rate.ts), packets per second. */
  ratePps: number;
  peakRatePps: number;
}

export interface EvidenceStats {
  hosts: number;
  requests: number;
  /** Sum of the rounds' wall times, ms (mean = totalMs / hosts). */
  totalMs: number;
  maxMs: number;
}

export interface JobRunnerDeps {
  plan: TargetPlan;
  options: DiscoveryJobOptions;
  credentials: JobCredential[];
  signal: AbortSignal;
  /** The engine's pinger; null when ICMP is not available or not asked for. */
  pinger: Pinger | null;
  snmp: () => SnmpClient;
  templates: () => readonly PickCandidate[];
  fallbackTemplateId: string;
  /** An existing device with this address, if any. */
  deviceIdOf: (address: string) => string | null;
  reverseLookup: ReverseLookup;
  now: () => number;
  /** Each new or changed host. */
  onHost: (host: DiscoveryHost, change: 'found' | 'updated') => void;
  /** Tests and platforms without `ip`: where the neighbour table comes from. */
  neighbors?: () => Promise<Neighbor[]>;
  /**
   * The kernel's neighbour states, FAILED/INCOMPLETE included, for the on-link ARP check. Default:
   * `ip -s -j neigh` unless `neighbors` is given (then no check: every silent address is probed).
   */
  neighborStates?: () => Promise<ReadonlyMap<string, NeighborState>>;
  /** Whether an address is on a directly connected subnet (default: this machine's interfaces). */
  onLink?: (address: string) => boolean;
  connect?: ConnectFn;
  /** Whether an address is one of this machine's own (default: its interfaces' addresses). */
  isSelf?: (address: string) => boolean;
  /** Switches and routers get an L2 read after their evidence round (l2-scan.ts) when this takes the snapshots. */
  onL2?: (address: string, snapshot: L2Snapshot) => void;
}

/** SNMP agents take a while to answer: never wait less than this for one, however fast the network. */
const SNMP_MIN_TIMEOUT_MS = 300;
/**
 * The least an echo or TCP probe waits. nmap's floor is 100 ms, but this sweep shares its event
 * loop with the rest of the engine (pollers, the UI's calls, a busy laptop): a stall of a few
 * hundred milliseconds must not turn a late answer into a silent host.
 */
const LIVENESS_MIN_TIMEOUT_MS = 250;

/** The TCP ports nmap -sn sends to a host behind a router (SYN 443, ACK 80), in that order. */
export const ROUTED_FIRST_PORTS: readonly number[] = [443, 80];

export interface JobRunner {
  run(): Promise<'finished' | 'cancelled'>;
  progress(): JobProgress;
}

/** Neighbour states of a dynamic entry that was resolved (not FAILED/INCOMPLETE, not a static entry). */
const LIVE_NEIGHBOR_STATES = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE']);

/**
 * Whether a neighbour entry proves its host answered during this sweep: a resolved entry whose
 * last confirmation is younger than the sweep. An older one (even REACHABLE: it lasts up to 45 s)
 * may belong to a host that has gone since, so it gives the MAC of a live host but finds no host.
 */
export function answeredDuringSweep(n: Neighbor, sweepAgeSec: number): boolean {
  return LIVE_NEIGHBOR_STATES.has(n.state) && n.confirmedAgoSec !== undefined && n.confirmedAgoSec < Math.floor(sweepAgeSec);
}

interface HostState {
  host: DiscoveryHost;
  snmp: SystemGroup | null;
  /** What the evidence round after the system group learned (null: not read). */
  evidence: DeviceEvidence | null;
  /** SNMP's outcome once known (see snmp-status.ts). */
  snmpStatus?: SnmpStatus;
  reverse: string[];
  /** The L2 snapshot of a switch or router (l2-scan.ts). */
  l2?: L2Snapshot;
}

export function createJobRunner(d: JobRunnerDeps): JobRunner {
  const o = d.options;
  const methods = new Set<DiscoveryMethod>(o.methods);
  const signal = d.signal;
  const hosts = new Map<string, HostState>();
  const counters: Omit<JobProgress, 'ratePps' | 'peakRatePps'> = { phase: 'sweep', total: d.plan.count, done: 0, alive: 0, classified: 0, packets: 0, evidence: { hosts: 0, requests: 0, totalMs: 0, maxMs: 0 } };
  // A burst allowance of 1/10 s at the job's rate: a /24 leaves at once, a /16 still averages the rate.
  const basePacer = createPacer(o.ratePps, { burst: Math.max(1, Math.round(o.ratePps / 10)) });
  // The rate answers may raise and loss cuts (../sweep-rate.ts); fixed when adaptiveRate is off.
  const ceilingPps = rateCeiling(o.ratePps, o.adaptiveRate, DISCOVERY_LIMITS.maxRatePps);
  const rate = createSweepRate({ floorPps: o.ratePps, ceilingPps });
  /** A liveness answer: into the timing of its subnet and the job's rate. */
  const answered = (address: string, rttMs: number | null, attempt: number): void => {
    timing.answered(address, rttMs, attempt);
    const before = rate.pps;
    if (rate.answered(attempt, performance.now()) !== before) basePacer.setRate?.(rate.pps);
  };
  // Adaptive timing (../sweep-timing.ts): network probes by the RTT of the first answers,
  // SNMP by its agents' answers (with a higher floor: agents take time to answer).
  const timing = createSweepTiming({ timeoutMs: o.timeoutMs, retries: o.retries, minTimeoutMs: LIVENESS_MIN_TIMEOUT_MS });
  const snmpTiming = createSweepTiming({ timeoutMs: o.timeoutMs, retries: o.retries, minTimeoutMs: SNMP_MIN_TIMEOUT_MS });
  // The one pacer of the job: counts what it lets out.
  const pacer: Pacer = {
    get ratePerSec() {
      return basePacer.ratePerSec;
    },
    get waiting() {
      return basePacer.waiting;
    },
    acquire: async (s) => {
      await basePacer.acquire(s);
      counters.packets++;
    },
  };
  const snmpCredentials = d.credentials.map((c) => c.credential);
  const useSnmp = methods.has('snmp') && snmpCredentials.length > 0;
  const isSelf = d.isSelf ?? isLocalAddress;
  // SNMP requests in flight: enough to keep up with the rate while each waits up to the timeout
  // (most hosts of a big sweep have no agent and answer nothing), within [512, 4096].
  const snmpSlots = createSemaphore(Math.max(512, Math.min(4096, Math.ceil((ceilingPps * o.timeoutMs) / 1000))));
  const dnsSlots = createSemaphore(32);
  const background = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    background.add(p);
    void p.finally(() => background.delete(p));
  };

  // --- hosts ---------------------------------------------------------------------------------

  function build(s: HostState, macVendor: string | null): DiscoveryHost {
    const h = s.host;
    const snmp = s.snmp;
    const c = classify({ sysObjectID: snmp?.sysObjectID, sysDescr: snmp?.sysDescr, sysServices: snmp?.sysServices, openPorts: h.openPorts, macVendor, evidence: s.evidence });
    const inventory = inventoryOf(s.evidence);
    const cred = snmp ? d.credentials[snmp.credentialIndex] : undefined;
    const typed = d.plan.hostnamesOf(h.address);
    const hostnames = [...new Set([...s.reverse, ...typed])];
    const template = snmp ? pickTemplate(d.templates(), snmp.sysObjectID ?? '', snmp.sysDescr ?? '', d.fallbackTemplateId, { osFamily: c.family, os: c.os, vendor: c.vendor, type: c.type }) : null;
    const snmpStatus = s.snmpStatus ?? (useSnmp ? undefined : notTriedStatus(methods.has('snmp')));
    return {
      ...h,
      ...(snmpStatus ? { snmpStatus } : {}),
      ...(isSelf(h.address) ? { self: true } : {}),
      name: snmp?.sysName ?? s.reverse[0] ?? typed[0] ?? h.address,
      hostnames,
      macVendor,
      sysName: snmp?.sysName ?? null,
      sysDescr: snmp?.sysDescr ?? null,
      sysObjectID: snmp?.sysObjectID ?? null,
      sysUpTimeSec: snmp?.sysUpTimeSec ?? null,
      sysContact: snmp?.sysContact ?? null,
      sysLocation: snmp?.sysLocation ?? null,
      sysServices: snmp?.sysServices ?? null,
      snmpVersion: snmp?.version ?? null,
      credentialId: cred?.id ?? null,
      credentialLabel: cred?.label ?? null,
      type: c.type,
      vendor: c.vendor,
      model: c.model ?? inventory.model,
      serial: inventory.serial,
      firmware: inventory.firmware,
      hardwareRev: inventory.hardwareRev,
      os: c.os,
      osVersion: c.osVersion,
      confidence: c.confidence,
      reasons: c.reasons,
      templateId: template?.templateId ?? null,
      templateName: template?.name ?? null,
      updatedAt: d.now(),
    };
  }

  function publish(s: HostState, change: 'found' | 'updated'): void {
    const wasClassified = change === 'updated' && s.host.type !== 'unknown';
    s.host = build(s, s.host.macVendor);
    const isClassified = s.host.type !== 'unknown';
    if (isClassified !== wasClassified) counters.classified += isClassified ? 1 : -1;
    d.onHost(s.host, change);
  }

  function markAlive(address: string, method: DiscoveryMethod, rttMs: number | null, openPorts: readonly number[] = []): void {
    if (signal.aborted) return;
    const existing = hosts.get(address);
    if (existing) {
      const h = existing.host;
      if (!h.foundBy.includes(method)) h.foundBy = [...h.foundBy, method];
      if (rttMs !== null && (h.rttMs === null || rttMs < h.rttMs)) h.rttMs = Math.round(rttMs * 100) / 100;
      if (openPorts.length) h.openPorts = [...new Set([...h.openPorts, ...openPorts])].sort((a, b) => a - b);
      publish(existing, 'updated');
      return;
    }
    const s: HostState = {
      host: {
        address,
        family: address.includes(':') ? 6 : 4,
        foundBy: [method],
        name: address,
        hostnames: [],
        mac: null,
        macVendor: null,
        rttMs: rttMs === null ? null : Math.round(rttMs * 100) / 100,
        openPorts: [...openPorts],
        sysName: null,
        sysDescr: null,
        sysObjectID: null,
        sysUpTimeSec: null,
        sysContact: null,
        sysLocation: null,
        sysServices: null,
        snmpVersion: null,
        credentialId: null,
        credentialLabel: null,
        type: 'unknown',
        vendor: null,
        model: null,
        os: null,
        osVersion: null,
        confidence: 0,
        reasons: [],
        templateId: null,
        templateName: null,
        deviceId: d.deviceIdOf(address),
        updatedAt: d.now(),
      },
      snmp: null,
      evidence: null,
      reverse: [],
    };
    hosts.set(address, s);
    counters.alive++;
    publish(s, 'found');
    if (useSnmp) track(snmpStep(s));
    if (o.reverseDns) track(dnsStep(s));
  }

  async function snmpStep(s: HostState): Promise<void> {
    let release: (() => void) | undefined;
    try {
      release = await snmpSlots.acquire(signal);
      const a = s.host.address;
      const deadline = (sentAt: number) => adaptiveDeadline(sentAt, () => snmpTiming.timeoutFor(a));
      const group = await snmpSystemGroup(d.snmp(), a, snmpCredentials, {
        // One credential: the configured timeout, cut by the adaptive deadline; several: the
        // estimate now (snmp-system gives a multi-credential search no deadline).
        timeoutMs: snmpCredentials.length === 1 ? o.timeoutMs : snmpTiming.timeoutFor(a),
        deadline,
        retries: timing.resends(a),
        pacer,
        signal,
        onRtt: (ms) => snmpTiming.answered(a, ms, 0),
      });
      if (group.kind === 'cancelled' || signal.aborted) return;
      if (group.kind !== 'answered') {
        s.snmpStatus = silenceStatus(group, d.credentials.map((c) => ({ label: c.label, version: c.credential.version })));
        publish(s, 'updated');
        return;
      }
      s.snmp = group;
      s.snmpStatus = answeredStatus(d.credentials[group.credentialIndex]?.label ?? 'a credential');
      if (!s.host.foundBy.includes('snmp')) s.host.foundBy = [...s.host.foundBy, 'snmp'];
      // The evidence round, in the same slot (the same concurrency as the system group), with the
      // credential that answered and the same timing; the host is published once, with it.
      const credential = d.credentials[group.credentialIndex]?.credential;
      if (credential) {
        // The OS families' extra tests for this system group ride in the same requests.
        const probes = familyProbes(shippedRules().families, group.sysObjectID, group.sysDescr);
        const ev = await snmpEvidence(d.snmp(), a, credential, { timeoutMs: o.timeoutMs, deadline, retries: timing.resends(a), pacer, signal, probes });
        if (signal.aborted) return;
        s.evidence = probes.length ? { ...ev.evidence, familyValues: ev.values } : ev.evidence;
        const st = counters.evidence;
        st.hosts++;
        st.requests += ev.requests;
        st.totalMs += ev.ms;
        st.maxMs = Math.max(st.maxMs, ev.ms);
      }
      publish(s, 'updated');
      // A switch or router: its neighbours, forwarding, VLAN and ARP tables, paced like the rest.
      if (credential && d.onL2 && wantsL2(s.host, s.evidence)) {
        const snapshot = await scanL2(d.snmp(), a, credential, { pacer, signal, timeoutMs: o.timeoutMs, retries: timing.resends(a), now: d.now });
        if (snapshot && !signal.aborted) {
          s.l2 = snapshot;
          d.onL2(a, snapshot);
        }
      }
    } catch {
      // Cancelled while waiting: nothing to record.
    } finally {
      release?.();
    }
  }

  async function dnsStep(s: HostState): Promise<void> {
    let release: (() => void) | undefined;
    try {
      release = await dnsSlots.acquire(signal);
      const names = await d.reverseLookup(s.host.address);
      if (names.length === 0 || signal.aborted) return;
      s.reverse = names;
      publish(s, 'updated');
    } catch {
      // Cancelled.
    } finally {
      release?.();
    }
  }

  // --- liveness: ICMP, then TCP for the silent ----------------------------------------------

  /** Liveness probes still to finish per address; an address is done when it reaches 0. */
  const pending = new Map<string, number>();
  const finishProbe = (address: string): void => {
    const n = (pending.get(address) ?? 1) - 1;
    if (n <= 0) {
      pending.delete(address);
      counters.done++;
    } else pending.set(address, n);
  };

  /**
   * One echo that waits as long as its subnet's estimate says now, not when it was sent: an echo
   * that left before the first answers (with the configured timeout) stops waiting once they show
   * the subnet is fast.
   */
  async function adaptiveEcho(pinger: Pinger, address: string): Promise<EchoOutcome> {
    const ac = new AbortController();
    const onAbort = (): void => ac.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const deadline = adaptiveDeadline(performance.now(), () => timing.timeoutFor(address));
    let expired = false;
    void deadline.expired.then(() => {
      expired = true;
      ac.abort();
    });
    try {
      const outcome = await pinger.echo(address, { timeoutMs: o.timeoutMs, signal: ac.signal });
      return expired && outcome.status === 'cancelled' && !signal.aborted ? { status: 'timeout' } : outcome;
    } finally {
      deadline.cancel();
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function icmpSweep(onSilent: (address: string) => void): Promise<void> {
    const pinger = d.pinger!;
    const inFlight = new Set<Promise<void>>();
    const probe = async (address: string): Promise<void> => {
      let retries = o.retries;
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) {
          try {
            await pacer.acquire(signal);
          } catch {
            return;
          }
        }
        const outcome = await adaptiveEcho(pinger, address);
        if (outcome.status === 'cancelled' || signal.aborted) return;
        if (outcome.status === 'reply') {
          answered(address, outcome.rttMs, attempt);
          markAlive(address, 'icmp', outcome.rttMs);
          finishProbe(address);
          return;
        }
        // An ICMP error from a router (host unreachable) is an answer: no use resending.
        if (outcome.status === 'unreachable') break;
        // Resend only where loss shows (or nothing is known yet).
        if (attempt === 0) retries = timing.retriesFor(address);
      }
      onSilent(address);
    };
    for (const address of d.plan.addresses()) {
      try {
        await pacer.acquire(signal);
      } catch {
        break;
      }
      pending.set(address, (pending.get(address) ?? 0) + 1);
      const p = probe(address);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
  }

  async function tcpSweep(addresses: AsyncIterable<string> | Iterable<string>, ports: readonly number[], onResult = (r: TcpHostResult): void => {
    if (r.alive) markAlive(r.address, 'tcp', r.rttMs, r.openPorts);
    finishProbe(r.address);
  }): Promise<void> {
    // Enough connections in flight to keep the rate up while each waits up to the timeout.
    const concurrency = Math.max(64, Math.min(4096, Math.ceil(((ceilingPps * o.timeoutMs) / 1000) * 1.5)));
    const prober = createTcpProber({ pacer, concurrency, ...(d.connect ? { connect: d.connect } : {}) });
    const probe = { ports, timeoutMs: o.timeoutMs, retries: o.retries, timeoutFor: timing.timeoutFor, retriesFor: timing.resends, signal };
    for await (const r of prober.sweep(addresses, probe)) {
      const answeredOn = r.ports.filter((p) => p.state === 'open' || p.state === 'closed');
      if (answeredOn.length) answered(r.address, r.rttMs, Math.min(...answeredOn.map((p) => p.attempts - 1)));
      onResult(r);
    }
  }

  /** ICMP first; each silent address goes on by the rules of the header (ARP gate, routed sets). */
  async function icmpThenTcp(): Promise<void> {
    const full = createChannel<string>();
    const first = ROUTED_FIRST_PORTS.filter((p) => o.tcpPorts.includes(p));
    const rest = o.tcpPorts.filter((p) => !first.includes(p));
    const routedFirst = createChannel<string>();
    const routedRest = createChannel<string>();
    const readStates = d.neighborStates ?? (d.neighbors ? null : () => readNeighborStates());
    const onLink = d.onLink ?? onLinkMatcher(localNetworks());
    // The table before the first probe (one read, a few ms): what resolves after it was answered during the sweep.
    const baseline = readStates ? await readStates().catch(() => null) : null;
    const gate = readStates
      ? createArpGate({
          read: readStates,
          baseline,
          sweepAgeSec: () => (performance.now() - startedAt) / 1000,
          onVerdict: (address, verdict) => {
            if (verdict === 'no-host') return finishProbe(address);
            if (verdict === 'answered' && methods.has('arp')) markAlive(address, 'arp', null);
            full.push(address);
          },
        })
      : null;
    const onSilent = (address: string): void => {
      if (gate && onLink(address)) gate.push(address);
      else if (first.length > 0 && !onLink(address)) routedFirst.push(address);
      else full.push(address);
    };
    const icmpDone = icmpSweep(onSilent).finally(async () => {
      routedFirst.close();
      await gate?.close();
      full.close();
    });
    const routedDone = tcpSweep(routedFirst, first, (r) => {
      if (r.alive) {
        markAlive(r.address, 'tcp', r.rttMs, r.openPorts);
        finishProbe(r.address);
      } else if (rest.length > 0) routedRest.push(r.address);
      else finishProbe(r.address);
    }).finally(() => routedRest.close());
    await Promise.all([icmpDone, tcpSweep(full, o.tcpPorts), routedDone, tcpSweep(routedRest, rest)]);
  }

  async function liveness(): Promise<void> {
    const icmp = methods.has('icmp') && d.pinger !== null;
    const tcp = methods.has('tcp');
    if (icmp && tcp && o.tcpAllHosts) {
      // Both on every address: each address is done when both have finished.
      const tcpAddresses = function* (): Generator<string> {
        for (const a of d.plan.addresses()) {
          pending.set(a, (pending.get(a) ?? 0) + 1);
          yield a;
        }
      };
      await Promise.all([icmpSweep((a) => finishProbe(a)), tcpSweep(tcpAddresses(), o.tcpPorts)]);
    } else if (icmp && tcp) {
      await icmpThenTcp();
    } else if (icmp) {
      await icmpSweep((a) => finishProbe(a));
    } else if (tcp) {
      const all = function* (): Generator<string> {
        for (const a of d.plan.addresses()) {
          pending.set(a, 1);
          yield a;
        }
      };
      await tcpSweep(all(), o.tcpPorts);
    } else {
      // Neighbour table and/or SNMP only: every address is "decided" by those.
      counters.done = counters.total;
    }
  }

  async function neighbourStep(): Promise<void> {
    const sweepAgeSec = (performance.now() - startedAt) / 1000;
    const list = d.neighbors ? await d.neighbors() : (await readNeighbors()).neighbors;
    const inPlan = list.filter((n) => d.plan.contains(n.address));
    if (inPlan.length === 0) return;
    const oui = await loadOui();
    for (const n of inPlan) {
      if (signal.aborted) return;
      const s = hosts.get(n.address);
      if (!s && methods.has('arp') && answeredDuringSweep(n, sweepAgeSec)) {
        markAlive(n.address, 'arp', null);
      }
      const t = hosts.get(n.address);
      if (!t || t.host.mac === n.mac) continue;
      t.host.mac = n.mac;
      t.host.macVendor = oui.vendorOf(n.mac) ?? null;
      if (methods.has('arp') && !t.host.foundBy.includes('arp') && answeredDuringSweep(n, sweepAgeSec)) t.host.foundBy = [...t.host.foundBy, 'arp'];
      publish(t, 'updated');
    }
  }

  /** The routers' ARP tables (read in the SNMP step) give MACs and vendors to hosts behind them. */
  async function arpStep(): Promise<void> {
    const macs = arpMacs([...hosts.values()].flatMap((s) => (s.l2 ? [s.l2] : [])));
    if (macs.size === 0) return;
    const oui = await loadOui();
    for (const s of hosts.values()) {
      const mac = s.host.mac ? undefined : macs.get(s.host.address);
      if (!mac || signal.aborted) continue;
      s.host.mac = mac;
      s.host.macVendor = oui.vendorOf(mac) ?? null;
      publish(s, 'updated');
    }
  }

  async function drain(phase: JobProgress['phase']): Promise<void> {
    counters.phase = phase;
    while (background.size > 0 && !signal.aborted) {
      const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([Promise.all([...background]), aborted]);
    }
  }

  let startedAt = performance.now();
  return {
    progress: () => ({ ...counters, evidence: { ...counters.evidence }, ratePps: rate.pps, peakRatePps: rate.peakPps }),
    async run() {
      startedAt = performance.now();
      await liveness();
      if (signal.aborted) return 'cancelled';
      counters.done = counters.total;
      counters.phase = 'neighbors';
      try {
        await neighbourStep();
      } catch {
        // The neighbour table is an extra: a failure to read it is not a failed job.
      }
      if (signal.aborted) return 'cancelled';
      await drain(useSnmp ? 'snmp' : 'dns');
      if (signal.aborted) return 'cancelled';
      await arpStep();
      counters.phase = 'done';
      return 'finished';
    },
  };
}
