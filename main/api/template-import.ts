import { z } from 'zod';
import { Name } from './common.ts';
import { RuleCondition, Severity } from './alerts.ts';
import { TemplateId } from './templates.ts';

/**
 * Importing Zabbix templates (YAML or XML exports of Zabbix 6.0 and later) and testing a template
 * against one device. The import report lists what became part of the template and, with the
 * reason, everything that did not: nothing is dropped without a line in `notMapped`.
 */

export const ImportedAlert = z.object({
  name: Name,
  severity: Severity,
  /** The item (or table column) the rule watches. */
  itemKey: z.string(),
  condition: RuleCondition,
  /** The Zabbix expression it came from. */
  expression: z.string(),
});
export type ImportedAlert = z.infer<typeof ImportedAlert>;

export const NotMapped = z.object({
  kind: z.enum(['item', 'discovery', 'prototype', 'trigger', 'template', 'filter', 'macro']),
  name: z.string(),
  key: z.string().optional(),
  reason: z.string(),
});
export type NotMapped = z.infer<typeof NotMapped>;

export const ImportNote = z.object({ name: z.string(), note: z.string() });
export type ImportNote = z.infer<typeof ImportNote>;

export const MappedEntry = z.object({
  kind: z.enum(['item', 'table', 'column']),
  /** The Zabbix name and key... */
  name: z.string(),
  zabbixKey: z.string(),
  /** ...and the key in the WARD FLUX template (a column: table.column). */
  key: z.string(),
  unit: z.string().optional(),
});
export type MappedEntry = z.infer<typeof MappedEntry>;

export const TemplateImportReport = z.object({
  zabbixName: z.string(),
  templateId: TemplateId,
  name: Name,
  /** Stored as a user template (false on a dry run or when it failed). */
  stored: z.boolean(),
  /** Why it was not stored (a name in use, nothing SNMP in it, a limit). */
  error: z.string().optional(),
  counts: z.object({ items: z.number().int(), tables: z.number().int(), columns: z.number().int(), alerts: z.number().int(), notMapped: z.number().int() }),
  mapped: z.array(MappedEntry),
  alerts: z.array(ImportedAlert),
  notMapped: z.array(NotMapped),
  notes: z.array(ImportNote),
});
export type TemplateImportReport = z.infer<typeof TemplateImportReport>;

export const ImportReport = z.object({
  format: z.enum(['yaml', 'xml']),
  zabbixVersion: z.string(),
  templates: z.array(TemplateImportReport),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const TemplateImportInput = z.strictObject({
  /** The export's text, as Zabbix wrote it (YAML or XML). */
  content: z.string().min(1, 'The file is empty').max(16 * 1024 * 1024, 'At most 16 MiB'),
  /** A name for the imported template (an export with one template only); default: the Zabbix name. */
  name: Name.optional(),
  /** Map and report, store nothing. */
  dryRun: z.boolean().default(false),
});

/** One value a test poll read (or why it has none). */
export const TestValue = z.object({
  key: z.string(),
  name: z.string(),
  /** Table rows: the table's key and the row's name. */
  table: z.string().optional(),
  row: z.string().optional(),
  unit: z.string().optional(),
  value: z.number().nullable(),
  /** State items: the value's name (ifOperStatus 1 → up). */
  state: z.string().optional(),
  /** Text items, and what a wrong-typed answer held. */
  text: z.string().optional(),
  /** Why there is no value: no such object, timeout, wrong type, ... */
  reason: z.string().optional(),
});
export type TestValue = z.infer<typeof TestValue>;

export const TemplateTestResult = z.object({
  templateId: TemplateId,
  address: z.string(),
  status: z.enum(['ok', 'timeout', 'error']),
  message: z.string().optional(),
  durationMs: z.number().int(),
  values: z.array(TestValue),
});
export type TemplateTestResult = z.infer<typeof TemplateTestResult>;

export const TemplateTestInput = z.strictObject({
  templateId: TemplateId,
  /** Address or host name, with :port when not 161. */
  address: z.string().trim().min(1).max(300),
  /** Stored credentials to try, in order. */
  credentialIds: z.array(z.string().min(1).max(128)).min(1, 'Choose at least one credential').max(16),
});

export const templateImportProcedures = {
  'templates.import': { summary: 'Import the templates of a Zabbix export (YAML/XML, 6.0+): what was mapped and, with reasons, what was not', input: TemplateImportInput, output: ImportReport },
  'templates.test': { summary: 'Poll one template once against one device: every value with its unit, or why it has none', input: TemplateTestInput, output: TemplateTestResult },
} as const;
