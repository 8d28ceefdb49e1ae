/**
 * How far WARD FLUX's classification agrees with LibreNMS's discovery of the same captures
 * (device-corpus.ts). The two speak different vocabularies, so each field is compared the way a
 * person reading both would:
 * - type: ours is finer (router / switch / layer-3 switch are all LibreNMS "network"; UPS and PDU
 *   are both "power"); TYPE_GROUPS says which of ours each LibreNMS type accepts;
 * - vendor: LibreNMS names the maker by its icon (and usually in the OS's display name); ours
 *   matches when, letters and digits only, one contains the other, or both are names of the same
 *   company (COMPANY_NAMES: former names, brands and acquisitions);
 * - model: LibreNMS's `hardware` against ours, letters and digits only, equal or one containing
 *   the other (at least 4 characters of it);
 * - OS: ours against the OS's display name with and without its first word (the vendor: "Cisco
 *   IOS-XE" → "IOS-XE"), or its id.
 * A field LibreNMS left empty is not scored.
 */
import type { Classification } from '../../main/discovery/classifier.ts';
import type { CorpusDevice, CorpusExpectation } from './device-corpus.ts';

const TYPE_GROUPS: Record<string, readonly string[]> = {
  network: ['router', 'switch', 'l3-switch'],
  firewall: ['firewall'],
  wireless: ['wireless-ap', 'wireless-controller'],
  server: ['server', 'hypervisor'],
  workstation: ['workstation'],
  printer: ['printer'],
  power: ['ups', 'pdu'],
  storage: ['storage', 'nas'],
  collaboration: ['ip-phone', 'voip-gateway'],
  camera: ['camera'],
  environment: ['sensor'],
  environmental: ['sensor'],
  sensor: ['sensor'],
  loadbalancer: ['load-balancer'],
  appliance: ['appliance'],
  timing: ['appliance'],
  management: ['appliance'],
  'oob management': ['appliance'],
  encoder: ['appliance'],
  proxy: ['appliance', 'server'],
};

/** Names of one company (letters and digits, lower case). */
const COMPANY_NAMES: readonly (readonly string[])[] = [
  ['hp', 'hpe', 'hewlettpackard', 'hewlettpackardenterprise', 'aruba', 'arubanetworks', 'procurve', 'h3c', 'comware'],
  ['alcatellucent', 'alcatel', 'lucent', 'nokia'],
  ['juniper', 'junos', 'netscreen'],
  ['paloalto', 'paloaltonetworks', 'panos'],
  ['extreme', 'extremenetworks', 'extremeboss', 'extremevoss', 'avaya', 'enterasys'],
  ['brocade', 'foundry', 'ruckus', 'commscope', 'arris'],
  ['vertiv', 'liebert', 'emerson', 'avocent', 'geist'],
  ['ubiquiti', 'ubnt'],
  ['dell', 'dellemc', 'force10', 'emc'],
  ['ibm', 'ibmos', 'aix', 'lenovo'],
  ['cisco', 'linksys', 'meraki'],
  ['eaton', 'tripplite', 'powerware'],
  ['wut', 'wiesemanntheis', 'wt'],
  ['fortinet', 'fortigate'],
  ['schneiderelectric', 'apc', 'americanpowerconversion'],
  ['trellix', 'mcafee', 'mcafeewebgateway', 'fireeye'],
  ['checkpoint', 'checkpointsoftware'],
  ['microsoft', 'windows'],
  ['vmware', 'broadcom'],
  ['symantec', 'bluecoat'],
  ['edgecore', 'accton'],
  ['sophos', 'sophosxg', 'cyberoam'],
];

/** Icons that name an OS or a distribution, not a maker: no vendor to compare with. */
const OS_ICONS = new Set(['linux', 'freebsd', 'openbsd', 'netbsd', 'dragonfly', 'openwrt', 'dd-wrt', 'tomato', 'asuswrt-merlin', 'coreos', 'beagleboard', 'generic']);

const norm = (s: string | null | undefined): string => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

export function typeAgrees(ours: string, expected: string | null): boolean | null {
  if (!expected) return null;
  const group = TYPE_GROUPS[expected.trim().toLowerCase()];
  return group ? group.includes(ours) : false;
}

function sameCompany(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return false;
  if (a === b || a.startsWith(b) || b.startsWith(a) || (Math.min(a.length, b.length) >= 3 && (a.includes(b) || b.includes(a)))) return true;
  return COMPANY_NAMES.some((names) => names.some((n) => a === n || a.startsWith(n)) && names.some((n) => b === n || b.startsWith(n)));
}

