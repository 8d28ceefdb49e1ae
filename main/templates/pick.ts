import type { TemplateBody } from '../api/templates.ts';

export interface PickCandidate {
  id: string;
  name: string;
  match: TemplateBody['match'];
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
  reason: string;
}

function normaliseOid(oid: string): string {
  return oid.trim().replace(/^\./, '').replace(/^iso\./, '1.');
}

/** sysObjectID `oid` is `prefix` or below it. */
function under(oid: string, prefix: string): boolean {
  return oid === prefix || oid.startsWith(`${prefix}.`);
}

function score(t: PickCandidate, oid: string, sysDescr: string): Scored | undefined {
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
  if (!best && descr === undefined) return undefined;
  const reasons: string[] = [];
  if (best) reasons.push(`sysObjectID ${oid} is under ${best}`);
  if (descr !== undefined) reasons.push(`sysDescr matches /${descr}/i`);
  return { t, prefixArcs: best ? best.split('.').length : 0, descr, reason: reasons.join(' and ') };
}

/**
 * The best template for a device: among templates whose rules match (a sysObjectID prefix or a
 * sysDescr pattern), the highest priority wins, then the longest sysObjectID prefix, then one
 * that matches on both. Nothing matching: the fallback (generic MIB-II) template.
 */
export function pickTemplate(templates: readonly PickCandidate[], sysObjectId: string, sysDescr: string, fallbackId: string): PickResult {
  const oid = normaliseOid(sysObjectId);
  const matches = templates
    .map((t) => score(t, oid, sysDescr))
    .filter((s): s is Scored => s !== undefined)
    .sort(
      (a, b) =>
        b.t.match.priority - a.t.match.priority ||
        b.prefixArcs - a.prefixArcs ||
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
