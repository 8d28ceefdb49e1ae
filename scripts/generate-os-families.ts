/**
 * Regenerates resources/classification/os-families.json from LibreNMS's OS definitions
 * (includes/definitions/<os>.yaml: how an OS is recognised from sysObjectID and sysDescr, its
 * display name, type and icon; includes/definitions/discovery/<os>.yaml: sysDescr patterns that
 * read hardware, version, serial):
 *   node scripts/generate-os-families.ts --librenms <git dir of a librenms checkout>
 * Reads with `git show`, so a bare mirror works. Only facts are taken (OID prefixes, substrings,
 * patterns, names, types), rewritten in our own format (main/discovery/os-families.ts reads it):
 * - detection rules keep LibreNMS's semantics: a rule is a set of conditions that must all hold
 *   (sysObjectID starts with one of `oid`, sysDescr contains one of `descr`, matches one of
 *   `regex`, and none of the `not*` lists); a family is tried in order, first match wins; rules
 *   that need an extra SNMP GET (`snmpget`/`snmpwalk`) are kept as `get` conditions (evaluated
 *   only when that OID was read) and tried after the others, the generic families (airos,
 *   freebsd, linux) last, as LibreNMS does;
 * - PCRE patterns become JavaScript ones (delimiters and flags split, (?P<n> → (?<n>, \A \z \Z);
 *   a pattern JavaScript cannot compile is dropped and counted;
 * - the vendor is named from the display name's first word when the icon names the same maker,
 *   else from vendor-names.json (curated), else from the icon.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { parseMib, resolveMibs, type Resolution } from './mib-reader.ts';
import { readSnapshot } from './generate-product-oids.ts';

const OUT = fileURLToPath(new URL('../resources/classification/os-families.json', import.meta.url));
const VENDOR_NAMES = fileURLToPath(new URL('../resources/classification/vendor-names.json', import.meta.url));
const ENTERPRISES = fileURLToPath(new URL('../resources/classification/enterprises.json', import.meta.url));
const GENERIC = ['airos', 'freebsd', 'linux'];

type Strings = string | string[] | undefined;
interface RawGet {
  oid?: string;
  mib?: string;
  op?: string;
  value?: unknown;
}
type RawRule = Record<string, Strings | RawGet>;
interface RawDefinition {
  os?: string;
  text?: string;
  type?: string;
  icon?: string;
  group?: string;
  discovery?: RawRule[];
}

export interface FamilyRule {
  oid?: string[];
  notOid?: string[];
  descr?: string[];
  notDescr?: string[];
  regex?: string[];
  notRegex?: string[];
  oidRegex?: string[];
  notOidRegex?: string[];
  /**
   * Needs the value of one OID (numeric; resolved from LibreNMS's MIB::name with its MIBs):
   * `next` when no instance was given (the first instance below it, as a walk would see).
   */
  get?: { oid: string; op: string; value: string | string[] | boolean; next?: true };
}

export interface Family {
  id: string;
  name: string;
  vendor: string | null;
  /** The OS as a technician reads it: the display name without its vendor word. */
  os: string;
  /** LibreNMS's type: network, wireless, power, firewall, server, storage, printer, environment, ... */
  kind: string | null;
  icon: string | null;
  rules: FamilyRule[];
  /** sysDescr patterns with named groups hardware / version / serial / features. */
  fields?: string[];
  /** Tried after the families that need no extra GET: 1 = needs a GET, 2 = generic. */
  late?: 1 | 2;
}

const list = (v: Strings): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
let dropped = 0;

