/**
 * Pure helpers of the Discovery page: splitting what a technician typed into target entries,
 * TCP port lists, address order, merging live results, the "confirm large scan" decision, and
 * the words for types, methods and phases.
 */
import type {
  DEFAULT_TCP_PORTS as CONTRACT_TCP_PORTS,
  DeviceType,
  DiscoveryHost,
  DiscoveryJob,
  DiscoveryMethod,
  DISCOVERY_LIMITS as CONTRACT_LIMITS,
  ValidateTargetsOutput,
} from '../../main/api/discovery.ts';
import type { DEVICE_TYPE_LABELS as CONTRACT_TYPE_LABELS } from '../../main/api/device-type-labels.ts';

/**
 * Copies of the contract's limits (the renderer may import only types from main/); the
 * `satisfies` checks fail to compile if they drift.
 */
export const LIMITS = {
  maxAddresses: 65_536 satisfies (typeof CONTRACT_LIMITS)['maxAddresses'],
  hardMaxAddresses: 16_777_216 satisfies (typeof CONTRACT_LIMITS)['hardMaxAddresses'],
  defaultRatePps: 500 satisfies (typeof CONTRACT_LIMITS)['defaultRatePps'],
  maxRatePps: 10_000 satisfies (typeof CONTRACT_LIMITS)['maxRatePps'],
  defaultTimeoutMs: 1000 satisfies (typeof CONTRACT_LIMITS)['defaultTimeoutMs'],
  maxCredentials: 16 satisfies (typeof CONTRACT_LIMITS)['maxCredentials'],
  maxTcpPorts: 64 satisfies (typeof CONTRACT_LIMITS)['maxTcpPorts'],
} as const;

/** The contract's DEFAULT_TCP_PORTS, typed as that list so the two cannot drift apart (the renderer imports only types from main/). */
export const DEFAULT_TCP_PORTS: typeof CONTRACT_TCP_PORTS = [22, 23, 80, 443, 445, 3389, 8080, 9100];

export const METHOD_LABELS: Record<DiscoveryMethod, string> = { icmp: 'ICMP', tcp: 'TCP', arp: 'ARP', snmp: 'SNMP' };
/** Every method, in the labels' order (the Record above is checked against the contract's enum). */
export const METHODS = Object.keys(METHOD_LABELS) as readonly DiscoveryMethod[];
export const METHOD_HINTS: Record<DiscoveryMethod, string> = {
  icmp: 'Ping every address',
  tcp: 'Connect to common ports on hosts that drop ping',
  arp: 'Read the neighbour table of on-link subnets',
  snmp: 'Ask every live host for its system group',
};


/** The words for types: a copy of main/api/device-type-labels.ts (reports use that one); `satisfies` fails to compile if they drift. */
export const TYPE_LABELS = {
  router: 'Router',
  switch: 'Switch',
  'l3-switch': 'Layer-3 switch',
  firewall: 'Firewall',
  'wireless-ap': 'Access point',
  'wireless-controller': 'Wireless controller',
  server: 'Server',
  workstation: 'Workstation',
  printer: 'Printer',
  ups: 'UPS',
  storage: 'Storage',
  'ip-phone': 'IP phone',
  camera: 'Camera',
  hypervisor: 'Hypervisor',
  pdu: 'PDU',
  sensor: 'Environment sensor',
  'load-balancer': 'Load balancer',
  'voip-gateway': 'VoIP gateway',
  nas: 'NAS',
  appliance: 'Appliance',
  unknown: 'Unknown',
} as const satisfies typeof CONTRACT_TYPE_LABELS;
/** Every device type, in the labels' order (the Record above is checked against the contract's enum). */
export const DEVICE_TYPES = Object.keys(TYPE_LABELS) as readonly DeviceType[];

type TypeTone = 'network' | 'compute' | 'endpoint' | 'unknown';

/**
 * Colour families of the type badges: what carries traffic, what runs or keeps workloads, and
 * the rest (phones, cameras, printers, the rack's power and environment, dedicated boxes). A Record,
 * so a new type in the contract does not compile until it is given a family.
 */
const TYPE_TONES: Record<DeviceType, TypeTone> = {
  router: 'network',
  switch: 'network',
  'l3-switch': 'network',
  firewall: 'network',
  'wireless-ap': 'network',
  'wireless-controller': 'network',
  'load-balancer': 'network',
  'voip-gateway': 'network',
  server: 'compute',
  workstation: 'compute',
  storage: 'compute',
  hypervisor: 'compute',
  nas: 'compute',
  printer: 'endpoint',
  ups: 'endpoint',
  'ip-phone': 'endpoint',
  camera: 'endpoint',
  pdu: 'endpoint',
  sensor: 'endpoint',
  appliance: 'endpoint',
  unknown: 'unknown',
};

export function typeTone(type: DeviceType): TypeTone {
  return TYPE_TONES[type];
}