/** The maker's names LibreNMS gives: the icon, and the OS display name's first word. */
export function expectedVendors(e: CorpusExpectation): string[] | null {
  if (!e.icon || OS_ICONS.has(e.icon)) return null;
  const first = norm(e.osText?.split(/\s+/)[0]);
  return [norm(e.icon), ...(first && first !== norm(e.icon) && (e.osText?.split(/\s+/).length ?? 0) > 1 ? [first] : [])];
}

export function vendorAgrees(ours: string | null, e: CorpusExpectation): boolean | null {
  const names = expectedVendors(e);
  if (!names) return null;
  const o = norm(ours);
  return o !== '' && names.some((n) => sameCompany(o, n));
}

export function modelAgrees(ours: string | null, hardware: string | null): boolean | null {
  const h = norm(hardware);
  if (h.length < 2) return null;
  const o = norm(ours);
  if (!o) return false;
  return o === h || (o.length >= 4 && h.includes(o)) || (h.length >= 4 && o.includes(h));
}

export function osAgrees(ours: string | null, e: CorpusExpectation): boolean {
  const o = norm(ours);
  if (!o) return false;
  const words = (e.osText ?? '').split(/\s+/).filter(Boolean);
  const accepted = [norm(e.osText), norm(words.slice(1).join(' ')), norm(e.os)].filter((s) => s.length >= 2);
  return accepted.includes(o);
}

export interface FieldScore {
  agree: number;
  scored: number;
  /** agree / scored, in percent, one decimal. */
  pct: number;
}

export interface CorpusScore {
  devices: number;
  type: FieldScore;
  vendor: FieldScore;
  /** Of the devices whose capture names the model LibreNMS reports (see modelNamedBy). */
  model: FieldScore;
  /** Of every device LibreNMS reports a model for, including those it read from OIDs outside what discovery reads. */
  modelAll: FieldScore;
  os: FieldScore;
  unknown: number;
  misses: { name: string; field: 'type' | 'vendor' | 'model' | 'os'; ours: string | null; expected: string | null }[];
}

function field(): FieldScore {
  return { agree: 0, scored: 0, pct: 0 };
}

/**
 * Whether what discovery reads names the model LibreNMS reports: the model (letters and digits)
 * appears in one of the recorded values (sysDescr, the ENTITY-MIB chassis, UPS or printer
 * identity), or it is the name the vendor's product MIB registers for the sysObjectID (how
 * LibreNMS names many models). Models LibreNMS read from other vendor OIDs are not in the capture.
 */
export function modelNamedBy(d: CorpusDevice, registeredName: (oid: string) => string | null): boolean {
  const h = norm(d.expect.hardware);
  if (h.length < 2) return false;
  for (const [oid, v] of d.values) if (oid !== '1.3.6.1.2.1.1.2.0' && typeof v === 'string' && norm(v).includes(h)) return true;
  const oid = d.system.sysObjectID;
  const reg = oid ? norm(registeredName(oid)) : '';
  return reg !== '' && (reg.includes(h) || h.includes(reg));
}

export function scoreCorpus(devices: readonly CorpusDevice[], classify: (d: CorpusDevice) => Classification, registeredName: (oid: string) => string | null = () => null): CorpusScore {
  const s: CorpusScore = { devices: devices.length, type: field(), vendor: field(), model: field(), modelAll: field(), os: field(), unknown: 0, misses: [] };
  const count = (f: FieldScore, ok: boolean | null, d: CorpusDevice, name: CorpusScore['misses'][number]['field'], ours: string | null, expected: string | null): void => {
    if (ok === null) return;
    f.scored++;
    if (ok) f.agree++;
    else s.misses.push({ name: d.name, field: name, ours, expected });
  };
  for (const d of devices) {
    const c = classify(d);
    if (c.type === 'unknown') s.unknown++;
    count(s.type, typeAgrees(c.type, d.expect.type), d, 'type', c.type, d.expect.type);
    count(s.vendor, vendorAgrees(c.vendor, d.expect), d, 'vendor', c.vendor, d.expect.icon);
    const modelOk = modelAgrees(c.model, d.expect.hardware);
    if (modelOk !== null) {
      s.modelAll.scored++;
      if (modelOk) s.modelAll.agree++;
    }
    if (modelNamedBy(d, registeredName)) count(s.model, modelOk, d, 'model', c.model, d.expect.hardware);
    count(s.os, osAgrees(c.os, d.expect), d, 'os', c.os, d.expect.osText ?? d.expect.os);
  }
  for (const f of [s.type, s.vendor, s.model, s.modelAll, s.os]) f.pct = f.scored ? Math.round((1000 * f.agree) / f.scored) / 10 : 0;
  return s;
}
