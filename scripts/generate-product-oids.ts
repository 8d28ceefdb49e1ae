/**
 * Regenerates resources/classification/product-oids.json (sysObjectID → product) from vendors'
 * product-registration MIBs, as the netdisco-mibs repository collects them:
 *   node scripts/generate-product-oids.ts --mibs <a folder of MIBs | a bare git dir of netdisco-mibs>
 *       [--repository netdisco/netdisco-mibs] [--commit <id>]   (the commit is read from a git dir)
 * Commit the result. CI has no MIB snapshot, so nothing checks the file against the MIBs there;
 * main/discovery/product-registry.test.ts checks that the file agrees with its own `_about`.
 *
 * How: every file of the snapshot is read with scripts/mib-reader.ts (all modules, so parents
 * resolve across vendors' SMI modules: ciscoProducts from CISCO-SMI, jnxProducts from JUNIPER-SMI,
 * and so on). Git LFS pointers and objects the snapshot lacks are skipped and listed in `_about`.
 *
 * The rule: an entry is a product registration when
 *   1. it is an `OBJECT IDENTIFIER` or OBJECT-IDENTITY assignment below enterprises.N (not the
 *      enterprise itself, not a MODULE-IDENTITY, OBJECT-TYPE, NOTIFICATION-TYPE or conformance
 *      macro; one module that writes its products as OBJECT-TYPEs is marked so), and
 *   2. it lies in one of the registration places of REGISTRATIONS below: a whole registration module
 *      (CISCO-PRODUCTS-MIB: its assignments are all products or product families), or a named
 *      subtree of a module that also registers other things (jnxProductName in the Juniper chassis
 *      defines, whose other subtrees register PICs, fans, backplanes). `children` keeps a subtree's
 *      direct children only (hpEtherSwitch: switches; their own children are plug-in modules),
 *      `all` keeps every depth (aristaProducts nests families: { aristaProducts 3011 7050 ... }),
 *   3. no MIB object (OBJECT-TYPE, NOTIFICATION-TYPE, conformance or MODULE-IDENTITY) lies below
 *      it in any module read: a node with objects under it is a MIB's root, not a product.
 * Places were chosen by reading the modules (names like *-PRODUCTS-MIB, *-REG, *-OID, DEFINES,
 * or subtrees named products/models/device ids/sysoids); subtrees that register components
 * (cards, PSUs, sensors, transceivers: entPhysicalVendorType values, not sysObjectIDs) are left out.
 * A place that matches nothing in the snapshot is an error, so a renamed module is noticed.
 *
 * Descriptions: the assignment's DESCRIPTION, else the comment after its closing brace, whitespace
 * collapsed and cut to 80 characters (short facts of the MIB: "Catalyst 2960 24 10/100 ...").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countProductTable, type ProductEntry, type ProductTableFile } from '../main/discovery/product-table.ts';
import { parseMib, resolveMibs, type MibModule, type Resolution } from './mib-reader.ts';

export const PRODUCT_OIDS_FILE = fileURLToPath(new URL('../resources/classification/product-oids.json', import.meta.url));

/** `objectTypes`: the module writes its registrations as OBJECT-TYPEs (MELLANOX-PRODUCTS-MIB does). */
/** `definedIn`: only nodes these modules define (other modules hang MIBs and component types in the subtree). */
export type Registration =
  | { module: string; objectTypes?: true }
  | { module: string; subtree: string; depth: 'children' | 'all'; definedIn?: readonly string[] };

