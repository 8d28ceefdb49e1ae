/**
 * Builds the classifier's corpus (test/fixtures/devices/) from LibreNMS's device captures: each
 * tests/snmpsim/<name>.snmprec is an SNMP recording of a real device, and tests/data/<name>.json
 * holds what LibreNMS's own discovery concluded from it (OS, type, hardware, version, serial).
 *   node scripts/import-device-captures.ts --librenms <git dir of a librenms checkout> [--per-os 2]
 * Reads the files with `git show`, so a bare mirror works. For every capture that has both files
 * it keeps only what our discovery reads (the system group, the ENTITY-MIB chassis row, LLDP's
 * capabilities, BRIDGE/IP/HOST-RESOURCES/Printer/UPS scalars, the OIDs OS families test in the
 * extra GET) and writes one .snmprec per capture
 * with a provenance header of `#` lines (test/support/device-corpus.ts reads them; strip them
 * before handing a file to snmpsim). At most --per-os captures per LibreNMS OS, so no family
 * dominates the figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CorpusExpectation } from '../test/support/device-corpus.ts';

const OUT = fileURLToPath(new URL('../test/fixtures/devices/', import.meta.url));

/** Scalars kept as they are (exact OIDs). */
const SCALARS = new Set([
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `1.3.6.1.2.1.1.${n}.0`),
  '1.0.8802.1.1.2.1.3.5.0', // lldpLocSysCapSupported
  '1.0.8802.1.1.2.1.3.6.0', // lldpLocSysCapEnabled
  '1.3.6.1.2.1.17.1.2.0', // dot1dBaseNumPorts
  '1.3.6.1.2.1.4.1.0', // ipForwarding
  ...[1, 2, 3, 4, 5, 6].map((n) => `1.3.6.1.2.1.33.1.1.${n}.0`), // upsIdent
  '1.3.6.1.2.1.43.5.1.1.16.1', // prtGeneralPrinterName
  '1.3.6.1.2.1.43.5.1.1.17.1', // prtGeneralSerialNumber
]);
const ENT = '1.3.6.1.2.1.47.1.1.1.1.';
/** The OIDs OS families read in the extra GET (os-families.json `get`), and below them for the `next` ones. */
const FAMILY_PROBES = (JSON.parse(readFileSync(fileURLToPath(new URL('../resources/classification/os-families.json', import.meta.url)), 'utf8')) as {
  families: { rules: { get?: { oid: string; next?: true } }[] }[];
}).families.flatMap((f) => f.rules.flatMap((r) => (r.get ? [r.get] : [])));
/** entPhysicalDescr, Class, Name, HardwareRev, FirmwareRev, SoftwareRev, SerialNum, MfgName, ModelName. */
const ENT_COLUMNS = [2, 5, 7, 8, 9, 10, 11, 12, 13];
const HR_DEVICE_TYPE = '1.3.6.1.2.1.25.3.2.1.2.';

