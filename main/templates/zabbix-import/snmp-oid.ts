/**
 * The forms of a Zabbix SNMP item's `snmp_oid`: a plain OID (`1.3.6.1.2.1.1.3.0`, or a prototype's
 * `1.3.6.1.2.1.2.2.1.8.{#SNMPINDEX}`), `get[OID]`, `walk[OID,OID,...]` and the LLD form
 * `discovery[{#MACRO},OID,{#MACRO2},OID2,...]`. Textual OIDs (IF-MIB::ifDescr) need the MIB files
 * Zabbix has and we do not: they are reported, not guessed.
 */
export type SnmpOid =
  | { form: 'oid'; oid: string; perRow: boolean }
  | { form: 'walk'; oids: string[] }
  | { form: 'discovery'; columns: { macro: string; oid: string }[] }
  | { form: 'unsupported'; reason: string };

const NUMERIC = /^\.?[0-2](\.\d+)+$/;
const ROW_SUFFIX = '.{#SNMPINDEX}';

function numeric(s: string): string | undefined {
  const t = s.trim();
  return NUMERIC.test(t) ? t.replace(/^\./, '') : undefined;
}

function args(inner: string): string[] {
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseSnmpOid(raw: string): SnmpOid {
  const text = raw.trim();
  const call = /^(get|walk|discovery)\[(.*)\]$/s.exec(text);
  if (!call) {
    const base = text.endsWith(ROW_SUFFIX) ? text.slice(0, -ROW_SUFFIX.length) : text;
    const oid = numeric(base);
    if (oid) return { form: 'oid', oid, perRow: base !== text };
    if (/[A-Za-z]/.test(base) && !base.includes('{')) return { form: 'unsupported', reason: `textual OID ${base}: only numeric OIDs can be imported (Zabbix resolves names with MIB files)` };
    return { form: 'unsupported', reason: `OID ${text} is not a numeric OID` };
  }
  const [, fn, inner = ''] = call;
  const parts = args(inner);
  if (fn === 'get') {
    const oid = parts.length === 1 ? numeric(parts[0] as string) : undefined;
    return oid ? { form: 'oid', oid, perRow: false } : { form: 'unsupported', reason: `get[${inner}] is not one numeric OID` };
  }
  if (fn === 'walk') {
    const oids = parts.map(numeric);
    if (oids.length === 0 || oids.some((o) => o === undefined)) return { form: 'unsupported', reason: `walk[${inner}] has a non-numeric OID` };
    return { form: 'walk', oids: oids as string[] };
  }
  if (parts.length < 2 || parts.length % 2 !== 0) return { form: 'unsupported', reason: `discovery[${inner}] is not pairs of {#MACRO},OID` };
  const columns: { macro: string; oid: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const macro = parts[i] as string;
    const oid = numeric(parts[i + 1] as string);
    if (!/^\{#[A-Z0-9_.]+\}$/.test(macro) || !oid) return { form: 'unsupported', reason: `discovery[${inner}]: ${macro},${parts[i + 1]} is not a {#MACRO},numeric OID pair` };
    columns.push({ macro, oid });
  }
  return { form: 'discovery', columns };
}
