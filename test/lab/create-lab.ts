/**
 * `createLab(spec)`: a lab network namespace (`wfl-NAME`) holding the lab hosts as /32 addresses
 * on its veth end, a probe side (`wfp-NAME`, or the root namespace with `probe: 'root'`) holding
 * 198.18.N.1/24 on the other end, a real snmpd per SNMP host, an optional ICMP responder for
 * impairment, an optional big locally-answered range, and `lab.destroy()` to remove it all.
 */
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_RANGE_BLOCK, ipToInt, labPlan, parseCidr, within } from './addresses.ts';
import { exec, run, type ExecOptions, type ExecResult } from './exec.ts';
import { startIcmpResponder, type IcmpResponder } from './icmp-responder-client.ts';
import { labAvailable } from './lab-available.ts';
import { claimSubnet, saveState, sweepStale, teardownSync, type LabState } from './lab-registry.ts';
import type { Impairment, LabHostSpec, LabSpec, SnmpAgentSpec } from './lab-spec.ts';
import { startSnmpd, waitSnmpdReady, type SnmpdAgent } from './snmpd-agent.ts';
import { buildRouterChain, CHAIN_FIRST_OCTET, type RouterChain } from './router-chain.ts';

/** A running lab. Every method that changes the lab acts inside the lab namespace only. */
export interface Lab {
  /** The lab's name: namespaces are `wfl-NAME` and (unless probe is 'root') `wfp-NAME`. */
  readonly name: string;
  readonly labNamespace: string;
  /** null when the probe side is the root namespace. */
  readonly probeNamespace: string | null;
  /** N of 198.18.N.0/24. */
  readonly subnet: number;
  /** The lab /24, e.g. '198.18.7.0/24'. */
  readonly prefix: string;
  /** The probe side's address, 198.18.N.1. */
  readonly probeAddress: string;
  /** Host name → address. */
  readonly hosts: Readonly<Record<string, string>>;
  /** The locally-answered big range, if asked for. */
  readonly localRange: string | null;
  /** Configs, logs and persistent dirs of the daemons (removed by destroy unless WFL_KEEP=1). */
  readonly tempDir: string;
  /** Runs a command inside the lab namespace. Resolves with its exit code; never throws on it. */
  execInLab(cmd: string, args: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Runs a command on the probe side (probe namespace, or directly in root-probe mode). */
  execInProbe(cmd: string, args: string[], options?: ExecOptions): Promise<ExecResult>;
  /** argv that runs `cmd args` on the probe side, for long-running `spawn`s (argv[0] is the program). */
  probeArgv(cmd: string, args: string[]): string[];
  /** Removes the host's address: it stops answering anything (its snmpd keeps running). */
  hostDown(name: string): Promise<void>;
  /** Puts the host's address back. */
  hostUp(name: string): Promise<void>;
  /** Drops ICMP echo requests to a host (name, or any lab address). */
  blockIcmp(name: string): Promise<void>;
  unblockIcmp(name: string): Promise<void>;
  /** Drops SNMP (udp/161) to a host (name, or any lab address). */
  blockSnmp(name: string): Promise<void>;
  unblockSnmp(name: string): Promise<void>;
  /** Impairs ICMP echo replies of a host (starts the responder on first use). All zero = clear. */
  impair(name: string, impairment: Impairment): Promise<void>;
  /** Stops a host's snmpd (the address stays up: SNMP times out, ping answers). */
  stopAgent(name: string): Promise<void>;
  /** Starts a stopped snmpd again with the same config and waits until it answers. */
  startAgent(name: string): Promise<void>;
  /** PIDs of every daemon the lab started (snmpd and responder), alive or not. */
  daemonPids(): number[];
  /** Path of a host's snmpd log. */
  agentLog(name: string): string;
  /** Removes everything. Safe to call twice. */
  destroy(): Promise<void>;
  /** The routed path of `spec.routers` (router addresses and target), or null. */
  readonly chain: RouterChain | null;
}

const live = new Set<LabState>();
let exitHookInstalled = false;
let counter = 0;

/** Backstop: a test that forgets destroy() (or throws past it) still leaves nothing behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) teardownSync(s);
    live.clear();
  });
}

function validate(spec: LabSpec, name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,23}$/.test(name)) throw new Error(`lab: name must be [a-z0-9-], 1..24 chars: ${JSON.stringify(name)}`);
  const names = new Set<string>();
  const octets = new Set<number>();
  spec.hosts.forEach((h, i) => {
    if (!h.name || names.has(h.name)) throw new Error(`lab: host names must be unique and non-empty (${JSON.stringify(h.name)})`);
    names.add(h.name);
    const octet = h.octet ?? 10 + i;
    if (!Number.isInteger(octet) || octet < 2 || octet > 253 || octets.has(octet) || (spec.routers && octet >= CHAIN_FIRST_OCTET)) throw new Error(`lab: host ${h.name}: octet ${octet} must be unique in 2..253`);
    octets.add(octet);
    for (const a of h.snmp?.addresses ?? []) {
      if (!spec.localRange || !/^\d+\.\d+\.\d+\.\d+$/.test(a) || !within(a, spec.localRange)) throw new Error(`lab: host ${h.name}: extra agent address ${a} must lie inside the lab's localRange (${spec.localRange ?? 'none set'})`);
    }
  });
  if (spec.localRange !== undefined) {
    parseCidr(spec.localRange);
    if (!within(spec.localRange, LOCAL_RANGE_BLOCK)) throw new Error(`lab: localRange must lie inside ${LOCAL_RANGE_BLOCK}`);
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Builds a lab; resolves once every snmpd answers. On any failure it tears down what it built. */
export async function createLab(spec: LabSpec): Promise<Lab> {
  const avail = labAvailable();
  if (!avail.ok) throw new Error(`lab: ${avail.reason}`);
  const name = spec.name ?? `p${process.pid}-${++counter}`;
  validate(spec, name);
  sweepStale(name);
  installExitHook();

  const rootProbe = spec.probe === 'root';
  const labNs = `wfl-${name}`;
  const probeNs = rootProbe ? null : `wfp-${name}`;
  const tempDir = mkdtempSync(join(tmpdir(), `wfl-${name}-`));
  const state = claimSubnet(
    { name, ownerPid: process.pid, labNs, probeNs, rootVeth: null, tempDir, pids: [], keepTempDir: process.env.WFL_KEEP === '1' },
    spec.subnet,
  );
  live.add(state);
  const plan = labPlan(state.subnet);
  const hex = state.subnet.toString(16).padStart(2, '0');
  const labVeth = `wfl${state.subnet}l`;
  const probeVeth = `wfl${state.subnet}p`;
  if (rootProbe) {
    state.rootVeth = probeVeth;
    saveState(state);
  }
  const hosts: Record<string, string> = {};
  const hostSpecs = new Map<string, LabHostSpec>();
  spec.hosts.forEach((h, i) => {
    hosts[h.name] = plan.hostAddress(h.octet ?? 10 + i);
    hostSpecs.set(h.name, h);
  });
  const agents = new Map<string, SnmpdAgent>();
  let responder: IcmpResponder | null = null;
  let responderStarting: Promise<IcmpResponder> | null = null;
  let destroying: Promise<void> | null = null;
  const readyTimeoutMs = spec.readyTimeoutMs ?? 15_000;
  let chain: RouterChain | null = null;

  const inLab = (cmd: string, args: string[], o?: ExecOptions): Promise<ExecResult> => exec('ip', ['netns', 'exec', labNs, cmd, ...args], o);
  const probeArgv = (cmd: string, args: string[]): string[] => (probeNs ? ['ip', 'netns', 'exec', probeNs, cmd, ...args] : [cmd, ...args]);
  const inProbe = (cmd: string, args: string[], o?: ExecOptions): Promise<ExecResult> => {
    const [c, ...a] = probeArgv(cmd, args);
    return exec(c!, a, o);
  };
  const ipBatch = (ns: string | null, lines: string[]): Promise<string> =>
    run('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], { input: `${lines.join('\n')}\n` });

  /** A host name, or any address of this lab (its /24 or its local range). */
  const resolve = (nameOrAddress: string): string => {
    const addr = hosts[nameOrAddress];
    if (addr) return addr;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(nameOrAddress) && (within(nameOrAddress, plan.prefix) || (spec.localRange && within(nameOrAddress, spec.localRange)))) {
      return nameOrAddress;
    }
    throw new Error(`lab: no host or lab address ${JSON.stringify(nameOrAddress)} in lab ${name}`);
  };

  const iptables = async (action: 'block' | 'unblock', rule: string[]): Promise<void> => {
    const check = async (): Promise<boolean> => (await inLab('iptables', ['-w', '-C', 'INPUT', ...rule])).code === 0;
    if (action === 'block') {
      if (!(await check())) await run('ip', ['netns', 'exec', labNs, 'iptables', '-w', '-I', 'INPUT', ...rule]);
    } else {
      while (await check()) await run('ip', ['netns', 'exec', labNs, 'iptables', '-w', '-D', 'INPUT', ...rule]);
    }
  };
  const icmpRule = (a: string): string[] => ['-d', a, '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'DROP'];
  const snmpRule = (a: string): string[] => ['-d', a, '-p', 'udp', '--dport', '161', '-j', 'DROP'];

  const ensureResponder = async (): Promise<IcmpResponder> => {
    if (responder) return responder;
    responderStarting ??= (async () => {
      const r = await startIcmpResponder(labNs, spec.seed ?? 1, join(tempDir, 'icmp-responder.log'));
      state.pids.push(r.pid);
      saveState(state);
      // Only now silence the kernel: between the two, echo is answered twice rather than never.
      await run('ip', ['netns', 'exec', labNs, 'sysctl', '-q', '-w', 'net.ipv4.icmp_echo_ignore_all=1']);
      responder = r;
      return r;
    })();
    return responderStarting;
  };

  const launchAgent = (host: string, snmp: SnmpAgentSpec): SnmpdAgent => {
    const agent = startSnmpd(labNs, name, plan.prefix, tempDir, host, hosts[host]!, snmp);
    agents.set(host, agent);
    if (agent.child.pid !== undefined) state.pids.push(agent.child.pid);
    saveState(state);
    return agent;
  };

  const lab: Lab = {
    name,
    labNamespace: labNs,
    probeNamespace: probeNs,
    subnet: state.subnet,
    prefix: plan.prefix,
    probeAddress: plan.probeAddress,
    hosts,
    localRange: spec.localRange ?? null,
    tempDir,
    get chain() {
      return chain;
    },
    execInLab: inLab,
    execInProbe: inProbe,
    probeArgv,
    async hostDown(host) {
      const r = await exec('ip', ['-n', labNs, 'addr', 'del', `${resolve(host)}/32`, 'dev', labVeth]);
      if (r.code !== 0 && !/Cannot assign/i.test(r.stderr)) throw new Error(`lab: hostDown ${host}: ${r.stderr.trim()}`);
    },
    async hostUp(host) {
      const r = await exec('ip', ['-n', labNs, 'addr', 'add', `${resolve(host)}/32`, 'dev', labVeth]);
      if (r.code !== 0 && !/exists/i.test(r.stderr)) throw new Error(`lab: hostUp ${host}: ${r.stderr.trim()}`);
    },
    blockIcmp: (host) => iptables('block', icmpRule(resolve(host))),
    unblockIcmp: (host) => iptables('unblock', icmpRule(resolve(host))),
    blockSnmp: (host) => iptables('block', snmpRule(resolve(host))),
    unblockSnmp: (host) => iptables('unblock', snmpRule(resolve(host))),
    async impair(host, impairment) {
      const addr = resolve(host);
      const r = await ensureResponder();
      if (!impairment.lossPct && !impairment.delayMs && !impairment.jitterMs) await r.clear(addr);
      else await r.impair(addr, impairment);
    },
    async stopAgent(host) {
      const agent = agents.get(host);
      if (!agent) throw new Error(`lab: host ${host} has no snmpd`);
      agent.child.kill('SIGTERM');
      await waitExit(agent.child, 5_000);
      if (agent.child.exitCode === null && agent.child.signalCode === null) {
        agent.child.kill('SIGKILL');
        await waitExit(agent.child, 5_000);
      }
    },
    async startAgent(host) {
      const snmp = hostSpecs.get(host)?.snmp;
      if (!snmp) throw new Error(`lab: host ${host} has no snmpd`);
      const old = agents.get(host);
      if (old && old.child.exitCode === null && old.child.signalCode === null) return;
      const agent = launchAgent(host, snmp);
      await waitSnmpdReady(agent, snmp, (c, a) => inProbe(c, a), Date.now() + readyTimeoutMs);
    },
    daemonPids: () => [...state.pids],
    agentLog(host) {
      const agent = agents.get(host);
      if (!agent) throw new Error(`lab: host ${host} has no snmpd`);
      return agent.logPath;
    },
    destroy() {
      destroying ??= (async () => {
        const children = [...agents.values()].map((a) => a.child);
        if (responderStarting) {
          const r = await responderStarting.catch(() => null);
          if (r) children.push(r.child);
        }
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
        await Promise.all(children.map((c) => waitExit(c, 5_000)));
        teardownSync(state);
        live.delete(state);
      })();
      return destroying;
    },
  };

  try {
    await run('ip', ['netns', 'add', labNs]);
    if (probeNs) await run('ip', ['netns', 'add', probeNs]);
    await run('ip', [
      'link', 'add', labVeth, 'address', `02:77:66:6c:${hex}:01`, 'netns', labNs,
      'type', 'veth', 'peer', 'name', probeVeth, 'address', `02:77:66:6c:${hex}:02`, ...(probeNs ? ['netns', probeNs] : []),
    ]);
    // No IPv6 anywhere in the lab: no router solicitations, no link-local routes on the probe side.
    const noV6 = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'];
    await exec('ip', ['netns', 'exec', labNs, 'sysctl', '-q', '-w', ...noV6, 'net.ipv4.icmp_ratelimit=0']);
    if (probeNs) await exec('ip', ['netns', 'exec', probeNs, 'sysctl', '-q', '-w', ...noV6]);
    else await exec('sysctl', ['-q', '-w', `net.ipv6.conf.${probeVeth}.disable_ipv6=1`]);

    await ipBatch(labNs, [
      'link set lo up',
      `link set ${labVeth} up`,
      ...Object.values(hosts).map((a) => `addr add ${a}/32 dev ${labVeth}`),
      // Hosts are /32s, so the way back to the probe side is this device route.
      `route add ${plan.prefix} dev ${labVeth}`,
      ...(spec.localRange ? [`route add local ${spec.localRange} dev lo`] : []),
    ]);
    await ipBatch(probeNs, [
      ...(probeNs ? ['link set lo up'] : []),
      `link set ${probeVeth} up`,
      `addr add ${plan.probeAddress}/24 dev ${probeVeth}`,
      // The big range goes via a next hop pinned to the lab veth's MAC: one neighbour entry
      // instead of one per swept address; the next hop itself stays an empty address.
      ...(spec.localRange
        ? [`neigh replace ${plan.gateway} lladdr 02:77:66:6c:${hex}:01 dev ${probeVeth} nud permanent`, `route add ${spec.localRange} via ${plan.gateway} dev ${probeVeth}`]
        : []),
    ]);

    if (spec.routers) {
      state.extraNs = [`wfr1-${name}`, `wfr2-${name}`];
      saveState(state);
      chain = await buildRouterChain({ name, subnet: state.subnet, labNs, probeNs, routers: spec.routers });
    }

    if (spec.dropAddresses?.length) {
      const lines = ['*filter', ':WFL-DROP - [0:0]', '-A INPUT -j WFL-DROP'];
      for (const a of spec.dropAddresses) {
        ipToInt(a);
        lines.push(`-A WFL-DROP -d ${resolve(a)}/32 -j DROP`);
      }
      lines.push('COMMIT', '');
      await run('ip', ['netns', 'exec', labNs, 'iptables-restore', '-w', '--noflush'], { input: lines.join('\n') });
    }

    if (spec.icmpResponder || spec.hosts.some((h) => h.impair)) {
      const r = await ensureResponder();
      for (const h of spec.hosts) if (h.impair) await r.impair(hosts[h.name]!, h.impair);
    }

    const deadline = Date.now() + readyTimeoutMs;
    const started = spec.hosts.filter((h) => h.snmp).map((h) => ({ agent: launchAgent(h.name, h.snmp!), snmp: h.snmp! }));
    await Promise.all(started.map(({ agent, snmp }) => waitSnmpdReady(agent, snmp, (c, a) => inProbe(c, a), deadline)));
  } catch (e) {
    await lab.destroy();
    throw e;
  }
  return lab;
}