interface Record {
  oid: string;
  line: string;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

function parseSnmprec(text: string): Record[] {
  const out: Record[] = [];
  for (const line of text.split(/\r?\n/)) {
    const bar = line.indexOf('|');
    if (bar <= 0) continue;
    out.push({ oid: line.slice(0, bar).replace(/^\./, ''), line });
  }
  return out;
}

/** The lines our discovery reads, in OID order as recorded. */
export function keptLines(records: Record[]): string[] {
  const entity = records.filter((r) => r.oid.startsWith(ENT));
  const classOf = new Map<string, string>();
  for (const r of entity) {
    const m = /^1\.3\.6\.1\.2\.1\.47\.1\.1\.1\.1\.5\.(\d+)$/.exec(r.oid);
    if (m) classOf.set(m[1]!, r.line.split('|')[2] ?? '');
  }
  const indexes = [...new Set(entity.map((r) => r.oid.slice(ENT.length).split('.')[1]).filter((i): i is string => !!i))].sort((a, b) => Number(a) - Number(b));
  const chassis = indexes.find((i) => classOf.get(i) === '3') ?? indexes[0];
  // The first few entities' class (a discovery that looks for the chassis reads them), and every
  // column of the chassis.
  const classRows = new Set(indexes.slice(0, 5).map((i) => `${ENT}5.${i}`));
  const hrRows = records.filter((r) => r.oid.startsWith(HR_DEVICE_TYPE)).slice(0, 5).map((r) => r.oid);
  const probeRows = FAMILY_PROBES.flatMap((p) => (p.next ? records.filter((r) => r.oid.startsWith(`${p.oid}.`)).slice(0, 1).map((r) => r.oid) : [p.oid]));
  const keep = new Set<string>([...hrRows, ...classRows, ...probeRows, ...(chassis ? ENT_COLUMNS.map((c) => `${ENT}${c}.${chassis}`) : [])]);
  return records.filter((r) => SCALARS.has(r.oid) || keep.has(r.oid)).map((r) => r.line.replace(/\r/g, ''));
}

type Expected = CorpusExpectation;

const yamlField = (yaml: string, key: string): string | null => {
  const m = new RegExp(`^${key}:\\s*(.+?)\\s*$`, 'm').exec(yaml);
  return m ? m[1]!.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1') : null;
};

function main(): void {
  const { values } = parseArgs({ options: { librenms: { type: 'string' }, 'per-os': { type: 'string', default: '2' } } });
  const dir = values.librenms;
  if (!dir) throw new Error('usage: node scripts/import-device-captures.ts --librenms <git dir> [--per-os N]');
  const perOs = Number(values['per-os']);
  const commit = git(dir, 'rev-parse', 'HEAD').trim();
  const date = git(dir, 'log', '-1', '--format=%cs').trim();
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', 'tests/data/', 'tests/snmpsim/', 'includes/definitions/').split('\n');
  const snmprec = new Set(files.filter((f) => f.startsWith('tests/snmpsim/') && f.endsWith('.snmprec')));
  const definitions = new Set(files.filter((f) => /^includes\/definitions\/[^/]+\.yaml$/.test(f)));
  const taken = new Map<string, number>();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  let written = 0;
  for (const data of files.filter((f) => /^tests\/data\/[^/]+\.json$/.test(f)).sort()) {
    const name = data.slice('tests/data/'.length, -'.json'.length);
    const rec = `tests/snmpsim/${name}.snmprec`;
    if (!snmprec.has(rec)) continue;
    let device: { os?: string; hardware?: string | null; version?: string | null; serial?: string | null; type?: string | null } | undefined;
    try {
      const json = JSON.parse(git(dir, 'show', `HEAD:${data}`)) as { os?: { discovery?: { devices?: (typeof device)[] } } };
      device = json.os?.discovery?.devices?.[0];
    } catch {
      continue;
    }
    if (!device?.os) continue;
    if ((taken.get(device.os) ?? 0) >= perOs) continue;
    const lines = keptLines(parseSnmprec(git(dir, 'show', `HEAD:${rec}`)));
    if (!lines.some((l) => l.startsWith('1.3.6.1.2.1.1.2.0|')) && !lines.some((l) => l.startsWith('1.3.6.1.2.1.1.1.0|'))) continue;
    const def = `includes/definitions/${device.os}.yaml`;
    const yaml = definitions.has(def) ? git(dir, 'show', `HEAD:${def}`) : '';
    const expected: Expected = {
      os: device.os,
      osText: yamlField(yaml, 'text'),
      type: device.type ?? yamlField(yaml, 'type'),
      icon: yamlField(yaml, 'icon'),
      hardware: device.hardware || null,
      version: device.version || null,
      serial: device.serial || null,
    };
    const header = [
      `# source: librenms/librenms ${rec} and ${data} at commit ${commit} (${date}), via its mirror baclaeys/librenms`,
      `# what: a recording of a real ${expected.osText ?? device.os} device contributed to LibreNMS's tests; only the OIDs WARD FLUX discovery reads are kept`,
      `# expect (LibreNMS's discovery of this capture): ${JSON.stringify(expected)}`,
    ];
    writeFileSync(join(OUT, `${name}.snmprec`), `${[...header, ...lines].join('\n')}\n`);
    taken.set(device.os, (taken.get(device.os) ?? 0) + 1);
    written++;
  }
  process.stdout.write(`wrote ${written} captures of ${taken.size} OS families to ${OUT} (${readdirSync(OUT).length} files)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
