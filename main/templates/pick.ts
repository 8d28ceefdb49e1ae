import type { TemplateBody } from '../api/templates.ts';

export interface PickCandidate {
  id: string;
  name: string;
  match: TemplateBody['match'];
}

/** What the classifier named the device (main/discovery/classifier.ts); any of it may be unknown. */
export interface PickIdentity {
  /** The OS family id (os-families.json). */
  osFamily?: string | null | undefined;
  os?: string | null | undefined;
  vendor?: string | null | undefined;
  type?: string | null | undefined;
}

export interface PickResult {
  templateId: string;
  name: string;
  reason: string;
  alternatives: { templateId: string; name: string; reason: string }[];
}

interface Scored {
  t: PickCandidate;
  /** Arcs of the longest matching sysObjectID prefix (0: none). */
  prefixArcs: number;
  descr: string | undefined;
  /** Matched on the OS family id (the classifier's most specific word). */
  family: boolean;
  /** Which of OS (4), vendor (2) and type (1) matched. */
  identity: number;
  reason: string;
}

function normaliseOid(oid: string): string {
  return oid.trim().replace(/^\./, '').replace(/^iso\./, '1.');
}

/** sysObjectID `oid` is `prefix` or below it. */
function under(oid: string, prefix: string): boolean {
  return oid === prefix || oid.startsWith(`${prefix}.`);
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
const listed = (list: readonly string[] | undefined, v: string | null | undefined): string | undefined => (v ? list?.find((x) => same(x, v.trim())) : undefined);

function score(t: PickCandidate, oid: string, sysDescr: string, who: PickIdentity): Scored | undefined {
  let best = '';
  if (oid) for (const p of t.match.sysObjectIdPrefixes) if (under(oid, p) && p.length > best.length) best = p;
  let descr: string | undefined;
  if (sysDescr) {
    for (const pattern of t.match.sysDescrPatterns) {
      let re: RegExp;
      try {
        re = new RegExp(pattern, 'iu');
      } catch {
        continue;
      }
      if (re.test(sysDescr)) {
        descr = pattern;
        break;
      }
    }
  }
  const family = listed(t.match.osFamilies, who.osFamily);
  const os = listed(t.match.os, who.os);
  const vendor = listed(t.match.vendors, who.vendor);
  const type = listed(t.match.types, who.type);
  if (!best && descr === undefined && !family && !os && !vendor && !type) return undefined;
  const reasons: string[] = [];
  if (family) reasons.push(`the classifier's OS family is ${family}`);
  if (os) reasons.push(`the OS is ${os}`);
  if (vendor) reasons.push(`the vendor is ${vendor}`);
  if (best) reasons.push(`sysObjectID ${oid} is under ${best}`);
  if (descr !== undefined) reasons.push(`sysDescr matches /${descr}/i`);
  if (type) reasons.push(`the device type is ${type}`);
  // OS names more than a vendor, a vendor more than a device type.
  const identity = (os ? 4 : 0) + (vendor ? 2 : 0) + (type ? 1 : 0);
  return { t, prefixArcs: best ? best.split('.').length : 0, descr, family: !!family, identity, reason: reasons.join(' and ') };
}

/**
 * The best template for a device: among templates whose rules match (a sysObjectID prefix, a
 * sysDescr pattern, or the classifier's OS family, OS, vendor or type), the highest priority wins,
 * then one matching the OS family, then the longest sysObjectID prefix, then the one matching the
 * OS, else the vendor, else the type, then one matching sysDescr too. Nothing matching: the fallback (generic
 * MIB-II) template.
 */
export function pickTemplate(templates: readonly PickCandidate[], sysObjectId: string, sysDescr: string, fallbackId: string, who: PickIdentity = {}): PickResult {
  const oid = normaliseOid(sysObjectId);
  const matches = templates
    .map((t) => score(t, oid, sysDescr, who))
    .filter((s): s is Scored => s !== undefined)
    .sort(
      (a, b) =>
        b.t.match.priority - a.t.match.priority ||
        Number(b.family) - Number(a.family) ||
        b.prefixArcs - a.prefixArcs ||
        b.identity - a.identity ||
        Number(b.descr !== undefined) - Number(a.descr !== undefined) ||
        a.t.id.localeCompare(b.t.id),
    );
  const [first, ...rest] = matches;
  const alternatives = rest.map((s) => ({ templateId: s.t.id, name: s.t.name, reason: s.reason }));
  if (first) return { templateId: first.t.id, name: first.t.name, reason: first.reason, alternatives };
  const fallback = templates.find((t) => t.id === fallbackId);
  return {
    templateId: fallbackId,
    name: fallback?.name ?? fallbackId,
    reason: oid || sysDescr ? 'No template matches this sysObjectID or sysDescr: generic MIB-II' : 'No sysObjectID or sysDescr known: generic MIB-II',
    alternatives,
  };
}
