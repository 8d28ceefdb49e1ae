/**
 * A small cabled site for the L2 tests: "switches" and hosts, each its own network namespace,
 * joined by veth links (the cables), with Debian's lldpd in every switch (and in hosts that ask)
 * sending LLDP (and CDP with `cdp`) over those links. Each switch also runs Net-SNMP snmpd as
 * AgentX master; lldpd's SNMP subagent (`lldpd -x`) attaches to it through a socket in the site's
 * temp dir, so LLDP-MIB is served from neighbours that really exist. The test process (root
 * namespace) reaches each switch's snmpd over a management link of its own:
 *
 *   root  wl2<N>m<i>  198.18.N.(2i)  ── /32 peers ──  198.18.N.(2i+1)  mgmt   (switch i, i = 1..)
 *   switch ports p1, p2, ... and host port eth0: no addresses (layer 2 only; lldpd runs on them only)
 *
 * The /24 is claimed like createLab's (lab-registry.ts), so a site and labs coexist; teardown
 * stops every daemon by its PID, then deletes the namespaces (the links go with them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../support/until.ts';
import { exec, run, type ExecResult } from './exec.ts';
import { claimSubnet, saveState, sweepStale, teardownSync, type LabState } from './lab-registry.ts';
import { logTail, snmpdConfig } from './snmpd-agent.ts';

export interface SiteNode {
  name: string;
  /** A switch gets snmpd (AgentX master) and lldpd with its subagent; a host gets lldpd only when `lldp`. */
  kind: 'switch' | 'host';
  /**
   * lldpd speaks CDP too (`-cc`: sends CDPv1 even before it hears one). Between two such nodes
   * lldpd keeps the neighbour as learned by CDP (lldpcli: "via: CDPv1"); lldpd serves every
   * neighbour, whatever the protocol, in LLDP-MIB (it has no CISCO-CDP-MIB). (`configure lldp
   * status disabled` stops CDP as well in lldpd 1.0.16: a CDP-only peer cannot be built with it.)
   */
  cdp?: boolean;
  /** Hosts: run lldpd (a station). Switches always do. */
  lldp?: boolean;
}

/** A cable: `a` port `aPort` to `b` port `bPort` (port names are the interface names: p1, eth0). */
export interface SiteLink {
  a: string;
  aPort: string;
  b: string;
  bPort: string;
}

export interface SiteSpec {
  name: string;
  nodes: SiteNode[];
  links: SiteLink[];
}

export interface SiteSwitch {
  name: string;
  namespace: string;
  /** Its snmpd's address (on the management link), community public. */
  address: string;
}