export const REGISTRATIONS: readonly Registration[] = [
  { module: 'CISCO-PRODUCTS-MIB' },
  { module: 'ARISTA-PRODUCTS-MIB' },
  { module: 'JUNIPER-CHASSIS-DEFINES-MIB', subtree: 'jnxProductName', depth: 'children' },
  { module: 'HP-ICF-OID', subtree: 'hpEtherSwitch', depth: 'children' },
  { module: 'ARUBAWIRED-NETWORKING-OID', subtree: 'wndDeviceIds', depth: 'children' },
  { module: 'HH3C-PRODUCT-ID-MIB' },
  { module: 'HPN-ICF-PRODUCT-ID-MIB' },
  { module: 'HUAWEI-MIB', subtree: 'hwProducts', depth: 'all', definedIn: ['HUAWEI-MIB'] },
  { module: 'DELLEMC-OS10-PRODUCTS-MIB' },
  { module: 'F10-PRODUCTS-MIB' },
  { module: 'BROCADE-PRODUCTS-MIB' },
  { module: 'NOS-PRODUCTS-MIB' },
  { module: 'FOUNDRY-SN-ROOT-MIB', subtree: 'products', depth: 'all', definedIn: ['FOUNDRY-SN-ROOT-MIB'] },
  { module: 'NETSCREEN-PRODUCTS-MIB' },
  { module: 'PAN-GLOBAL-REG', subtree: 'panProductsMibs', depth: 'children' },
  { module: 'RUCKUS-PRODUCTS-MIB' },
  { module: 'TPLINK-PRODUCTS-MIB' },
  { module: 'VMWARE-PRODUCTS-MIB' },
  { module: 'WATCHGUARD-PRODUCTS-MIB' },
  { module: 'LENOVO-PRODUCTS-MIB' },
  { module: 'MELLANOX-PRODUCTS-MIB', objectTypes: true },
  { module: 'OG-PRODUCTS-MIB' },
  { module: 'SILVERPEAK-PRODUCTS-MIB' },
  { module: 'SCHLEIFENBAUER-PRODUCTS-MIB' },
  { module: 'EATON-OIDS', subtree: 'products', depth: 'all' },
  { module: 'EATON-OIDS', subtree: 'xupsObjectId', depth: 'all' },
  { module: 'LIEBERT-GP-REGISTRATION-MIB', subtree: 'lgpProductSpecific', depth: 'all' },
  { module: 'PowerNet-MIB', subtree: 'system', depth: 'all' },
  { module: 'RITTAL-CMC-III-PRODUCTS-MIB', subtree: 'cmcIIIProductUnit', depth: 'children' },
  { module: 'EXTREME-BASE-MIB', subtree: 'extremeProduct', depth: 'all' },
  { module: 'WING-MIB', subtree: 'wingSysoids', depth: 'children' },
  { module: 'ENTERASYS-OIDS-MIB', subtree: 'etsysOidDevice', depth: 'children' },
  { module: 'FORTINET-FORTIGATE-MIB', subtree: 'fgModel', depth: 'children' },
  { module: 'FORTINET-FORTIMANAGER-FORTIANALYZER-MIB', subtree: 'fmModel', depth: 'children' },
  { module: 'FORTINET-FORTIMANAGER-FORTIANALYZER-MIB', subtree: 'faModel', depth: 'children' },
  { module: 'FORTINET-FORTISWITCH-MIB', subtree: 'fsModel', depth: 'children' },
  { module: 'FORTINET-FORTIADC-MIB', subtree: 'fadcModel', depth: 'children' },
  { module: 'FORTINET-FORTIAUTHENTICATOR-MIB', subtree: 'facModel', depth: 'children' },
  { module: 'F5-BIGIP-SYSTEM-MIB', subtree: 'sysDeviceModelOIDs', depth: 'children' },
  { module: 'NETGEAR-REF-MIB', subtree: 'productID', depth: 'all' },
  { module: 'AT-PRODUCT-MIB' },
  { module: 'ALCATEL-IND1-DEVICES' },
  { module: 'TIMETRA-GLOBAL-MIB', subtree: 'timetraReg', depth: 'all' },
  { module: 'S5-REG-MIB', subtree: 's5ChasTypeVal', depth: 'children' },
  { module: 'COLUBRIS-PRODUCTS-MIB' },
  { module: 'CALIX-PRODUCT-MIB' },
  { module: 'WWP-PRODUCTS-MIB' },
  { module: 'PACKETFRONT-PRODUCTS-MIB' },
  { module: 'BLUESOCKET-PRODUCTS' },
  { module: 'TRAPEZE-NETWORKS-REGISTRATION-DEVICES-MIB' },
  { module: 'NTWS-REGISTRATION-DEVICES-MIB' },
  { module: 'RBTWS-REGISTRATION-DEVICES-MIB' },
  { module: 'PCUBE-PRODUCTS-MIB' },
];

const ENTERPRISES = '1.3.6.1.4.1.';
const MACRO_KINDS = new Set(['object-type', 'notification-type', 'conformance', 'module-identity']);
const DESCRIPTION_MAX = 80;

