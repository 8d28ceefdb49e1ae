/**
 * One Zabbix template → a WARD FLUX template body and its import report: scalar SNMP items,
 * tables from discovery rules, alert rules from simple triggers (on items, prototypes, and the
 * export's one-item triggers), and, with the reason, everything else.
 */
import type { ImportedAlert, ImportNote, MappedEntry, NotMapped } from '../../api/template-import.ts';
import type { z } from 'zod';
import type { TableItem, TemplateAlert, TemplateBody, TemplateItem } from '../../api/templates.ts';
import { createMacroResolver } from './macros.ts';
import { mapDiscoveryRule } from './map-discovery.ts';
import { buildItem, unsupportedType, valueMapStates } from './map-item.ts';
import { mapTrigger } from './map-trigger.ts';
import { createKeyNamer, templateIdOf, withoutLldMacros } from './naming.ts';
import { parseSnmpOid } from './snmp-oid.ts';
import type { ZbxItem, ZbxPreprocessingStep, ZbxTemplate, ZbxTrigger } from './zabbix-export.ts';

export interface MappedTemplate {
  /** The template as written (validated by the caller with the real schema, TemplateBody). */
  body: z.input<typeof TemplateBody> & { id: string };
  mapped: MappedEntry[];
  alerts: ImportedAlert[];
  notMapped: NotMapped[];
  notes: ImportNote[];
}

const MAX_ITEMS = 200;
const MAX_TABLES = 32;

/** Triggers of the export (not on an item) that name this template's items. */
function triggersOf(template: ZbxTemplate, exportTriggers: readonly ZbxTrigger[]): ZbxTrigger[] {
  const host = `/${template.template}/`;
  return exportTriggers.filter((t) => t.expression.includes(host));
}

