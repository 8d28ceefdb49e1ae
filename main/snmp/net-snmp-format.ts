/**
 * VarBinds printed as Net-SNMP's tools print them with `-On` and no MIB hints:
 * `.1.3.6.1.2.1.1.1.0 = STRING: "Linux ..."`, `= Timeticks: (1234) 0:00:12.34`, `= Hex-STRING: 00 1A ...`.
 */
import type { VarBind } from './varbind.ts';

/** `(8640123) 1 day, 0:00:01.23` like Net-SNMP. */
export function formatTimeticks(ticks: number): string {
  const centi = ticks % 100;
  let s = Math.floor(ticks / 100);
  const days = Math.floor(s / 86400);
  s %= 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const clock = `${h}:${p2(m)}:${p2(sec)}.${p2(centi)}`;
  const d = days === 0 ? '' : days === 1 ? '1 day, ' : `${days} days, `;
  return `(${ticks}) ${d}${clock}`;
}

/** Hex bytes as Net-SNMP prints them: upper case, a space after each byte, a new line every 16 bytes. */
function hexString(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push([...bytes.subarray(i, i + 16)].map((b) => `${b.toString(16).toUpperCase().padStart(2, '0')} `).join(''));
  }
  return lines.join('\n');
}

/** The part after `=`: `STRING: "x"`, `INTEGER: 1`, ... */
export function formatValue(vb: VarBind): string {
  switch (vb.type) {
    case 'Integer':
      return `INTEGER: ${vb.value}`;
    case 'OctetString':
      if (vb.bytes.length === 0) return '""';
      return vb.format === 'text' ? `STRING: "${vb.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `Hex-STRING: ${hexString(vb.bytes)}`;
    case 'ObjectIdentifier':
      return `OID: .${vb.value}`;
    case 'IpAddress':
      return `IpAddress: ${vb.value}`;
    case 'Counter32':
      return `Counter32: ${vb.value}`;
    case 'Gauge32':
      return `Gauge32: ${vb.value}`;
    case 'TimeTicks':
      return `Timeticks: ${formatTimeticks(vb.value)}`;
    case 'Counter64':
      return `Counter64: ${vb.value}`;
    case 'Opaque':
      return `OPAQUE: ${hexString(vb.bytes)}`;
    case 'Null':
      return 'NULL';
    case 'noSuchObject':
      return 'No Such Object available on this agent at this OID';
    case 'noSuchInstance':
      return 'No Such Instance currently exists at this OID';
    case 'endOfMibView':
      return 'No more variables left in this MIB View (It is past the end of the MIB tree)';
  }
}

/** One line: `.OID = TYPE: value`. */
export function formatVarBind(vb: VarBind): string {
  return `.${vb.oid} = ${formatValue(vb)}`;
}
