/**
 * One Zabbix item (or item prototype) → one TemplateItem of ours, given the numeric OID it reads.
 * Value type: text for CHAR/TEXT/LOG, a counter for CHANGE_PER_SECOND/SIMPLE_CHANGE, a state when
 * a value map names its integer values, else a gauge.
 */
import type { TemplateItem } from '../../api/templates.ts';
import type { MacroResolver } from './macros.ts';
import { mapPreprocessing } from './map-preprocessing.ts';
import { mibName, seconds, unitOf } from './naming.ts';
import type { ZbxItem, ZbxPreprocessingStep } from './zabbix-export.ts';

export interface ItemContext {
  macros: MacroResolver;
  /** Value maps of the template by name: value → text. */
  valueMaps: ReadonlyMap<string, Record<string, string>>;
}

export type BuiltItem = { ok: true; item: TemplateItem; notes: string[] } | { ok: false; reason: string };

const TEXT_TYPES = new Set(['CHAR', 'TEXT', 'LOG']);

export function buildItem(z: ZbxItem, oid: string, key: string, ctx: ItemContext, skip: ReadonlySet<ZbxPreprocessingStep> = new Set(), options: { interval: boolean } = { interval: true }): BuiltItem {
  const pre = mapPreprocessing(z.preprocessing ?? [], ctx.macros, skip);
  if (!pre.ok) return pre;
  const notes = [...pre.notes];
  const text = TEXT_TYPES.has((z.value_type ?? 'UNSIGNED').toUpperCase());
  if (text && pre.transforms.length > 0) return { ok: false, reason: 'a text item with numeric preprocessing' };
  const states = z.valuemap ? ctx.valueMaps.get(z.valuemap.name) : undefined;
  if (z.valuemap && !states) notes.push(`value map "${z.valuemap.name}" is not in the export or has no integer values: values are kept as numbers`);
  const valueType: TemplateItem['valueType'] = text ? 'text' : pre.counter ? 'counter' : states && pre.transforms.length === 0 ? 'state' : 'gauge';
  const unit = unitOf(z.units);
  const delay = z.delay !== undefined ? seconds(z.delay) : undefined;
  if (z.delay !== undefined && delay === undefined) notes.push(`interval ${z.delay} is not a plain duration: the default interval is used`);
  const intervalSec = options.interval && delay !== undefined ? Math.min(86_400, Math.max(10, delay)) : undefined;
  const item: TemplateItem = {
    key,
    name: z.name.slice(0, 128),
    oid,
    mib: mibName(z.key, z.description),
    valueType,
    transforms: pre.transforms,
    ...(unit !== undefined ? { unit } : {}),
    ...(intervalSec !== undefined ? { intervalSec } : {}),
    ...(valueType === 'state' && states ? { states } : {}),
  };
  return { ok: true, item, notes };
}

/** Why an item of this type cannot be polled by WARD FLUX (undefined: it is SNMP or DEPENDENT, decided by the caller). */
export function unsupportedType(type: string | undefined): string | undefined {
  const t = (type ?? 'ZABBIX_PASSIVE').toUpperCase();
  switch (t) {
    case 'SNMP_AGENT':
    case 'DEPENDENT':
      return undefined;
    case 'CALCULATED':
      return 'calculated item (a formula over other items): no equivalent';
    case 'SIMPLE':
      return 'simple check (ICMP ping, TCP): WARD FLUX pings every monitored device itself (ping_rtt_ms, ping_loss_pct)';
    case 'SNMP_TRAP':
      return 'SNMP traps are not received by WARD FLUX';
    case 'INTERNAL':
      return 'Zabbix internal item';
    default:
      return `${t} items are not SNMP`;
  }
}

/** Integer value → text of a value map's exact mappings (ranges, regexps and defaults have no equivalent). */
export function valueMapStates(mappings: readonly { value?: string | undefined; newvalue: string; type?: string | undefined }[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const m of mappings) {
    const type = (m.type ?? 'EQUAL').toUpperCase();
    if (type !== 'EQUAL' || m.value === undefined || !/^-?\d+$/.test(m.value.trim())) continue;
    out[m.value.trim()] = m.newvalue.slice(0, 64);
  }
  return Object.keys(out).length ? out : undefined;
}
