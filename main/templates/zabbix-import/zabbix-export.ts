/**
 * Reads a Zabbix template export (YAML or XML, as Zabbix 6.0 and 7.0 write them; 6.2+ and 8.0
 * have the same shape) into plain objects: `{ version, templates: [...] }`. The XML form's list
 * wrappers (`<items><item>…</item></items>`) become arrays, so both forms read the same way. Only
 * the shape the importer needs is checked (zod, unknown fields kept); the mapping is elsewhere.
 */
import { XMLParser } from 'fast-xml-parser';
import yaml from 'js-yaml';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';

const Text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const List = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const ZbxPreprocessingStep = z.looseObject({
  type: Text,
  parameters: List(Text.nullable().transform((v) => v ?? '')).optional(),
});
export type ZbxPreprocessingStep = z.infer<typeof ZbxPreprocessingStep>;

export const ZbxTrigger = z.looseObject({
  name: Text,
  expression: Text,
  recovery_expression: Text.optional(),
  priority: Text.optional(),
  description: Text.optional(),
});
export type ZbxTrigger = z.infer<typeof ZbxTrigger>;

export const ZbxItem = z.looseObject({
  name: Text,
  type: Text.optional(),
  key: Text,
  snmp_oid: Text.optional(),
  delay: Text.optional(),
  value_type: Text.optional(),
  units: Text.optional(),
  description: Text.optional(),
  params: Text.optional(),
  valuemap: z.looseObject({ name: Text }).optional(),
  preprocessing: List(ZbxPreprocessingStep).optional(),
  master_item: z.looseObject({ key: Text }).optional(),
  triggers: List(ZbxTrigger).optional(),
  trigger_prototypes: List(ZbxTrigger).optional(),
});
export type ZbxItem = z.infer<typeof ZbxItem>;

export const ZbxDiscoveryRule = z.looseObject({
  name: Text,
  type: Text.optional(),
  key: Text,
  snmp_oid: Text.optional(),
  delay: Text.optional(),
  description: Text.optional(),
  preprocessing: List(ZbxPreprocessingStep).optional(),
  master_item: z.looseObject({ key: Text }).optional(),
  filter: z.looseObject({ conditions: List(z.looseObject({ macro: Text, value: Text.optional(), operator: Text.optional() })).optional() }).optional(),
  lld_macro_paths: List(z.looseObject({ lld_macro: Text, path: Text })).optional(),
  item_prototypes: List(ZbxItem).optional(),
  trigger_prototypes: List(ZbxTrigger).optional(),
});
export type ZbxDiscoveryRule = z.infer<typeof ZbxDiscoveryRule>;

export const ZbxValueMap = z.looseObject({
  name: Text,
  mappings: List(z.looseObject({ value: Text.optional(), newvalue: Text, type: Text.optional() })).optional(),
});

export const ZbxTemplate = z.looseObject({
  template: Text,
  name: Text.optional(),
  description: Text.optional(),
  items: List(ZbxItem).optional(),
  discovery_rules: List(ZbxDiscoveryRule).optional(),
  macros: List(z.looseObject({ macro: Text, value: Text.optional().nullable() })).optional(),
  valuemaps: List(ZbxValueMap).optional(),
  templates: List(z.looseObject({ name: Text })).optional(),
});
export type ZbxTemplate = z.infer<typeof ZbxTemplate>;

export const ZbxExport = z.looseObject({
  version: Text,
  templates: List(ZbxTemplate),
  /** Zabbix 6.0+ exports triggers over several items here (the one-item ones sit on their item). */
  triggers: List(ZbxTrigger).optional(),
});
export type ZbxExport = z.infer<typeof ZbxExport>;

/** Tag names of the XML form's list elements: `<items>` holds `<item>`s, and so on. */
const XML_LISTS: Record<string, string> = {
  templates: 'template',
  items: 'item',
  item_prototypes: 'item_prototype',
  discovery_rules: 'discovery_rule',
  triggers: 'trigger',
  trigger_prototypes: 'trigger_prototype',
  preprocessing: 'step',
  parameters: 'parameter',
  macros: 'macro',
  valuemaps: 'valuemap',
  mappings: 'mapping',
  tags: 'tag',
  conditions: 'condition',
  groups: 'group',
  template_groups: 'template_group',
  dependencies: 'dependency',
  lld_macro_paths: 'lld_macro_path',
  graphs: 'graph',
  graph_prototypes: 'graph_prototype',
  graph_items: 'graph_item',
  dashboards: 'dashboard',
  pages: 'page',
  widgets: 'widget',
  fields: 'field',
  overrides: 'override',
  operations: 'operation',
};
const XML_ELEMENTS = new Set(Object.values(XML_LISTS));

/** `{ items: { item: [...] } }` → `{ items: [...] }`, all the way down. */
function unwrapXmlLists(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unwrapXmlLists);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const element = XML_LISTS[k];
    if (element !== undefined && (v === '' || v === null)) out[k] = [];
    else if (element !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v) && element in v) out[k] = unwrapXmlLists((v as Record<string, unknown>)[element]);
    else out[k] = unwrapXmlLists(v);
  }
  return out;
}

export type ExportFormat = 'yaml' | 'xml';

/** YAML or XML, from the first non-blank character (an XML export starts with `<`). */
export function detectFormat(text: string): ExportFormat {
  return text.trimStart().replace(/^\uFEFF/, '').startsWith('<') ? 'xml' : 'yaml';
}

function parseXml(text: string): unknown {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    // Lists of objects are arrays even with one element; a leaf of the same name (a template's own `<template>` name) stays text.
    isArray: (name, _path, isLeaf) => !isLeaf && XML_ELEMENTS.has(name),
  });
  return unwrapXmlLists(parser.parse(text));
}

/** Parses an export; a file that is not a Zabbix template export is a ValidationError saying why. */
export function parseZabbixExport(text: string): { format: ExportFormat; export: ZbxExport } {
  const format = detectFormat(text);
  let doc: unknown;
  try {
    doc = format === 'xml' ? parseXml(text) : yaml.load(text, { json: true });
  } catch (err) {
    throw new ValidationError(`This is not readable ${format.toUpperCase()}: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).zabbix_export : undefined;
  if (root === undefined) throw new ValidationError('This is not a Zabbix export: it has no zabbix_export at the top.');
  const parsed = ZbxExport.safeParse(root);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`This Zabbix export cannot be read: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown shape'}`);
  }
  if (parsed.data.templates.length === 0) throw new ValidationError('This Zabbix export has no templates (hosts and other objects are not imported).');
  const major = Number(parsed.data.version.split('.')[0]);
  if (!(major >= 6)) throw new ValidationError(`This export is of Zabbix ${parsed.data.version}; templates from Zabbix 6.0 and later can be imported (export it again from 6.0 or newer).`);
  return { format, export: parsed.data };
}
