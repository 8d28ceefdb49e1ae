/**
 * Names in our template format from Zabbix's: item keys (lower case, digits and _), MIB::object
 * names (from the "MIB: X" line Zabbix puts in descriptions and the object named in the key's
 * brackets), units, the template id.
 */

/** `system.cpu.util[hrProcessorLoad.{#SNMPINDEX}]` → base `system.cpu.util`, object `hrProcessorLoad`. */
export function splitKey(key: string): { base: string; object: string | undefined } {
  const m = /^([^[]+)(?:\[(.*)\])?$/s.exec(key.trim());
  const base = m?.[1] ?? key;
  const firstParam = (m?.[2] ?? '').split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
  const object = /^([A-Za-z][A-Za-z0-9]*)/.exec(firstParam)?.[1];
  return { base, object };
}

function slug(s: string, max: number): string {
  const t = s
    .toLowerCase()
    .replace(/\{#[^}]*\}/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const start = /^[a-z]/.test(t) ? t : `z_${t}`;
  return start.slice(0, max).replace(/_+$/, '');
}

/** Hands out unique item keys for one template (a second `net.if.in` becomes `net_if_in_ifinoctets`, then `_2`). */
export function createKeyNamer(): (zabbixKey: string) => string {
  const taken = new Set<string>();
  return (zabbixKey) => {
    const { base, object } = splitKey(zabbixKey);
    const candidates = [slug(base, 64), ...(object ? [slug(`${base}_${object}`, 64)] : [])];
    for (const c of candidates) {
      if (c && !taken.has(c)) {
        taken.add(c);
        return c;
      }
    }
    const stem = (candidates[candidates.length - 1] ?? 'item').slice(0, 60);
    for (let i = 2; ; i++) {
      const c = `${stem}_${i}`;
      if (!taken.has(c)) {
        taken.add(c);
        return c;
      }
    }
  };
}

/** `MIB::object` for an item: the MIB its description names (else ZABBIX-IMPORT), the object its key names (else one from the key). */
export function mibName(zabbixKey: string, description: string | undefined): string {
  const mib = /MIB:\s*([A-Za-z][A-Za-z0-9-]*)/.exec(description ?? '')?.[1] ?? 'ZABBIX-IMPORT';
  const { base, object } = splitKey(zabbixKey);
  const fromBase = base
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p, i) => (i === 0 ? p.toLowerCase() : p[0]?.toUpperCase() + p.slice(1)))
    .join('');
  const name = object ?? (/^[A-Za-z]/.test(fromBase) ? fromBase : `item${fromBase}`);
  return `${mib}::${name.slice(0, 64)}`;
}

/** Zabbix units → ours: `uptime`/`unixtime` are seconds, a leading `!` (no unit scaling) dropped. */
export function unitOf(units: string | undefined): string | undefined {
  if (units === undefined) return undefined;
  const u = units.trim().replace(/^!/, '');
  if (u === '') return undefined;
  if (u === 'uptime' || u === 's') return 's';
  if (u === 'unixtime') return 's';
  return u.slice(0, 32);
}

/** A template id from its Zabbix name: `zbx-` and the name in lower case with dashes. */
export function templateIdOf(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `zbx-${s}`.slice(0, 64).replace(/-+$/, '');
}

/** `5m` → 300, `1h` → 3600, `30` → 30; undefined for what is not a plain duration (macros, #counts). */
export function seconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhdw]?)$/.exec(text.trim());
  if (!m) return undefined;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as '' | 's' | 'm' | 'h' | 'd' | 'w'];
  return Math.round(Number(m[1]) * factor);
}

/** A Zabbix number: `90`, `-3.5`, `1K`, `10M` (1024-based, as Zabbix reads suffixes), `5m` (time suffixes, in seconds). */
export function numberOf(text: string): number | undefined {
  const m = /^(-?\d+(?:\.\d+)?)([KMGT]|[smhdw])?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2];
  if (!suffix) return n;
  const bytes: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
  if (suffix in bytes) return n * (bytes[suffix] as number);
  return seconds(`${m[1]}${suffix}`);
}

/**
 * A prototype's or trigger prototype's name without its LLD macros, which name the row here (the
 * row has its own label): "Interface {#IFNAME}({#IFALIAS}): Bits received" → "Bits received",
 * "{#ENT_NAME}: High CPU utilization" → "High CPU utilization".
 */
export function withoutLldMacros(name: string): string {
  const cut = name.lastIndexOf(': ');
  if (cut > 0 && /\{#[A-Z0-9_.]+\}/.test(name.slice(0, cut))) {
    const rest = name.slice(cut + 2).trim();
    if (!/\{#/.test(rest) && rest !== '') return rest[0]?.toUpperCase() + rest.slice(1);
  }
  const cleaned = name
    .replace(/\{#[A-Z0-9_.]+\}/g, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+:/g, ':')
    .trim();
  return cleaned === '' ? name : cleaned;
}
