/**
 * `wardflux neighbors|fdb|arp|vlans TARGET [SNMP flags]`: read one switch or router now (no data
 * directory), one line per row in the Net-SNMP/Netdisco habit: MACs as aa:bb:cc:dd:ee:ff, ports by
 * name; what the agent got wrong goes to stderr as notes. `wardflux whereis MAC|IP`: where a host
 * is plugged in, over the stored snapshots of the monitored switches (main/l2/whereis.ts).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { unwrap } from '../api/dispatcher.ts';
import { TimeoutError } from '../errors.ts';
import type { L2Note, L2Snapshot, WhereisResult } from '../api/l2.ts';
import type { L2Part } from '../l2/read-l2.ts';
import type { CliContext, RegisterCommands } from './cli-context.ts';
import { type CliIo, formatTable, printJson } from './output.ts';
import { addSnmpFlags, credentialFromFlags, maxRepetitions, type SnmpCliOptions, withSecrets } from './snmp-command.ts';
import { stdinSecrets } from './secret-input.ts';

type Kind = 'neighbors' | 'fdb' | 'arp' | 'vlans';

/** 10,11,12,13,20 → '10-13,20'. */
export function vlanRanges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] as number;
    out.push(end === start ? String(start) : `${start}-${end}`);
  }
  return out.join(',') || '-';
}

const dash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '-' : String(v));

/** The rows of one kind as text lines (a header, then one line per row). */
export function formatL2(kind: Kind, s: L2Snapshot, vendorOf: (mac: string) => string | undefined = () => undefined): string {
  switch (kind) {
    case 'neighbors':
      return formatTable(
        ['LOCAL PORT', 'PROTO', 'NEIGHBOR', 'REMOTE PORT', 'ADDRESS', 'CAPABILITIES', 'PLATFORM'],
        s.neighbors.map((n) => [n.localPort.name, n.protocol, dash(n.sysName ?? n.chassisId), dash(n.portId ?? n.portDescr), dash(n.managementAddresses.join(',')), dash(n.capabilities.join(',')), dash(n.sysDescr?.split(/\r?\n/)[0])]),
      );
    case 'fdb':
      return formatTable(['MAC', 'VLAN', 'PORT', 'STATUS', 'VENDOR'], s.fdb.map((f) => [f.mac, dash(f.vlan), f.port.name, f.status, dash(vendorOf(f.mac))]));
    case 'arp':
      return formatTable(['IP', 'MAC', 'INTERFACE', 'TYPE', 'VENDOR'], s.arp.map((a) => [a.ip, a.mac, dash(a.interface), a.type, dash(vendorOf(a.mac))]));
    case 'vlans': {
      const vlans = formatTable(['VLAN', 'NAME', 'STATUS', 'PORTS'], s.vlans.map((v) => [String(v.id), dash(v.name), dash(v.status), dash(v.ports.map((p) => (v.untaggedPorts.includes(p) ? `${p}(u)` : p)).join(','))]));
      if (s.portVlans.length === 0) return vlans;
      const ports = formatTable(['PORT', 'PVID', 'MODE', 'TAGGED', 'UNTAGGED'], s.portVlans.map((p) => [p.port.name, dash(p.pvid), dash(p.mode), vlanRanges(p.tagged), vlanRanges(p.untagged)]));
      return `${vlans}\n\n${ports}`;
    }
  }
}

const formatNote = (n: L2Note) => `note: ${n.table}: ${n.message}`;

interface L2Flags extends SnmpCliOptions {
  vlan?: number;
}

const PARTS: Record<Kind, L2Part> = { neighbors: 'neighbors', fdb: 'fdb', arp: 'arp', vlans: 'vlans' };