/** A PCRE pattern '/.../flags' (or another delimiter) as JavaScript source with its flags inline-free; null when JS cannot run it. */
export function pcreToJs(pattern: string): { source: string; flags: string } | null {
  const d = pattern[0];
  if (!d) return null;
  const closer = { '(': ')', '{': '}', '[': ']', '<': '>' }[d] ?? d;
  const end = pattern.lastIndexOf(closer);
  if (end <= 0) return null;
  let source = pattern.slice(1, end);
  const pf = pattern.slice(end + 1);
  if (/[^imsuxU]/.test(pf) || pf.includes('x') || pf.includes('U')) return null;
  source = source.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  const flags = [...new Set(pf.replace(/[^ims]/g, ''))].join('') + (/\\[pPx]\{|\\p/.test(source) ? 'u' : '');
  try {
    new RegExp(source, flags);
    return { source, flags };
  } catch {
    return null;
  }
}

/** A pattern as stored: "/source/flags" (os-families.ts splits at the last slash). */
const stored = (p: { source: string; flags: string }): string => `/${p.source}/${p.flags}`;

function patterns(v: Strings): string[] {
  const out: string[] = [];
  for (const p of list(v)) {
    const js = pcreToJs(p);
    if (js) out.push(stored(js));
    else dropped++;
  }
  return out;
}

/** LibreNMS's condition keys → ours: substrings and prefixes as written, patterns converted. */
const TEXT_KEYS: Record<string, 'oid' | 'notOid' | 'descr' | 'notDescr'> = { sysObjectID: 'oid', sysObjectID_except: 'notOid', sysDescr: 'descr', sysDescr_except: 'notDescr' };
const PATTERN_KEYS: Record<string, 'regex' | 'notRegex' | 'oidRegex' | 'notOidRegex'> = {
  sysDescr_regex: 'regex',
  sysDescr_regex_except: 'notRegex',
  sysObjectID_regex: 'oidRegex',
  sysObjectID_regex_except: 'notOidRegex',
};

function ruleOf(raw: RawRule): FamilyRule | null {
  const r: FamilyRule = {};
  for (const [key, value] of Object.entries(raw)) {
    const text = TEXT_KEYS[key];
    const pattern = PATTERN_KEYS[key];
    if (text) r[text] = list(value as Strings);
    else if (pattern) {
      r[pattern] = patterns(value as Strings);
      // A positive condition whose every pattern was dropped cannot hold as written.
      if (!pattern.startsWith('not') && !r[pattern].length) return null;
    } else if (key === 'snmpget' || key === 'snmpwalk') {
      const g = value as RawGet;
      if (!g.oid) return null;
      const v = g.value;
      const oid = resolveOid(g.mib && !g.oid.includes('::') ? `${g.mib}::${g.oid}` : g.oid);
      if (!oid) return null;
      // `false` (YAML's) is what LibreNMS's GET gives for a missing object: `!= false` means "answers".
      const wanted = typeof v === 'boolean' ? v : Array.isArray(v) ? v.map(String) : String(v ?? '');
      r.get = { oid: oid.oid, op: g.op ?? 'contains', value: wanted, ...(oid.next || key === 'snmpwalk' ? { next: true as const } : {}) };
    } else {
      // snmpget_except and other rare keys: a rule we cannot evaluate faithfully is left out.
      return null;
    }
  }
  return Object.keys(r).length ? r : null;
}

/** Enterprise numbers of generic SNMP agents (enterprises.json entries with `agent`): their sysObjectID says nothing about the device. */
function agentEnterprises(): Set<string> {
  const e = (JSON.parse(readFileSync(ENTERPRISES, 'utf8')) as { enterprises: Record<string, { agent?: string }> }).enterprises;
  return new Set(Object.entries(e).filter(([, v]) => v.agent).map(([k]) => k));
}

/** A rule whose only positive condition is a sysObjectID prefix under a generic agent's enterprise. */
function onlyAgentOid(r: FamilyRule, agents: Set<string>): boolean {
  // Only negative conditions besides the prefix ("not VxWorks") still take in every other device of that agent.
  const positive = Object.keys(r).filter((k) => !k.startsWith('not'));
  if (positive.length !== 1 || !r.oid) return false;
  return r.oid.every((p) => agents.has(/^\.?1\.3\.6\.1\.4\.1\.(\d+)/.exec(p)?.[1] ?? ''));
}

let mibs: Resolution | null = null;
let unresolved = 0;

/** "UBNT-MIB::fwVersion.1" or ".1.3.6.1.4.1.x.0" as a numeric OID; null when the MIBs read do not place it. */
function resolveOid(text: string): { oid: string; next: boolean } | null {
  const t = text.trim();
  if (/^\.?\d+(\.\d+)+$/.test(t)) return { oid: t.replace(/^\./, ''), next: false };
  const m = /^([A-Za-z][\w-]*)::([A-Za-z][\w-]*)(.*)$/.exec(t);
  const base = m && mibs ? mibs.oidOf(m[1]!, m[2]!) : null;
  if (!m || !base) {
    unresolved++;
    return null;
  }
  const index = m[3]!;
  if (index === '') return { oid: base, next: true };
  // A quoted string index is its length and its characters (an implied-length OCTET STRING index).
  const quoted = /^\."([^"]*)"$/.exec(index);
  if (quoted) return { oid: [base, quoted[1]!.length, ...[...quoted[1]!].map((c) => c.charCodeAt(0))].join('.'), next: false };
  if (/^(\.\d+)+$/.test(index)) return { oid: base + index, next: false };
  unresolved++;
  return null;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function vendorAndOs(text: string, icon: string | null, curated: Record<string, string>): { vendor: string | null; os: string } {
  const words = text.trim().split(/\s+/);
  const named = icon ? curated[icon] : undefined;
  // "A10 Networks": the display name is the maker's; the OS has no other name here.
  if (named && norm(text) === norm(named)) return { vendor: named, os: text.trim() };
  if (named && text.toLowerCase().startsWith(`${named.toLowerCase()} `)) return { vendor: named, os: text.trim().slice(named.length + 1) };
  const first = words[0] ?? '';
  const iconKey = icon ? norm(icon) : '';
  const firstNamesMaker = words.length > 1 && iconKey !== '' && (norm(first).startsWith(iconKey) || iconKey.startsWith(norm(first)));
  if (firstNamesMaker) return { vendor: curated[icon ?? ''] ?? first, os: words.slice(1).join(' ') };
  const fromCurated = icon ? curated[icon] : undefined;
  // The display name may start with a maker the icon does not name (Ubiquiti's icon for "EdgeSwitch").
  if (fromCurated && words.length > 1 && norm(first) === norm(fromCurated)) return { vendor: fromCurated, os: words.slice(1).join(' ') };
  const makers = new Set([...Object.keys(curated), ...Object.values(curated)].map(norm));
  if (words.length > 1 && makers.has(norm(first))) {
    const known = curated[first.toLowerCase()] ?? Object.values(curated).find((v) => norm(v) === norm(first));
    return { vendor: known ?? first, os: words.slice(1).join(' ') };
  }
  const titled = icon && icon !== 'generic' ? icon.charAt(0).toUpperCase() + icon.slice(1) : null;
  return { vendor: fromCurated ?? titled, os: text.trim() };
}

