/**
 * Zabbix low-level discovery over an SNMP table → one table item of ours. Two forms:
 * - `discovery[{#MACRO},OID,...]` (Zabbix 6.0): the macros' columns, rows by {#SNMPINDEX};
 * - walk-based (6.4+/7.0): a `walk[...]` item (the rule itself, or its master item) and the rule's
 *   `SNMP walk to JSON` step naming the macros' columns.
 * Prototypes become columns: `OID.{#SNMPINDEX}` (SNMP) or a dependent item whose first step is
 * `SNMP walk value` of `OID.{#SNMPINDEX}`. The first column names the index; the macros used in the
 * prototypes' names pick the row's name (and {#IFALIAS} the alias). MATCHES_REGEX filters keep.
 */
import type { NotMapped } from '../../api/template-import.ts';
import type { TableItem, TemplateItem } from '../../api/templates.ts';
import { buildItem, type ItemContext, unsupportedType } from './map-item.ts';
import { withoutLldMacros } from './naming.ts';
import { parseSnmpOid } from './snmp-oid.ts';
import type { ZbxDiscoveryRule, ZbxItem, ZbxPreprocessingStep } from './zabbix-export.ts';

export interface DiscoveryContext extends ItemContext {
  /** Walk items of the template by key: what a dependent rule or prototype reads. */
  walks: ReadonlyMap<string, { item: ZbxItem; oids: string[] }>;
  /** A unique key for our template (a prototype's Zabbix key → our key). */
  nameKey(zabbixKey: string): string;
}

export interface MappedTable {
  table: TableItem;
  /** Zabbix prototype key → our column key. */
  columnKeys: Map<string, string>;
  notMapped: NotMapped[];
  notes: { name: string; note: string }[];
}

const ROW = '.{#SNMPINDEX}';

function kindOf(indexOid: string): { kind: TableItem['kind']; label: string } {
  if (/^1\.3\.6\.1\.2\.1\.(2\.2\.1|31\.1\.1\.1|10\.7\.2\.1)\./.test(`${indexOid}.`)) return { kind: 'interface', label: 'interface' };
  if (indexOid.startsWith('1.3.6.1.2.1.25.2.3.1.')) return { kind: 'storage', label: 'storage' };
  if (indexOid.startsWith('1.3.6.1.2.1.25.3.3.1.')) return { kind: 'processor', label: 'cpu' };
  return { kind: 'generic', label: 'row' };
}

/** The macro → column OID pairs of a rule, or why there are none. */
function ruleColumns(rule: ZbxDiscoveryRule, ctx: DiscoveryContext): { ok: true; columns: { macro: string; oid: string }[]; notes: string[] } | { ok: false; reason: string } {
  const type = (rule.type ?? '').toUpperCase();
  const steps = rule.preprocessing ?? [];
  const notes: string[] = [];
  if (type === 'SNMP_AGENT' && rule.snmp_oid) {
    const parsed = parseSnmpOid(rule.snmp_oid);
    if (parsed.form === 'discovery') {
      if (steps.length) notes.push(`discovery preprocessing (${steps.map((s) => s.type).join(', ')}) not kept: every row is polled`);
      return { ok: true, columns: parsed.columns, notes };
    }
    if (parsed.form === 'unsupported') return { ok: false, reason: parsed.reason };
    if (parsed.form !== 'walk') return { ok: false, reason: 'an SNMP discovery rule that is neither discovery[...] nor walk[...]' };
  } else if (type === 'DEPENDENT') {
    const master = rule.master_item ? ctx.walks.get(rule.master_item.key) : undefined;
    if (!master) return { ok: false, reason: `its master item ${rule.master_item?.key ?? '(none)'} is not an SNMP walk[] item` };
  } else {
    const why = unsupportedType(type);
    return { ok: false, reason: why ?? `${type} discovery is not SNMP` };
  }
  const toJson = steps.find((s) => s.type.toUpperCase() === 'SNMP_WALK_TO_JSON');
  if (!toJson) return { ok: false, reason: 'a walk-based rule without an "SNMP walk to JSON" step' };
  const others = steps.filter((s) => s !== toJson && !s.type.toUpperCase().startsWith('DISCARD_UNCHANGED'));
  if (others.length) return { ok: false, reason: `discovery preprocessing ${others.map((s) => s.type).join(', ')} cannot be mapped` };
  const p = toJson.parameters ?? [];
  const columns: { macro: string; oid: string }[] = [];
  for (let i = 0; i + 1 < p.length; i += 3) {
    const oid = (p[i + 1] as string).replace(/^\./, '');
    if (!/^[0-2](\.\d+)+$/.test(oid)) return { ok: false, reason: `SNMP walk to JSON column ${p[i + 1]} is not a numeric OID` };
    columns.push({ macro: (p[i] as string).startsWith('{#') ? (p[i] as string) : `{#${p[i]}}`, oid });
  }
  if (!columns.length) return { ok: false, reason: '"SNMP walk to JSON" names no columns' };
  return { ok: true, columns, notes };
}