export const PHASE_LABELS: Record<DiscoveryJob['phase'], string> = {
  sweep: 'Sweeping',
  neighbors: 'Reading neighbours',
  snmp: 'Asking SNMP',
  dns: 'Looking up names',
  done: 'Done',
};

export const STATUS_LABELS: Record<DiscoveryJob['status'], string> = {
  running: 'Running',
  finished: 'Finished',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  failed: 'Failed',
};

/**
 * What a person typed or pasted, as target entries: commas, semicolons, whitespace and newlines
 * separate entries; spaces around the dash of a range are allowed ("10.0.0.1 - 10.0.0.9").
 * The same rules as the contract's splitTargetList, done here so each entry is sent on its own
 * (an entry is at most 300 characters; a pasted block is not).
 */
export function splitTargets(text: string): string[] {
  return text
    .replace(/\s*-\s*/g, '-')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "22, 80, 443" or "8000-8010": the ports, or what is wrong in words. */
export function parsePorts(text: string): { ok: true; ports: number[] } | { ok: false; message: string } {
  const ports: number[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return { ok: false, message: `"${part}" is not a port (a number 1-65535) or a range (8000-8010)` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 1 || a > 65_535 || b < 1 || b > 65_535) return { ok: false, message: `"${part}": ports are 1-65535` };
    if (b < a) return { ok: false, message: `"${part}": the range ends before it starts` };
    if (b - a + 1 > LIMITS.maxTcpPorts) return { ok: false, message: `"${part}" has more than ${LIMITS.maxTcpPorts} ports` };
    for (let p = a; p <= b; p++) if (!ports.includes(p)) ports.push(p);
  }
  if (ports.length === 0) return { ok: false, message: 'Give at least one TCP port (or leave the TCP method off)' };
  if (ports.length > LIMITS.maxTcpPorts) return { ok: false, message: `At most ${LIMITS.maxTcpPorts} TCP ports (${ports.length} given)` };
  return { ok: true, ports };
}

/** A sort key: IPv4 by number, then IPv6 by number, then anything else by text. */
export function addressKey(address: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) return `4${v4.slice(1).map((o) => Number(o).toString(16).padStart(2, '0')).join('')}`;
  if (address.includes(':')) {
    const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
    if (groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return `6${groups.map((g) => g.padStart(4, '0')).join('')}`;
  }
  return `9${address}`;
}

export function compareAddresses(a: string, b: string): number {
  const ka = addressKey(a);
  const kb = addressKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Hosts sorted by address, with `incoming` added or replacing the host of the same address. Returns a new array. */
export function mergeHosts(sorted: readonly DiscoveryHost[], incoming: Iterable<DiscoveryHost>): DiscoveryHost[] {
  const out = [...sorted];
  for (const host of incoming) {
    const key = addressKey(host.address);
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (addressKey(out[mid]!.address) < key) lo = mid + 1;
      else hi = mid;
    }
    if (out[lo]?.address === host.address) out[lo] = host;
    else out.splice(lo, 0, host);
  }
  return out;
}

/** How many hosts of each type (only the types present), in the order of DEVICE_TYPES. */
export function countByType(hosts: readonly DiscoveryHost[]): Array<{ type: DeviceType; count: number }> {
  const counts = new Map<DeviceType, number>();
  for (const h of hosts) counts.set(h.type, (counts.get(h.type) ?? 0) + 1);
  return DEVICE_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
}

/**
 * Whether the engine refuses these targets only for their size, so that confirming a large scan
 * would help: some entry, or all of them together, has more than the limit but not more than the
 * hard maximum.
 */
export function needsLargeConfirmation(v: ValidateTargetsOutput | undefined): boolean {
  if (!v) return false;
  const tooBig = (n: number | null): boolean => n !== null && n > LIMITS.maxAddresses && n <= LIMITS.hardMaxAddresses;
  const sum = v.targets.reduce((n, t) => n + (t.count ?? 0), 0);
  return v.targets.some((t) => tooBig(t.count)) || tooBig(v.count) || (tooBig(sum) && v.issues.some((i) => i.scope === 'total' && i.severity === 'error'));
}

/** Percent done of a job, 0-100. */
export function percentDone(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, (done / total) * 100));
}

/** "1 min 05 s", "12 s", "—" */
export function formatEta(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return '—';
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A short description of a job's targets: "198.18.7.0/24", "10.0.0.0/24 and 2 more". */
export function describeTargets(targets: readonly string[], max = 2): string {
  if (targets.length <= max) return targets.join(', ');
  return `${targets.slice(0, max).join(', ')} and ${targets.length - max} more`;
}

/** The operating system and its version in one line. */
export function osText(host: Pick<DiscoveryHost, 'os' | 'osVersion'>): string {
  return [host.os, host.osVersion].filter(Boolean).join(' ');
}

/** A changed field's value, for the diff: short text. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