export interface L2Site {
  name: string;
  subnet: number;
  switches: Record<string, SiteSwitch>;
  /** Namespace of every node. */
  namespaces: Record<string, string>;
  tempDir: string;
  /** PIDs of every daemon the site started. */
  daemonPids(): number[];
  /** Runs a command in a node's namespace. */
  execIn(node: string, cmd: string, args: string[]): Promise<ExecResult>;
  /** Waits until every switch's LLDP-MIB lists as many neighbours as it is cabled to (lldpd speakers only). */
  waitForNeighbours(timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

interface Daemon {
  node: string;
  what: string;
  child: ChildProcess;
  logPath: string;
}

const nsOf = (site: string, node: string): string => `wl2-${site}-${node}`;

function spawnIn(ns: string, args: string[], logPath: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const fd = openSync(logPath, 'a');
  const child = spawn('ip', ['netns', 'exec', ns, ...args], { stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  return child;
}

async function stopDaemon(d: Daemon): Promise<void> {
  if (d.child.exitCode !== null || d.child.signalCode !== null) return;
  d.child.kill('SIGTERM');
  const gone = await until(() => d.child.exitCode !== null || d.child.signalCode !== null, 5000, `${d.what} of ${d.node} to exit`).then(
    () => true,
    () => false,
  );
  if (!gone) d.child.kill('SIGKILL');
}

export async function createL2Site(spec: SiteSpec): Promise<L2Site> {
  if (!/^[a-z0-9]{1,6}$/.test(spec.name)) throw new Error('l2 site: name must be 1..6 of [a-z0-9] (interface names are short)');
  const labName = `l2-${spec.name}`;
  sweepStale(labName);
  for (const n of spec.nodes) if (!/^[a-z0-9]{1,6}$/.test(n.name)) throw new Error(`l2 site: node name ${n.name} must be 1..6 of [a-z0-9]`);
  const tempDir = mkdtempSync(join(tmpdir(), `wl2-${spec.name}-`));
  // lldpd runs lldpcli (its -O config) as _lldpd, which must reach the control socket in here. Nothing secret is kept here.
  chmodSync(tempDir, 0o755);
  const namespaces = Object.fromEntries(spec.nodes.map((n) => [n.name, nsOf(spec.name, n.name)]));
  const allNs = Object.values(namespaces);
  const state: LabState = claimSubnet({ name: labName, ownerPid: process.pid, labNs: allNs[0] as string, probeNs: null, rootVeth: null, tempDir, pids: [], keepTempDir: process.env.WFL_KEEP === '1', extraNs: allNs.slice(1) });
  const daemons: Daemon[] = [];
  const switches: Record<string, SiteSwitch> = {};
  const ip = (octet: number) => `198.18.${state.subnet}.${octet}`;
  const track = (d: Daemon) => {
    daemons.push(d);
    if (d.child.pid !== undefined) state.pids.push(d.child.pid);
    saveState(state);
  };
  let destroyed = false;
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    // Every daemon by its PID (lldpd first: its subagent talks to snmpd), then the namespaces.
    for (const d of [...daemons].sort((a, b) => Number(b.what === 'lldpd') - Number(a.what === 'lldpd'))) await stopDaemon(d);
    teardownSync(state);
  };

  try {
    for (const ns of allNs) {
      await run('ip', ['netns', 'add', ns]);
      await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      await run('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    }
    for (const l of spec.links) {
      const nsA = namespaces[l.a];
      const nsB = namespaces[l.b];
      if (!nsA || !nsB) throw new Error(`l2 site: link ${l.a}-${l.b} names an unknown node`);
      await run('ip', ['link', 'add', l.aPort, 'netns', nsA, 'type', 'veth', 'peer', 'name', l.bPort, 'netns', nsB]);
      await run('ip', ['-n', nsA, 'link', 'set', l.aPort, 'up']);
      await run('ip', ['-n', nsB, 'link', 'set', l.bPort, 'up']);
    }
    let i = 0;
    for (const n of spec.nodes) {
      const ns = namespaces[n.name] as string;
      const dir = join(tempDir, n.name);
      mkdirSync(join(dir, 'persist'), { recursive: true });
      chmodSync(dir, 0o755);
      const ports = spec.links.flatMap((l) => [...(l.a === n.name ? [l.aPort] : []), ...(l.b === n.name ? [l.bPort] : [])]);
      let agentx: string | null = null;
      let mgmt: string | null = null;
      if (n.kind === 'switch') {
        i++;
        const rootEnd = `wl2${state.subnet}m${i}`;
        const rootIp = ip(2 * i);
        mgmt = ip(2 * i + 1);
        await run('ip', ['link', 'add', rootEnd, 'type', 'veth', 'peer', 'name', 'mgmt', 'netns', ns]);
        await exec('sysctl', ['-q', '-w', `net.ipv6.conf.${rootEnd}.disable_ipv6=1`]);
        await run('ip', ['addr', 'add', rootIp, 'peer', `${mgmt}/32`, 'dev', rootEnd]);
        await run('ip', ['link', 'set', rootEnd, 'up']);
        await run('ip', ['-n', ns, 'addr', 'add', mgmt, 'peer', `${rootIp}/32`, 'dev', 'mgmt']);
        await run('ip', ['-n', ns, 'link', 'set', 'mgmt', 'up']);
        agentx = join(dir, 'agentx.sock');
        const conf = join(dir, 'snmpd.conf');
        const base = snmpdConfig(n.name, labName, `${rootIp}/32`, { sysName: n.name, sysDescr: `WARD FLUX lab switch ${n.name}`, sysServices: 2 });
        writeFileSync(conf, `${base}master agentx\nagentXSocket unix:${agentx}\nagentXPerms 0600 0700\n`);
        const logPath = join(dir, 'snmpd.log');
        track({ node: n.name, what: 'snmpd', logPath, child: spawnIn(ns, ['snmpd', '-f', '-C', '-c', conf, '-Le', '-I', '-smux', `udp:${mgmt}:161`], logPath, { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), SNMPCONFPATH: dir, MIBS: '' }) });
        switches[n.name] = { name: n.name, namespace: ns, address: mgmt };
        await until(async () => (await exec('snmpget', ['-v2c', '-c', 'public', '-t', '0.3', '-r', '0', '-On', mgmt as string, '1.3.6.1.2.1.1.5.0'])).code === 0, 15_000, `snmpd of ${n.name} to answer (log: ${logTail(logPath)})`, { intervalMs: 100 });
      }
      if (n.kind === 'switch' || n.lldp) {
        const conf = join(dir, 'lldpd.conf');
        writeFileSync(
          conf,
          [`configure system hostname ${n.name}`, `configure system description "WARD FLUX lab ${n.kind} ${n.name}"`, `configure system capabilities enabled ${n.kind === 'switch' ? 'bridge' : 'station'}`, 'configure lldp tx-interval 1', 'configure lldp portidsubtype ifname', ''].join('\n'),
        );
        const args = ['lldpd', '-d', '-u', join(dir, 'lldpd.sock'), '-O', conf, '-I', ports.join(','), ...(mgmt ? ['-m', mgmt] : []), ...(agentx ? ['-x', '-X', agentx] : []), ...(n.cdp ? ['-cc'] : [])];
        const logPath = join(dir, 'lldpd.log');
        track({ node: n.name, what: 'lldpd', logPath, child: spawnIn(ns, args, logPath) });
      }
    }
  } catch (err) {
    await destroy();
    throw err;
  }

  const site: L2Site = {
    name: spec.name,
    subnet: state.subnet,
    switches,
    namespaces,
    tempDir,
    daemonPids: () => daemons.flatMap((d) => (d.child.pid === undefined ? [] : [d.child.pid])),
    execIn: (node, cmd, args) => exec('ip', ['netns', 'exec', namespaces[node] as string, cmd, ...args]),
    async waitForNeighbours(timeoutMs = 20_000) {
      const speaks = new Set(spec.nodes.filter((n) => n.kind === 'switch' || n.lldp).map((n) => n.name));
      for (const sw of Object.values(switches)) {
        const expected = spec.links.filter((l) => (l.a === sw.name && speaks.has(l.b)) || (l.b === sw.name && speaks.has(l.a))).length;
        await until(
          async () => {
            const r = await exec('snmpwalk', ['-v2c', '-c', 'public', '-On', '-t', '0.5', '-r', '0', sw.address, '1.0.8802.1.1.2.1.4.1.1.9']);
            return r.code === 0 && r.stdout.split('\n').filter((l) => l.includes('1.0.8802.1.1.2.1.4.1.1.9.')).length >= expected;
          },
          timeoutMs,
          `${sw.name} to list ${expected} LLDP neighbours`,
          { intervalMs: 250 },
        );
      }
    },
    destroy,
  };
  return site;
}