/** A prototype's column OID and the steps already accounted for, or why it has none. */
function prototypeOid(proto: ZbxItem, ctx: DiscoveryContext): { ok: true; oid: string; skip: Set<ZbxPreprocessingStep> } | { ok: false; reason: string } {
  const type = (proto.type ?? '').toUpperCase();
  if (type === 'SNMP_AGENT' && proto.snmp_oid) {
    const inner = /^get\[(.*)\]$/.exec(proto.snmp_oid.trim())?.[1] ?? proto.snmp_oid;
    const parsed = parseSnmpOid(inner);
    if (parsed.form === 'oid' && parsed.perRow) return { ok: true, oid: parsed.oid, skip: new Set() };
    if (parsed.form === 'unsupported') return { ok: false, reason: parsed.reason };
    return { ok: false, reason: `OID ${proto.snmp_oid} is not a column of the discovered rows (OID.{#SNMPINDEX})` };
  }
  if (type === 'DEPENDENT') {
    const first = proto.preprocessing?.[0];
    const param = first?.parameters?.[0] ?? '';
    if (first?.type.toUpperCase() === 'SNMP_WALK_VALUE' && proto.master_item && ctx.walks.has(proto.master_item.key) && param.endsWith(ROW)) {
      const oid = param.slice(0, -ROW.length).replace(/^\./, '');
      if (/^[0-2](\.\d+)+$/.test(oid)) return { ok: true, oid, skip: new Set([first]) };
    }
    return { ok: false, reason: `depends on master item ${proto.master_item?.key ?? '(none)'} in a way that cannot be mapped (only "SNMP walk value" of OID.{#SNMPINDEX} can)` };
  }
  return { ok: false, reason: unsupportedType(type) ?? `${type} prototype` };
}

/** Row filters: `{#MACRO}` matches a regular expression → a pattern on that macro's column. */
function filtersOf(rule: ZbxDiscoveryRule, columns: { macro: string; oid: string }[], ctx: DiscoveryContext, mib: (oid: string) => string): { filters: TableItem['filters']; notes: string[] } {
  const filters: TableItem['filters'] = [];
  const notes: string[] = [];
  const evaltype = String((rule.filter as Record<string, unknown> | undefined)?.evaltype ?? 'AND_OR').toUpperCase();
  for (const c of rule.filter?.conditions ?? []) {
    const operator = (c.operator ?? 'MATCHES_REGEX').toUpperCase();
    const column = columns.find((col) => col.macro === c.macro);
    const resolved = ctx.macros.resolve(c.value ?? '');
    const pattern = resolved.ok ? resolved.text : undefined;
    let reason: string | undefined;
    if (evaltype === 'OR' || evaltype === 'FORMULA') reason = `filters combined with ${evaltype}`;
    else if (operator !== 'MATCHES_REGEX') reason = `operator ${operator}`;
    else if (!column) reason = `${c.macro} is not a column of the rule`;
    else if (pattern === undefined) reason = `macro ${(resolved as { missing: string }).missing} has no default`;
    else if (pattern.startsWith('@')) reason = `global regular expression ${pattern}`;
    else {
      try {
        new RegExp(pattern, 'iu');
      } catch {
        reason = `${pattern} is not a JavaScript regular expression`;
      }
    }
    if (reason || !column || pattern === undefined || filters.length >= 4) {
      notes.push(`filter ${c.macro} ${operator} ${c.value ?? ''} not kept (${reason ?? 'more than 4 filters'}): those rows are polled too`);
      continue;
    }
    filters.push({ oid: column.oid, mib: mib(column.oid), pattern: pattern.slice(0, 200) });
  }
  return { filters, notes };
}