function main(): void {
  const { values } = parseArgs({ options: { librenms: { type: 'string' } } });
  const dir = values.librenms;
  if (!dir) throw new Error('usage: node scripts/generate-os-families.ts --librenms <git dir>');
  // LibreNMS's own MIBs place the MIB::name OIDs its extra-GET rules use.
  const snapshot = readSnapshot(dir, undefined, 'mibs/');
  mibs = resolveMibs(snapshot.files.filter((f) => f.text.includes('DEFINITIONS')).flatMap((f) => parseMib(f.text)));
  const git = (...a: string[]): string => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const commit = git('rev-parse', 'HEAD').trim();
  const date = git('log', '-1', '--format=%cs').trim();
  const curated = (JSON.parse(readFileSync(VENDOR_NAMES, 'utf8')) as { names: Record<string, string> }).names;
  const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'includes/definitions/').split('\n');
  const defs = files.filter((f) => /^includes\/definitions\/[^/]+\.yaml$/.test(f)).sort();
  const fieldFiles = new Set(files.filter((f) => /^includes\/definitions\/discovery\/[^/]+\.yaml$/.test(f)));
  const families: Family[] = [];
  let rulesDropped = 0;
  let broad = 0;
  const agents = agentEnterprises();
  for (const f of defs) {
    const d = yaml.load(git("show", `HEAD:${f}`), { json: true }) as RawDefinition;
    if (!d?.os || !d.discovery?.length) continue;
    const rules: FamilyRule[] = [];
    for (const raw of d.discovery) {
      const r = ruleOf(raw);
      if (r && !GENERIC.includes(d.os) && onlyAgentOid(r, agents)) broad++;
      else if (r) rules.push(r);
      else rulesDropped++;
    }
    if (!rules.length) continue;
    const icon = d.icon ?? null;
    const { vendor, os } = vendorAndOs(d.text ?? d.os, icon, curated);
    const family: Family = { id: d.os, name: d.text ?? d.os, vendor, os, kind: d.type?.trim().toLowerCase() ?? null, icon, rules };
    const fieldsFile = `includes/definitions/discovery/${d.os}.yaml`;
    if (fieldFiles.has(fieldsFile)) {
      const m = yaml.load(git('show', `HEAD:${fieldsFile}`)) as { modules?: { os?: { sysDescr_regex?: Strings } } } | null;
      const fields = patterns(m?.modules?.os?.sysDescr_regex);
      if (fields.length) family.fields = fields;
    }
    if (GENERIC.includes(d.os)) family.late = 2;
    else if (rules.some((r) => r.get)) family.late = 1;
    families.push(family);
  }
  const about =
    `Operating-system families and how to recognise them from the system group, as facts taken from LibreNMS's OS definitions ` +
    `(librenms/librenms includes/definitions/*.yaml and includes/definitions/discovery/*.yaml at commit ${commit}, ${date}; read from its mirror baclaeys/librenms) ` +
    `by scripts/generate-os-families.ts, which explains the format. ${families.length} families; ${rulesDropped} rules and ${dropped} patterns left out (conditions we cannot evaluate, patterns JavaScript cannot run), and ${broad} rules that test nothing but a generic agent's sysObjectID (Net-SNMP, UCD-SNMP: every Linux box has it); ${unresolved} of the extra-GET OIDs were not found in LibreNMS's MIBs (mibs/), their rules left out. ` +
    `Do not edit by hand: curate vendor display names in vendor-names.json and device roles in family-roles.json, then regenerate.`;
  const text = `{\n"_about": ${JSON.stringify(about)},\n"families": [\n${families.map((x) => JSON.stringify(x)).join(',\n')}\n]\n}\n`;
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT}: ${families.length} families, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB; dropped ${rulesDropped} rules (${unresolved} unresolved OIDs), ${broad} too broad, ${dropped} patterns\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
