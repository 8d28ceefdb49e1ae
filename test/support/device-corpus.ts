/**
 * The classifier corpus (test/fixtures/devices/*.snmprec, written by
 * scripts/import-device-captures.ts): each file is a real device's recording with a `#`
 * provenance header whose `expect` line holds what LibreNMS's discovery concluded from it. This
 * reads a file into what WARD FLUX discovery would have learned over SNMP: the classifier's
 * input (system group plus the extra GET round's evidence) and the expected answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClassifierInput } from '../../main/discovery/classifier.ts';
import type { DeviceEvidence, EntityChassis, LldpCapability } from '../../main/discovery/device-evidence.ts';
import { shippedRules } from '../../main/discovery/classification-rules.ts';
import { familyProbes } from '../../main/discovery/os-families.ts';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/devices/', import.meta.url));

export interface CorpusExpectation {
  /** LibreNMS's OS id ("ios", "procurve"). */
  os: string;
  /** Its display name ("Cisco IOS"). */
  osText: string | null;
  /** LibreNMS's device type ("network", "power", "wireless", ...). */
  type: string | null;
  /** Its icon, which names the vendor for most OSes ("cisco", "hpe"). */
  icon: string | null;
  hardware: string | null;
  version: string | null;
  serial: string | null;
}

export interface CorpusDevice {
  name: string;
  file: string;
  expect: CorpusExpectation;
  /** numeric OID → decoded value (strings as text, OIDs without a leading dot, numbers as numbers). */
  values: Map<string, string | number>;
  /** Only the system group (what a capture of it alone gives). */
  system: ClassifierInput;
  /** System group plus the extra round's evidence. */
  full: ClassifierInput;
}

/** A recorded value, as an agent would hand it to us. */
function decode(tag: string, raw: string): string | number | null {
  switch (tag) {
    case '4':
      return raw;
    case '4x':
      return Buffer.from(raw, 'hex').toString('latin1');
    case '6':
      return raw.replace(/^\./, '');
    case '2':
    case '65':
    case '66':
    case '67':
    case '70':
      return Number(raw);
    case '64':
      return raw;
    default:
      return null;
  }
}

const str = (v: string | number | undefined): string | null => (v === undefined || v === '' ? null : String(v).trim() || null);

const LLDP_BITS: LldpCapability[] = ['other', 'repeater', 'bridge', 'wlanAccessPoint', 'router', 'telephone', 'docsisCableDevice', 'stationOnly'];

function evidenceOf(values: Map<string, string | number>, raw: Map<string, string>): DeviceEvidence {
  const ev: DeviceEvidence = {};
  const ent = '1.3.6.1.2.1.47.1.1.1.1.';
  const indexes = [...values.keys()].filter((k) => k.startsWith(`${ent}5.`)).map((k) => k.slice(ent.length + 2));
  const chassis = indexes.find((i) => values.get(`${ent}5.${i}`) === 3) ?? [...values.keys()].filter((k) => k.startsWith(ent)).map((k) => k.slice(ent.length).split('.')[1])[0];
  if (chassis) {
    const col = (c: number): string | null => str(values.get(`${ent}${c}.${chassis}`));
    const e: EntityChassis = { descr: col(2), name: col(7), hardwareRev: col(8), firmwareRev: col(9), softwareRev: col(10), serial: col(11), mfgName: col(12), model: col(13) };
    if (Object.values(e).some((v) => v)) ev.entity = e;
  }
  const caps = raw.get('1.0.8802.1.1.2.1.3.6.0');
  if (caps !== undefined) {
    const [tag, body] = caps.split('|') as [string, string];
    const bytes = tag === '4x' ? Buffer.from(body, 'hex') : Buffer.from(body, 'latin1');
    ev.lldpCapabilities = LLDP_BITS.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
  }
  const ports = values.get('1.3.6.1.2.1.17.1.2.0');
  if (typeof ports === 'number') ev.bridgePorts = ports;
  const fwd = values.get('1.3.6.1.2.1.4.1.0');
  if (typeof fwd === 'number') ev.ipForwarding = fwd === 1 ? true : fwd === 2 ? false : null;
  const hr = [...values.entries()].filter(([k]) => k.startsWith('1.3.6.1.2.1.25.3.2.1.2.')).map(([, v]) => Number(String(v).split('.').pop()));
  if (hr.length) ev.hrDeviceTypes = hr.filter((n) => Number.isInteger(n));
  if (values.has('1.3.6.1.2.1.43.5.1.1.16.1') || values.has('1.3.6.1.2.1.43.5.1.1.17.1')) ev.printerMib = true;
  const ups = (n: number): string | null => str(values.get(`1.3.6.1.2.1.33.1.1.${n}.0`));
  if (ups(1) || ups(2)) ev.ups = { manufacturer: ups(1), model: ups(2), softwareVersion: ups(3), agentSoftwareVersion: ups(4) };
  return ev;
}

export function parseCorpusFile(name: string, text: string, file = name): CorpusDevice {
  const expectLine = text.split('\n').find((l) => l.startsWith('# expect'));
  if (!expectLine) throw new Error(`${file}: no "# expect" header line`);
  const expect = JSON.parse(expectLine.slice(expectLine.indexOf('{'))) as CorpusExpectation;
  const values = new Map<string, string | number>();
  const raw = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.includes('|')) continue;
    const [oid, tag, ...rest] = line.split('|') as [string, string, ...string[]];
    const body = rest.join('|');
    const v = decode(tag, body);
    const key = oid.replace(/^\./, '');
    raw.set(key, `${tag}|${body}`);
    if (v !== null) values.set(key, v);
  }
  const services = values.get('1.3.6.1.2.1.1.7.0');
  const system: ClassifierInput = {
    sysDescr: str(values.get('1.3.6.1.2.1.1.1.0')),
    sysObjectID: str(values.get('1.3.6.1.2.1.1.2.0')),
    sysServices: typeof services === 'number' ? services : null,
  };
  // What discovery's extra GET reads for the families this system group leaves open: the value,
  // or null (no such object: the recording is a walk of the device).
  const familyValues: Record<string, string | null> = {};
  for (const p of familyProbes(shippedRules().families, system.sysObjectID, system.sysDescr)) {
    const key = p.next ? [...values.keys()].find((k) => k.startsWith(`${p.oid}.`)) : p.oid;
    const v = key === undefined ? undefined : values.get(key);
    familyValues[p.oid] = v === undefined ? null : String(v);
  }
  const evidence = evidenceOf(values, raw);
  if (Object.keys(familyValues).length) evidence.familyValues = familyValues;
  return { name, file, expect, values, system, full: { ...system, evidence } };
}

/** Every capture of the corpus, by file name. */
export function loadCorpus(dir = CORPUS_DIR): CorpusDevice[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.snmprec'))
    .sort()
    .map((f) => parseCorpusFile(f.slice(0, -'.snmprec'.length), readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}