async function readLive(kind: Kind, target: string, o: L2Flags, ctx: CliContext): Promise<void> {
  const json = ctx.globals().json || o.json === true;
  const [lib, { readL2Snapshot }, { createSessionWalker }, { loadOui }] = await Promise.all([import('../snmp/index.ts'), import('../l2/read-l2.ts'), import('../l2/session-walker.ts'), import('../discovery/oui.ts')]);
  const credential = credentialFromFlags(await withSecrets(o, stdinSecrets(ctx.io)), lib);
  const reps = maxRepetitions(o);
  const timeoutMs = Math.round(o.timeout * 1000);
  const client = lib.createSnmpClient({ sockets: 1, defaults: { timeoutMs, retries: 0, maxRepetitions: reps } });
  try {
    const session = await client.session(target, credential);
    const walker = createSessionWalker({ session, open: (c) => client.session(target, c), timeoutMs, retries: o.retries, maxRepetitions: reps, maxRequests: 20_000 });
    const snapshot = await readL2Snapshot(walker, { address: target, parts: [PARTS[kind]] });
    const failed = snapshot.notes.find((n) => n.code === 'read-failed');
    if (snapshot.stats.varbinds === 0 && failed) throw new TimeoutError(`${target} did not answer (${failed.message.replace(/^\S+:\d+: /, '')}): check the address, the ${credential.version === '3' ? 'SNMPv3 user and passphrases' : 'community'}, -t and -r`);
    if (o.vlan !== undefined) snapshot.fdb = snapshot.fdb.filter((f) => f.vlan === o.vlan);
    if (json) {
      const rows = { neighbors: { neighbors: snapshot.neighbors }, fdb: { fdb: snapshot.fdb }, arp: { arp: snapshot.arp }, vlans: { vlans: snapshot.vlans, ports: snapshot.portVlans } }[kind];
      return printJson(ctx.io, { address: target, sysName: snapshot.sysName, readAt: snapshot.readAt, ...rows, notes: snapshot.notes });
    }
    const oui = kind === 'fdb' || kind === 'arp' ? await loadOui() : null;
    ctx.io.out(formatL2(kind, snapshot, oui ? (m) => oui.vendorOf(m) : undefined));
    for (const n of snapshot.notes) if (n.code !== 'absent' || rowsOf(kind, snapshot) === 0) ctx.io.err(formatNote(n));
  } finally {
    client.close();
  }
}

const rowsOf = (kind: Kind, s: L2Snapshot): number => ({ neighbors: s.neighbors.length, fdb: s.fdb.length, arp: s.arp.length, vlans: s.vlans.length })[kind];

/** The answer of `whereis` as text: the verdict line, then every port it was seen on. */
export function formatWhereis(r: WhereisResult): string {
  const who = `${r.mac ?? r.query}${r.vendor ? ` (${r.vendor})` : ''}${r.ips.length ? ` ${r.ips.join(', ')}` : ''}`;
  const verdict = r.best ? `${who} is on ${r.best.deviceName} ${r.best.port.name}${r.best.vlan === null ? '' : `, VLAN ${r.best.vlan}`}` : `${who}: no edge port found`;
  const lines = [verdict];
  if (r.candidates.length) {
    lines.push(
      formatTable(
        ['SWITCH', 'PORT', 'VLAN', 'MACS', 'ROLE'],
        r.candidates.map((c) => [c.deviceName, c.port.name, dash(c.vlan), String(c.macsOnPort), c.uplink ? `uplink (${c.uplink})` : 'edge']),
      ),
    );
  }
  return lines.join('\n');
}

async function whereisCommand(query: string, ctx: CliContext, io: CliIo): Promise<void> {
  await ctx.withEngine(async (engine) => {
    const r = await unwrap(engine.api.call('l2.whereis', { query }, { transport: 'cli' }));
    if (ctx.globals().json) return printJson(io, r);
    io.out(formatWhereis(r));
    for (const n of r.notes) io.err(`note: ${n}`);
  });
}

function vlanId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4094) throw new InvalidArgumentError('must be a VLAN id 1-4094');
  return n;
}

const TARGET_HELP = 'switch or router address or host name, optionally :port';

export const registerL2Commands: RegisterCommands = (program: Command, ctx: CliContext) => {
  const live: [Kind, string][] = [
    ['neighbors', 'LLDP and CDP neighbours of a switch, per local port'],
    ['fdb', 'the forwarding table of a switch: MAC, VLAN, port (Q-BRIDGE, BRIDGE-MIB, Cisco per-VLAN community@vlan)'],
    ['arp', 'the ARP table of a router or L3 switch (IP-MIB)'],
    ['vlans', 'VLANs of a switch and each port\'s PVID, tagged and untagged VLANs'],
  ];
  for (const [kind, description] of live) {
    const cmd = addSnmpFlags(program.command(kind).description(description).argument('<target>', TARGET_HELP));
    if (kind === 'fdb') cmd.option('--vlan <id>', 'only this VLAN', vlanId);
    cmd.action((target: string, o: L2Flags) => readLive(kind, target, o, ctx));
  }
  program
    .command('whereis')
    .description('where a MAC or IP is plugged in: switch, port and VLAN, from the monitored switches\' forwarding tables (IPs through the routers\' ARP tables)')
    .argument('<mac|ip>', 'aa:bb:cc:dd:ee:ff (any common notation) or an IP address')
    .option('--json', 'machine-readable JSON output')
    .action((query: string, o: { json?: boolean }) => {
      if (o.json) program.setOptionValue('json', true);
      return whereisCommand(query, ctx, ctx.io);
    });
};