export function mapTemplate(template: ZbxTemplate, exportTriggers: readonly ZbxTrigger[] = []): MappedTemplate {
  const macros = createMacroResolver(template.macros ?? []);
  const valueMaps = new Map<string, Record<string, string>>();
  for (const vm of template.valuemaps ?? []) {
    const states = valueMapStates(vm.mappings ?? []);
    if (states) valueMaps.set(vm.name, states);
  }
  const nameKey = createKeyNamer();
  const ctx = { macros, valueMaps };
  const mapped: MappedEntry[] = [];
  const notMapped: NotMapped[] = [];
  const notes: ImportNote[] = [];
  const alerts: ImportedAlert[] = [];
  const items: TemplateItem[] = [];
  const tables: TableItem[] = [];
  /** Zabbix key → our key, for the triggers. */
  const keys = new Map<string, string>();

  const allItems = template.items ?? [];
  // Walk items are read by the rules and items built on them, not stored themselves.
  const walks = new Map<string, { item: ZbxItem; oids: string[] }>();
  for (const it of allItems) {
    if ((it.type ?? '').toUpperCase() !== 'SNMP_AGENT' || !it.snmp_oid) continue;
    const p = parseSnmpOid(it.snmp_oid);
    if (p.form === 'walk') walks.set(it.key, { item: it, oids: p.oids });
  }
  const usedWalks = new Set<string>();

  for (const it of allItems) {
    const why = unsupportedType(it.type);
    if (why) {
      notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: why });
      continue;
    }
    let oid: string | undefined;
    let skip = new Set<ZbxPreprocessingStep>();
    if ((it.type ?? '').toUpperCase() === 'SNMP_AGENT') {
      const p = parseSnmpOid(it.snmp_oid ?? '');
      if (p.form === 'walk') continue; // listed below: used, or not
      if (p.form === 'unsupported') {
        notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: p.reason });
        continue;
      }
      if (p.form === 'discovery' || p.perRow) {
        notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: `OID ${it.snmp_oid} is not a single object` });
        continue;
      }
      oid = p.oid;
    } else {
      // DEPENDENT: only "SNMP walk value" of one object of a walk item.
      const first = it.preprocessing?.[0];
      const master = it.master_item?.key;
      const param = (first?.parameters?.[0] ?? '').replace(/^\./, '');
      if (master && walks.has(master) && first?.type.toUpperCase() === 'SNMP_WALK_VALUE' && /^[0-2](\.\d+)+$/.test(param)) {
        oid = param;
        skip = new Set([first]);
        usedWalks.add(master);
      } else {
        const steps = (it.preprocessing ?? []).map((s) => s.type).join(', ') || 'none';
        notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: `dependent item of ${master ?? '(no master)'} (preprocessing: ${steps}): only "SNMP walk value" of one object of a walk[] item can be mapped` });
        continue;
      }
    }
    if (items.length >= MAX_ITEMS) {
      notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: `more than ${MAX_ITEMS} items` });
      continue;
    }
    const key = nameKey(it.key);
    const built = buildItem(it, oid, key, ctx, skip);
    if (!built.ok) {
      notMapped.push({ kind: 'item', name: it.name, key: it.key, reason: built.reason });
      continue;
    }
    items.push(built.item);
    keys.set(it.key, key);
    mapped.push({ kind: 'item', name: it.name, zabbixKey: it.key, key, ...(built.item.unit ? { unit: built.item.unit } : {}) });
    for (const note of built.notes) notes.push({ name: it.name, note });
  }

  const ruleTriggers: { trigger: ZbxTrigger; columnKeys: Map<string, string> }[] = [];
  for (const rule of template.discovery_rules ?? []) {
    if (rule.master_item) usedWalks.add(rule.master_item.key);
    for (const p of rule.item_prototypes ?? []) if (p.master_item) usedWalks.add(p.master_item.key);
    if (tables.length >= MAX_TABLES) {
      notMapped.push({ kind: 'discovery', name: rule.name, key: rule.key, reason: `more than ${MAX_TABLES} tables` });
      continue;
    }
    const result = mapDiscoveryRule(rule, { ...ctx, walks, nameKey });
    if (!result.ok) {
      notMapped.push({ kind: 'discovery', name: rule.name, key: rule.key, reason: result.reason });
      for (const p of rule.item_prototypes ?? []) {
        notMapped.push({ kind: 'prototype', name: `${rule.name}: ${p.name}`, key: p.key, reason: 'its discovery rule was not mapped' });
        for (const t of p.trigger_prototypes ?? []) notMapped.push({ kind: 'trigger', name: t.name, reason: 'its discovery rule was not mapped' });
      }
      for (const t of rule.trigger_prototypes ?? []) notMapped.push({ kind: 'trigger', name: t.name, reason: 'its discovery rule was not mapped' });
      continue;
    }
    const { table, columnKeys } = result.mapped;
    tables.push(table);
    notMapped.push(...result.mapped.notMapped);
    notes.push(...result.mapped.notes);
    mapped.push({ kind: 'table', name: rule.name, zabbixKey: rule.key, key: table.key });
    for (const c of table.columns) {
      const zabbixKey = [...columnKeys].find(([, v]) => v === c.key)?.[0] ?? c.key;
      mapped.push({ kind: 'column', name: c.name, zabbixKey, key: `${table.key}.${c.key}`, ...(c.unit ? { unit: c.unit } : {}) });
    }
    for (const p of rule.item_prototypes ?? []) for (const t of p.trigger_prototypes ?? []) ruleTriggers.push({ trigger: t, columnKeys });
    for (const t of rule.trigger_prototypes ?? []) ruleTriggers.push({ trigger: t, columnKeys });
  }

  for (const [key, w] of walks) {
    if (usedWalks.has(key)) notes.push({ name: w.item.name, note: 'SNMP walk item: its columns are read by the items and tables built on it' });
    else notMapped.push({ kind: 'item', name: w.item.name, key, reason: 'an SNMP walk item nothing mappable reads (its values are JSON for dependent items)' });
  }

  /** `perRow`: a prototype's trigger watches every row, so its rule's name loses the row's macros (the report keeps Zabbix's). */
  const addTrigger = (t: ZbxTrigger, lookup: (k: string) => string | undefined, perRow = false) => {
    const r = mapTrigger(t, macros, lookup);
    if (!r.ok) {
      notMapped.push({ kind: 'trigger', name: t.name, reason: `${r.reason}: ${t.expression}`.slice(0, 500) });
      return;
    }
    alerts.push(perRow ? { ...r.alert, name: withoutLldMacros(r.alert.name) } : r.alert);
    for (const note of r.notes) notes.push({ name: t.name, note });
  };
  for (const it of allItems) for (const t of it.triggers ?? []) addTrigger(t, (k) => keys.get(k));
  for (const t of triggersOf(template, exportTriggers)) addTrigger(t, (k) => keys.get(k));
  for (const { trigger, columnKeys } of ruleTriggers) addTrigger(trigger, (k) => columnKeys.get(k), true);

  for (const linked of template.templates ?? []) {
    notMapped.push({ kind: 'template', name: linked.name, reason: 'a linked template: import its export too (its items are not part of this one)' });
  }

  const name = (template.name ?? template.template).slice(0, 128);
  const description = `Imported from the Zabbix template "${template.template}".${template.description ? `\n\n${template.description}` : ''}`.slice(0, 2000);
  const alertKey = createKeyNamer();
  const templateAlerts: TemplateAlert[] = alerts.map((a) => ({ key: alertKey(a.name), name: a.name, severity: a.severity, condition: a.condition }));
  const body: z.input<typeof TemplateBody> & { id: string } = { id: templateIdOf(template.template), name, description, items, derived: [], tables, alerts: templateAlerts };
  return { body, mapped, alerts, notMapped, notes };
}
