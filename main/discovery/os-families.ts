/**
 * Which operating-system family a host runs, from its system group, with the detection rules of
 * resources/classification/os-families.json (facts from LibreNMS's OS definitions; the generator,
 * scripts/generate-os-families.ts, documents the format). The semantics are the reference's:
 * a family's rule holds when all its conditions do (sysObjectID starts with one of `oid`, sysDescr
 * contains one of `descr` (case as written), matches one of `regex`, and none of the `not*`);
 * families are tried in file order and the first whose rule holds wins; families needing an extra
 * GET come after the others, the generic ones (airos, freebsd, linux) last.
 * A family's `fields` patterns then read hardware, version, serial and features from sysDescr.
 */
import { z } from 'zod';

const Pattern = z.string().regex(/^\/.*\/[imsu]*$/s, 'a pattern as /source/flags');
const Rule = z.strictObject({
  oid: z.array(z.string()).optional(),
  notOid: z.array(z.string()).optional(),
  descr: z.array(z.string()).optional(),
  notDescr: z.array(z.string()).optional(),
  regex: z.array(Pattern).optional(),
  notRegex: z.array(Pattern).optional(),
  oidRegex: z.array(Pattern).optional(),
  notOidRegex: z.array(Pattern).optional(),
  get: z.strictObject({ oid: z.string(), op: z.string(), value: z.union([z.string(), z.array(z.string())]) }).optional(),
});
const FamilySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  vendor: z.string().nullable(),
  os: z.string().min(1),
  kind: z.string().nullable(),
  icon: z.string().nullable(),
  rules: z.array(Rule).min(1),
  fields: z.array(Pattern).optional(),
  late: z.union([z.literal(1), z.literal(2)]).optional(),
});
export const OsFamiliesFile = z.object({ families: z.array(FamilySchema) });

type RawRule = z.infer<typeof Rule>;

interface CompiledRule {
  oid?: string[];
  notOid?: string[];
  descr?: string[];
  notDescr?: string[];
  regex?: RegExp[];
  notRegex?: RegExp[];
  oidRegex?: RegExp[];
  notOidRegex?: RegExp[];
  /** Needs a value we read only in LibreNMS's extra GET: such a rule never holds here. */
  needsGet: boolean;
}

export interface OsFamily {
  id: string;
  /** Display name ("Cisco IOS-XE"). */
  name: string;
  vendor: string | null;
  /** The OS without its maker ("IOS-XE"). */
  os: string;
  /** The reference's device kind: network, wireless, power, firewall, server, storage, ... */
  kind: string | null;
  /** A generic OS (Linux, FreeBSD, airOS) tried last: what runs under many appliances. */
  generic: boolean;
  rules: CompiledRule[];
  fields: RegExp[];
}

export interface FamilyMatch {
  family: OsFamily;
  /** What the matched rule looked at, for the reasons. */
  evidence: string;
  hardware: string | null;
  version: string | null;
  serial: string | null;
  features: string | null;
}

export function compilePattern(p: string): RegExp {
  const end = p.lastIndexOf('/');
  return new RegExp(p.slice(1, end), p.slice(end + 1));
}

function compileRule(r: RawRule): CompiledRule {
  const re = (list: string[] | undefined): RegExp[] | undefined => list?.map(compilePattern);
  return {
    oid: r.oid,
    notOid: r.notOid,
    descr: r.descr,
    notDescr: r.notDescr,
    regex: re(r.regex),
    notRegex: re(r.notRegex),
    oidRegex: re(r.oidRegex),
    notOidRegex: re(r.notOidRegex),
    needsGet: r.get !== undefined,
  };
}

/** The families in the order they are tried. */
export function compileFamilies(data: unknown): OsFamily[] {
  const parsed = OsFamiliesFile.parse(data).families;
  const ordered = [...parsed.filter((f) => !f.late), ...parsed.filter((f) => f.late === 1), ...parsed.filter((f) => f.late === 2)];
  return ordered.map((f) => ({ id: f.id, name: f.name, vendor: f.vendor, os: f.os, kind: f.kind, generic: f.late === 2, rules: f.rules.map(compileRule), fields: (f.fields ?? []).map(compilePattern) }));
}

const anyStarts = (s: string, list: string[]): boolean => list.some((p) => s.startsWith(p));
const anyContains = (s: string, list: string[]): boolean => list.some((p) => s.includes(p));
const anyMatches = (s: string, list: RegExp[]): boolean => list.some((r) => r.test(s));

function holds(r: CompiledRule, oid: string, descr: string): boolean {
  if (r.needsGet) return false;
  if (r.oid && !anyStarts(oid, r.oid)) return false;
  if (r.notOid && anyStarts(oid, r.notOid)) return false;
  if (r.descr && !anyContains(descr, r.descr)) return false;
  if (r.notDescr && anyContains(descr, r.notDescr)) return false;
  if (r.regex && !anyMatches(descr, r.regex)) return false;
  if (r.notRegex && anyMatches(descr, r.notRegex)) return false;
  if (r.oidRegex && !anyMatches(oid, r.oidRegex)) return false;
  if (r.notOidRegex && anyMatches(oid, r.notOidRegex)) return false;
  return true;
}

function describe(r: CompiledRule, oid: string, descr: string): string {
  const parts: string[] = [];
  const prefix = r.oid?.filter((p) => oid.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix) parts.push(`sysObjectID ${prefix.replace(/^\./, '').replace(/\.$/, '')}${oid.length > prefix.length ? '.x' : ''}`);
  const text = r.descr?.find((p) => descr.includes(p));
  if (text) parts.push(`sysDescr contains "${text}"`);
  else if (r.regex) parts.push('sysDescr pattern');
  return parts.join(' and ') || 'sysDescr';
}

const clean = (v: string | undefined): string | null => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** The first family whose rule holds for this system group, with what its patterns read. */
export function matchFamily(families: readonly OsFamily[], sysObjectID: string | null | undefined, sysDescr: string | null | undefined): FamilyMatch | null {
  // The rules write sysObjectID with its leading dot, as snmpget -On prints it.
  const oid = sysObjectID ? `.${sysObjectID.replace(/^\./, '')}` : '';
  const descr = sysDescr ?? '';
  if (!oid && !descr) return null;
  for (const family of families) {
    const rule = family.rules.find((r) => holds(r, oid, descr));
    if (!rule) continue;
    let groups: Record<string, string | undefined> = {};
    for (const re of family.fields) {
      const m = re.exec(descr);
      if (m) {
        groups = m.groups ?? {};
        break;
      }
    }
    return {
      family,
      evidence: describe(rule, oid, descr),
      hardware: clean(groups.hardware),
      version: clean(groups.version),
      serial: clean(groups.serial),
      features: clean(groups.features),
    };
  }
  return null;
}