export interface SelectedProduct {
  oid: string;
  name: string;
  module: string;
  descr: string | null;
}

/** Applies the rule of the header to resolved MIBs; throws when a place matches nothing. */
export function selectProducts(resolution: Resolution, registrations: readonly Registration[]): SelectedProduct[] {
  // OIDs with a MIB object somewhere below them (rule 3).
  const objectsBelow = new Set<string>();
  for (const n of resolution.nodes) {
    if (!MACRO_KINDS.has(n.assignment.kind)) continue;
    for (let i = n.oid.lastIndexOf('.'); i > 0; i = n.oid.lastIndexOf('.', i - 1)) {
      const up = n.oid.slice(0, i);
      if (objectsBelow.has(up)) break;
      objectsBelow.add(up);
    }
  }
  const candidates = resolution.nodes.filter((n) => n.oid.startsWith(ENTERPRISES) && n.oid.split('.').length > 7 && !objectsBelow.has(n.oid));
  const registrationKind = (kind: string, reg: Registration): boolean =>
    kind === 'object-identifier' || kind === 'object-identity' || (kind === 'object-type' && 'objectTypes' in reg && reg.objectTypes === true);
  const byOid = new Map<string, SelectedProduct>();
  const problems: string[] = [];
  for (const reg of registrations) {
    let matched = 0;
    let keep: (oid: string, module: string) => boolean;
    if ('subtree' in reg) {
      const root = resolution.oidOf(reg.module, reg.subtree);
      if (!root) {
        problems.push(`${reg.module}::${reg.subtree} is not in the MIBs read`);
        continue;
      }
      const prefix = `${root}.`;
      const depth = root.split('.').length + 1;
      const definedIn = reg.definedIn ? new Set(reg.definedIn) : null;
      keep = (oid, module) => oid.startsWith(prefix) && (reg.depth === 'all' || oid.split('.').length === depth) && (!definedIn || definedIn.has(module));
    } else {
      keep = (_oid, module) => module === reg.module;
    }
    for (const n of candidates) {
      if (!registrationKind(n.assignment.kind, reg) || !keep(n.oid, n.module)) continue;
      matched++;
      if (byOid.has(n.oid)) continue; // the first place (and the first module read) wins
      byOid.set(n.oid, { oid: n.oid, name: n.assignment.name, module: n.module, descr: shortDescription(n.assignment.description ?? n.assignment.comment, n.assignment.name) });
    }
    if (matched === 0) problems.push(`${'subtree' in reg ? `${reg.module}::${reg.subtree}` : reg.module} registers no product in the MIBs read`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return [...byOid.values()].sort((a, b) => compareOids(a.oid, b.oid));
}

function shortDescription(text: string | null, name: string): string | null {
  if (!text) return null;
  const one = text.replace(/\s+/g, ' ').trim();
  if (!one || one === name) return null;
  return one.length > DESCRIPTION_MAX ? one.slice(0, DESCRIPTION_MAX).trimEnd() : one;
}

export function compareOids(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Builds the file: groups by parent OID, modules by first use. */
export function buildProductTable(products: readonly SelectedProduct[], about: Omit<ProductTableFile['_about'], 'counts'>): ProductTableFile {
  const modules: string[] = [];
  const moduleIndex = new Map<string, number>();
  const groups: ProductTableFile['products'] = {};
  for (const p of products) {
    let m = moduleIndex.get(p.module);
    if (m === undefined) {
      m = modules.push(p.module) - 1;
      moduleIndex.set(p.module, m);
    }
    const cut = p.oid.lastIndexOf('.');
    const entry: ProductEntry = p.descr ? [p.name, m, p.descr] : [p.name, m];
    (groups[p.oid.slice(0, cut)] ??= {})[p.oid.slice(cut + 1)] = entry;
  }
  return { _about: { ...about, counts: countProductTable({ products: groups }) }, modules, products: groups };
}

/** JSON with one group per line. */
export function serializeProductTable(table: ProductTableFile): string {
  const groups = Object.entries(table.products).map(([g, entries]) => `${JSON.stringify(g)}: ${JSON.stringify(entries)}`);
  const about = Object.entries(table._about).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n"_about": {\n${about.join(',\n')}\n},\n"modules": ${JSON.stringify(table.modules)},\n"products": {\n${groups.join(',\n')}\n}\n}\n`;
}

export interface MibSnapshot {
  files: { path: string; text: string }[];
  lfsPointers: string[];
  absent: string[];
  commit: string;
}

const LFS_POINTER = 'version https://git-lfs.github.com/spec/';

/** Reads every file of a folder or of a bare git dir's HEAD (only those under `under`, when given). */
export function readSnapshot(dir: string, commit?: string, under?: string): MibSnapshot {
  const isBareGit = existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects'));
  const files: MibSnapshot['files'] = [];
  const lfsPointers: string[] = [];
  const absent: string[] = [];
  const take = (path: string, buf: Buffer): void => {
    const text = buf.toString('latin1');
    if (text.startsWith(LFS_POINTER)) lfsPointers.push(path);
    else files.push({ path, text });
  };
  if (isBareGit) {
    const git = (args: string[], input?: string): Buffer => {
      const r = spawnSync('git', ['-C', dir, ...args], { input, maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
      return r.stdout;
    };
    const head = git(['rev-parse', 'HEAD']).toString().trim();
    const tree = git(['ls-tree', '-r', '-z', 'HEAD'])
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.split('\t') as [string, string];
        return { sha: meta.split(' ')[2]!, path };
      })
      .filter((t) => !under || t.path.startsWith(under));
    const out = git(['cat-file', '--batch'], tree.map((t) => t.sha).join('\n') + '\n');
    let at = 0;
    for (const t of tree) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString();
      at = eol + 1;
      if (header.endsWith(' missing')) {
        absent.push(t.path);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      take(t.path, out.subarray(at, at + size));
      at += size + 1;
    }
    return { files, lfsPointers, absent, commit: commit ?? head };
  }
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      if (e.startsWith('.')) continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else take(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return { files, lfsPointers, absent, commit: commit ?? 'unknown' };
}

export function generate(snapshot: MibSnapshot, repository: string): { table: ProductTableFile; unresolved: number } {
  const modules: MibModule[] = [];
  for (const f of snapshot.files) if (f.text.includes('DEFINITIONS')) modules.push(...parseMib(f.text));
  const resolution = resolveMibs(modules);
  const products = selectProducts(resolution, REGISTRATIONS);
  const table = buildProductTable(products, {
    source: `sysObjectID registrations from vendors' product MIBs in ${repository} (generated by scripts/generate-product-oids.ts)`,
    repository: `https://github.com/${repository}`,
    commit: snapshot.commit,
    rule: 'OBJECT IDENTIFIER / OBJECT-IDENTITY assignments below enterprises.N in the registration modules and subtrees listed in scripts/generate-product-oids.ts, with no MIB object below them',
    modulesParsed: new Set(modules.map((m) => m.name)).size,
    skipped: { lfsPointers: snapshot.lfsPointers, absent: snapshot.absent },
  });
  return { table, unresolved: resolution.unresolved.length };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = argValue('--mibs');
  if (!dir) {
    process.stderr.write('usage: node scripts/generate-product-oids.ts --mibs <folder | bare git dir> [--repository owner/name] [--commit id]\n');
    process.exit(2);
  }
  const snapshot = readSnapshot(dir, argValue('--commit'));
  const { table, unresolved } = generate(snapshot, argValue('--repository') ?? 'netdisco/netdisco-mibs');
  const text = serializeProductTable(table);
  writeFileSync(PRODUCT_OIDS_FILE, text);
  const c = table._about.counts;
  process.stdout.write(
    `wrote ${PRODUCT_OIDS_FILE}: ${c.entries} products in ${c.groups} groups (${c.withDescription} with a description), ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB\n` +
      `read ${snapshot.files.length} files, ${table._about.modulesParsed} modules; ${unresolved} assignments with an unknown parent\n` +
      `skipped: ${snapshot.lfsPointers.length} Git LFS pointers (${snapshot.lfsPointers.join(', ')}); ${snapshot.absent.length} absent (${snapshot.absent.join(', ')})\n` +
      `per module: ${table.modules.map((m, i) => `${m} ${Object.values(table.products).reduce((s, g) => s + Object.values(g).filter((e) => e[1] === i).length, 0)}`).join(', ')}\n`,
  );
}