export function mapDiscoveryRule(rule: ZbxDiscoveryRule, ctx: DiscoveryContext): { ok: true; mapped: MappedTable } | { ok: false; reason: string } {
  const cols = ruleColumns(rule, ctx);
  if (!cols.ok) return cols;
  const notMapped: NotMapped[] = [];
  const notes = cols.notes.map((note) => ({ name: rule.name, note }));
  const columnKeys = new Map<string, string>();
  const columns: TemplateItem[] = [];
  const prototypes = rule.item_prototypes ?? [];
  for (const proto of prototypes) {
    const src = prototypeOid(proto, ctx);
    if (!src.ok) {
      notMapped.push({ kind: 'prototype', name: `${rule.name}: ${proto.name}`, key: proto.key, reason: src.reason });
      continue;
    }
    if (columns.length >= 64) {
      notMapped.push({ kind: 'prototype', name: `${rule.name}: ${proto.name}`, key: proto.key, reason: 'more than 64 columns in one table' });
      continue;
    }
    const key = ctx.nameKey(proto.key);
    const built = buildItem({ ...proto, name: withoutLldMacros(proto.name) }, src.oid, key, ctx, src.skip, { interval: false });
    if (!built.ok) {
      notMapped.push({ kind: 'prototype', name: `${rule.name}: ${proto.name}`, key: proto.key, reason: built.reason });
      continue;
    }
    for (const note of built.notes) notes.push({ name: `${rule.name}: ${proto.name}`, note });
    columns.push(built.item);
    columnKeys.set(proto.key, key);
  }
  if (columns.length === 0) return { ok: false, reason: prototypes.length ? 'none of its item prototypes can be mapped (listed below)' : 'it has no item prototypes' };

  const first = cols.columns[0] as { macro: string; oid: string };
  const { kind, label } = kindOf(first.oid);
  // The LLD macro names the column (Zabbix gives no MIB object for it): {#IFNAME} → ZABBIX-LLD::IFNAME.
  const mibOf = (oid: string) => `ZABBIX-LLD::${(cols.columns.find((c) => c.oid === oid)?.macro ?? 'column').replace(/[^A-Za-z0-9]/g, '') || 'column'}`;
  const protoNames = prototypes.map((p) => p.name).join(' ');
  const named = cols.columns.filter((c) => c.macro !== '{#IFALIAS}' && protoNames.includes(c.macro));
  const alias = cols.columns.find((c) => c.macro === '{#IFALIAS}' && protoNames.includes(c.macro));
  const { filters, notes: filterNotes } = filtersOf(rule, cols.columns, ctx, mibOf);
  for (const note of filterNotes) notes.push({ name: rule.name, note });
  if (named.length > 4) notes.push({ name: rule.name, note: 'rows are named by the first 4 of the macros in the prototype names' });
  const tableKey = ctx.nameKey(rule.key);
  const table: TableItem = {
    key: tableKey,
    name: rule.name.slice(0, 128),
    kind,
    label,
    index: { oid: first.oid, mib: mibOf(first.oid) },
    nameColumns: named.slice(0, 4).map((c) => ({ oid: c.oid, mib: mibOf(c.oid) })),
    ...(alias ? { aliasColumn: { oid: alias.oid, mib: mibOf(alias.oid) } } : {}),
    filters,
    ...(kind === 'interface' ? { speed: [{ oid: '1.3.6.1.2.1.31.1.1.1.15', mib: 'IF-MIB::ifHighSpeed', bitsPerUnit: 1_000_000 }, { oid: '1.3.6.1.2.1.2.2.1.5', mib: 'IF-MIB::ifSpeed', bitsPerUnit: 1 }] } : {}),
    columns,
    derived: [],
  };
  return { ok: true, mapped: { table, columnKeys, notMapped, notes } };
}
