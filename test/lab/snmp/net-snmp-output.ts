/**
 * Parses Net-SNMP tool output (`snmpwalk -On -Oe -Ox`) into canonical `oid -> "type:value"`
 * entries, and turns our VarBinds into the same form, so walks can be compared value by value.
 */
import type { VarBind } from '../../../main/snmp/index.ts';

export interface Canonical {
  oid: string;
  kind: string;
  value: string;
}

const LINE = /^\.(\d+(?:\.\d+)*) = (.*)$/;

/** Lines of `snmpwalk -On -Oe -Ox` (hex strings may continue on following lines). */
export function parseNetSnmpWalk(text: string): Canonical[] {
  const out: Canonical[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = LINE.exec(lines[i] ?? '');
    if (!m) continue;
    const oid = m[1] as string;
    let rest = m[2] as string;
    while (rest.startsWith('Hex-STRING:') && i + 1 < lines.length && !LINE.test(lines[i + 1] ?? '') && /^[0-9A-F ]+$/.test(lines[i + 1] ?? '')) rest += lines[++i];
    out.push({ oid, ...parseValue(rest) });
  }
  return out;
}

function parseValue(rest: string): { kind: string; value: string } {
  if (rest === '""') return { kind: 'octets', value: '' };
  const m = /^([\w-]+): ?(.*)$/s.exec(rest);
  if (!m) return { kind: 'unknown', value: rest };
  const [, type, v] = m as unknown as [string, string, string];
  switch (type) {
    case 'Hex-STRING':
      return { kind: 'octets', value: v.replace(/\s+/g, '').toLowerCase() };
    case 'STRING':
      return { kind: 'octets', value: Buffer.from(v.replace(/^"|"$/g, ''), 'latin1').toString('hex') };
    case 'INTEGER':
      return { kind: 'int', value: v.replace(/^.*\((-?\d+)\)$/, '$1') };
    case 'Timeticks':
      return { kind: 'ticks', value: /^\((\d+)\)/.exec(v)?.[1] ?? v };
    case 'OID':
      return { kind: 'oid', value: v.replace(/^\./, '') };
    default:
      return { kind: type.toLowerCase(), value: v };
  }
}

/** Our VarBind in the same canonical form. */
export function canonical(vb: VarBind): Canonical {
  switch (vb.type) {
    case 'OctetString':
      return { oid: vb.oid, kind: 'octets', value: vb.bytes.toString('hex') };
    case 'Integer':
      return { oid: vb.oid, kind: 'int', value: String(vb.value) };
    case 'TimeTicks':
      return { oid: vb.oid, kind: 'ticks', value: String(vb.value) };
    case 'ObjectIdentifier':
      return { oid: vb.oid, kind: 'oid', value: vb.value };
    default:
      return { oid: vb.oid, kind: vb.type.toLowerCase(), value: String(vb.value) };
  }
}

/** Counters and clocks move between two walks: compare their OID and type only. */
export function comparable(c: Canonical): Canonical {
  const volatile = c.kind === 'counter32' || c.kind === 'counter64' || c.oid === '1.3.6.1.2.1.1.3.0';
  return volatile ? { ...c, value: '*' } : c;
}
