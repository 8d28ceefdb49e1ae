/**
 * Which operating-system family a host runs, from its system group, with the detection rules of
 * resources/classification/os-families.json (facts from LibreNMS's OS definitions; the generator,
 * scripts/generate-os-families.ts, documents the format). The semantics are the reference's:
 * a family's rule holds when all its conditions do (sysObjectID starts with one of `oid`, sysDescr
 * contains one of `descr` (case as written), matches one of `regex`, none of the `not*`, and the
 * value of `get`'s OID compares as its `op` says); families are tried in file order and the first
 * whose rule holds wins; families needing an extra GET come after the others, the generic ones
 * (airos, freebsd, linux) last. familyProbes says which OIDs the extra GET should read.
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
  get: z.strictObject({ oid: z.string().regex(/^\d+(\.\d+)+$/), op: z.string(), value: z.union([z.string(), z.array(z.string()), z.boolean()]), next: z.literal(true).optional() }).optional(),
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
  /** Needs one more OID's value (read in discovery's extra GET round; see familyProbes). */
  get?: { oid: string; op: string; value: string | string[] | boolean; next: boolean; regex?: RegExp[] };
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
  /** The value the matched rule's extra GET read (often the product's own name), or null. */
  probed: string | null;
}

/** A value pattern as LibreNMS writes it ('/^U.+/'), else the text as a pattern. */
function pcreLike(p: string): RegExp {
  const m = /^\/(.*)\/([imsu]*)$/s.exec(p);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(p);
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
    get: r.get && {
      oid: r.get.oid,
      op: r.get.op,
      value: r.get.value,
      next: r.get.next === true,
      regex: /regex/.test(r.get.op) ? [r.get.value].flat().filter((v): v is string => typeof v === 'string').map(pcreLike) : undefined,
    },
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

/** A rule's extra-GET condition, as the reference compares (a missing object is `false`). */
function getHolds(g: NonNullable<CompiledRule['get']>, values: Readonly<Record<string, string | null>> | undefined): boolean {
  if (!values || !(g.oid in values)) return false;
  const actual = values[g.oid] ?? '';
  if (typeof g.value === 'boolean') {
    const present = actual !== '';
    const want = g.value;
    if (g.op === '!=' || g.op === '!==') return present !== want;
    if (g.op === '=' || g.op === '==' || g.op === '===') return present === want;
    return false;
  }
  const expected = [g.value].flat();
  const negated = g.op.startsWith('not_');
  const op = negated ? g.op.slice(4) : g.op;
  let hit: boolean;
  switch (op) {
    case '=':
    case '==':
    case 'in_array':
      hit = expected.includes(actual);
      break;
    case '!=':
    case '!==':
      hit = !expected.includes(actual);
      break;
    case 'contains':
      hit = actual !== '' && expected.some((e) => actual.includes(e));
      break;
    case 'starts':
      hit = actual !== '' && expected.some((e) => actual.startsWith(e));
      break;
    case 'ends':
      hit = actual !== '' && expected.some((e) => actual.endsWith(e));
      break;
    case 'regex':
      hit = (g.regex ?? []).some((re) => re.test(actual));
      break;
    case 'exists':
      hit = actual !== '';
      break;
    default:
      return false;
  }
  return negated ? !hit : hit;
}

/** The system-group conditions of a rule (everything but its extra GET). */
function holdsWithoutGet(r: CompiledRule, oid: string, descr: string): boolean {
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

function holds(r: CompiledRule, oid: string, descr: string, values: Readonly<Record<string, string | null>> | undefined): boolean {
  return holdsWithoutGet(r, oid, descr) && (!r.get || getHolds(r.get, values));
}

/** At most this many extra OIDs per host: they ride in the one extra GET round of discovery (a PDU of 40 OIDs is ~1.5 KB). */
export const MAX_FAMILY_PROBES = 40;

/**
 * The OIDs whose values would decide between families for this system group: the extra-GET
 * conditions of rules whose other conditions already hold, in the order the families are tried,
 * up to the first family that holds without one (it wins whatever the values; for most devices
 * that is before any probe). `next`: ask for the first instance below the OID. Bounded by
 * MAX_FAMILY_PROBES.
 */
export function familyProbes(families: readonly OsFamily[], sysObjectID: string | null | undefined, sysDescr: string | null | undefined): { oid: string; next: boolean }[] {
  const oid = sysObjectID ? `.${sysObjectID.replace(/^\./, '')}` : '';
  const descr = sysDescr ?? '';
  const out = new Map<string, boolean>();
  const list = (): { oid: string; next: boolean }[] => [...out].map(([o, next]) => ({ oid: o, next }));
  for (const f of families) {
    for (const r of f.rules) {
      if (!holdsWithoutGet(r, oid, descr)) continue;
      // A family that holds without a GET wins: nothing after it can, so nothing more to ask.
      if (!r.get) return list();
      if (!out.has(r.get.oid)) out.set(r.get.oid, r.get.next);
      if (out.size >= MAX_FAMILY_PROBES) return list();
    }
  }
  return list();
}

function describe(r: CompiledRule, oid: string, descr: string): string {
  const parts: string[] = [];
  const prefix = r.oid?.filter((p) => oid.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix) parts.push(`sysObjectID ${prefix.replace(/^\./, '').replace(/\.$/, '')}${oid.length > prefix.length ? '.x' : ''}`);
  const text = r.descr?.find((p) => descr.includes(p));
  if (text) parts.push(`sysDescr contains "${text}"`);
  else if (r.regex) parts.push('sysDescr pattern');
  if (r.get) parts.push(`${r.get.oid}${r.get.next ? '.x' : ''} ${typeof r.get.value === 'boolean' ? (r.get.value === (r.get.op.startsWith('!')) ? 'is missing' : 'answers') : `${r.get.op} "${[r.get.value].flat().join('" or "')}"`}`);
  return parts.join(' and ') || 'sysDescr';
}

const clean = (v: string | undefined): string | null => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** The first family whose rule holds for this system group, with what its patterns read. */
export function matchFamily(
  families: readonly OsFamily[],
  sysObjectID: string | null | undefined,
  sysDescr: string | null | undefined,
  /** Values of familyProbes' OIDs, when discovery read them. */
  values?: Readonly<Record<string, string | null>>,
): FamilyMatch | null {
  // The rules write sysObjectID with its leading dot, as snmpget -On prints it.
  const oid = sysObjectID ? `.${sysObjectID.replace(/^\./, '')}` : '';
  const descr = sysDescr ?? '';
  if (!oid && !descr) return null;
  for (const family of families) {
    const rule = family.rules.find((r) => holds(r, oid, descr, values));
    if (!rule) continue;
    let groups: Record<string, string | undefined> = {};
    for (const re of family.fields) {
      const m = re.exec(descr);
      if (m) {
        groups = m.groups ?? {};
        break;
      }
    }
    const probed = rule.get && typeof rule.get.value !== 'boolean' ? clean(values?.[rule.get.oid] ?? undefined) : null;
    return {
      family,
      probed,
      evidence: describe(rule, oid, descr),
      hardware: clean(groups.hardware),
      version: clean(groups.version),
      serial: clean(groups.serial),
      features: clean(groups.features),
    };
  }
  return null;
}
