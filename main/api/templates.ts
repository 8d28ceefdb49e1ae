import { z } from 'zod';
import { RuleCondition, Severity } from './alerts.ts';
import { Id, Name, Timestamp } from './common.ts';
import { DeviceType } from './discovery.ts';

/**
 * Monitoring templates: what to poll on a kind of device. Built-in templates ship as JSON in
 * resources/templates/ (read-only; duplicate one to change it); user templates live in the
 * database. Every OID carries its MIB name (`mib`: "IF-MIB::ifHCInOctets").
 *
 * A template may include other templates by id (`includes`: standard parts such as
 * "host-resources" or "if-mib"); they are merged when the template is loaded (templates/resolve.ts):
 * the template's own items, tables, derived items and alerts first, then each included template's
 * (depth first, in order), a key already taken being skipped, so a template overrides a part's item
 * by reusing its key and a part included twice is merged once. A template brings default alert
 * rules (`alerts`), installed when it is applied to a device. It is picked for a device by its
 * `match` rules: sysObjectID prefixes, sysDescr patterns, and the classifier's identity (OS family
 * id, OS, vendor, device type). The format is described in docs/templates.md.
 */

/** Numeric OID, dotted, without a leading dot. */
export const Oid = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\./, ''))
  .pipe(z.string().regex(/^[0-2](\.(0|[1-9]\d{0,9})){1,127}$/, 'Must be a numeric OID such as 1.3.6.1.2.1.1.3.0'));
export const MibName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*::[A-Za-z][A-Za-z0-9]*$/, 'Must be MIB::object, e.g. IF-MIB::ifHCInOctets');
/** Item keys are also metric names: lower case, digits and _. */
export const ItemKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'Keys are lower case letters, digits and _ (at most 64), starting with a letter');
export const TemplateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Template ids are lower case letters, digits and - (at most 64)');

const RegexSource = z
  .string()
  .min(1)
  .max(200)
  .superRefine((s, ctx) => {
    try {
      new RegExp(s, 'iu');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `Not a valid regular expression: ${(err as Error).message}` });
    }
  });

/** Applied in order to a polled value before it is stored. */
export const Transform = z.discriminatedUnion('type', [
  /** Counter → per second (wrap, 64-bit and agent restarts handled; a restart gives a gap). */
  z.strictObject({ type: z.literal('rate') }),
  /** Counter → increase since the previous poll. */
  z.strictObject({ type: z.literal('delta') }),
  /** Multiply by a constant (octets → bits: 8; TimeTicks → seconds: 0.01; kB → bytes: 1024). */
  z.strictObject({ type: z.literal('scale'), factor: z.number().finite() }),
  /** Table items only: multiply by another column of the same row (hrStorageAllocationUnits). */
  z.strictObject({ type: z.literal('multiplyColumn'), oid: Oid, mib: MibName }),
  /**
   * Table items only: multiply by 10^(factor × (column + offset)), the column read in the same row.
   * ENTITY-SENSOR-MIB: entPhySensorScale (units = 9, kilo = 10) is factor 3, offset -9;
   * entPhySensorPrecision (digits after the point) is factor -1, offset 0.
   */
  z.strictObject({ type: z.literal('pow10Column'), oid: Oid, mib: MibName, factor: z.number().finite(), offset: z.number().finite().default(0) }),
  /**
   * Text → a state number: the polled text, trimmed and compared without case, looked up in `map`
   * (PAN-OS panSysHAState "active" → 1); text not in it gets `other`, or no sample when `other` is
   * not given. First transform only; name the numbers in the item's `states`.
   */
  z.strictObject({
    type: z.literal('textMap'),
    map: z
      .record(z.string().trim().min(1).max(128), z.number().int())
      .refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= 64, 'A text map has 1 to 64 entries')
      .refine((m) => new Set(Object.keys(m).map((k) => k.toLowerCase())).size === Object.keys(m).length, 'A text is mapped twice (texts are compared without case)'),
    other: z.number().int().optional(),
  }),
  /**
   * Text → the first number in it ("26C" → 26, "-3.5 dBm" → -3.5); with `pattern`, the number its
   * first capture group holds ("60 Secs \\( *([0-9.]+)%"). A numeric answer is kept as it is.
   * First transform only.
   */
  z.strictObject({ type: z.literal('number'), pattern: RegexSource.optional() }),
  /**
   * value × factor + offset. °F → °C is factor 5/9, offset -160/9. With `when` (table items only),
   * only in rows whose column has one of `values` (AKCP probes whose unit column says Fahrenheit);
   * other rows keep their value.
   */
  z.strictObject({
    type: z.literal('linear'),
    factor: z.number().finite(),
    offset: z.number().finite().default(0),
    when: z.strictObject({ oid: Oid, mib: MibName, values: z.array(z.number().finite()).min(1).max(16) }).optional(),
  }),
]);
export type Transform = z.infer<typeof Transform>;

/** An item's transforms, in order; those that read the polled text (textMap, number) come first. */
const Transforms = z
  .array(Transform)
  .max(4)
  .refine((ts) => ts.every((t, i) => i === 0 || (t.type !== 'textMap' && t.type !== 'number')), 'textMap and number read the polled text: only the first transform may be one');

export const ValueType = z.enum(['gauge', 'counter', 'text', 'state']);
export const CounterBits = z.union([z.literal(32), z.literal(64)]);

const OidRef = z.strictObject({ oid: Oid, mib: MibName });

/** An alternative source of an item, used when the agent does not have the preferred OID. */
export const ItemSource = z.strictObject({
  oid: Oid,
  mib: MibName,
  counterBits: CounterBits.optional(),
  transforms: Transforms.optional(),
});

export const TemplateItem = z.strictObject({
  /** The metric name of the samples (e.g. if_in_bps), unique in the template. */
  key: ItemKey,
  name: Name,
  /** Scalar items: the full instance OID (…0). Table columns: the column OID (the row index is appended). */
  oid: Oid,
  mib: MibName,
  valueType: ValueType,
  /** For counters: Counter32 or Counter64 (the type in the answer wins when it says otherwise). */
  counterBits: CounterBits.optional(),
  /** Tried when the agent lacks `oid` (noSuchObject/noSuchInstance): e.g. ifInOctets for ifHCInOctets. */
  fallback: ItemSource.optional(),
  unit: z.string().max(32).optional(),
  /** Poll interval of a scalar item; default: the engine's SNMP interval setting. Table columns poll at their table's interval. */
  intervalSec: z.number().int().min(10).max(86_400).optional(),
  transforms: Transforms.default([]),
  /** State items: value → name (ifOperStatus 1 → up). */
  states: z.record(z.string().regex(/^-?\d+$/), z.string().max(64)).optional(),
  /** Table items: this counter cannot grow faster than the row's speed (octets: speed / 8). */
  speedBound: z.boolean().optional(),
  /** Raw values that mean "no reading" (ENTITY-SENSOR-MIB's ±1000000000 under/overflow): no sample rather than a wrong one. */
  noValue: z.array(z.number().finite()).max(8).optional(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

/** A value computed from other items (of the same row, for table items) after they are sampled. */
export const DerivedItem = z.strictObject({
  key: ItemKey,
  name: Name,
  unit: z.string().max(32).optional(),
  /** percent = 100 * sum(part) / sum(whole); with invert, 100 minus that. */
  percent: z.strictObject({ part: z.array(ItemKey).min(1).max(8), whole: z.array(ItemKey).min(1).max(8), invert: z.boolean().default(false) }),
  /** Computed only while item `key` has one of `values` (utilisation only while ifOperStatus is up): otherwise no value, not 0. */
  onlyWhen: z.strictObject({ key: ItemKey, values: z.array(z.number().finite()).min(1).max(16) }).optional(),
});
export type DerivedItem = z.infer<typeof DerivedItem>;

/** Rows of an SNMP table, each polled with the same columns: interfaces, storage, processors. */
export const TableItem = z.strictObject({
  key: ItemKey,
  name: Name,
  kind: z.enum(['interface', 'storage', 'processor', 'generic']),
  /** The label naming a row in its samples' labels (interface, storage, cpu...). */
  label: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  /** A column every row has: walking it lists the rows (their indexes). */
  index: OidRef,
  /** The first of these with a non-empty value names the row (ifName, then ifDescr); none: the index. */
  nameColumns: z.array(OidRef).max(4).default([]),
  /** A column whose value becomes the `alias` label (ifAlias). */
  aliasColumn: OidRef.optional(),
  /** Keep only rows whose column value is in `include` (or matches `pattern`), and not in `exclude`. */
  filters: z
    .array(z.strictObject({ oid: Oid, mib: MibName, include: z.array(z.string().max(128)).max(32).optional(), exclude: z.array(z.string().max(128)).max(32).optional(), pattern: RegexSource.optional() }))
    .max(4)
    .default([]),
  /** Where a row's speed comes from, in preference order (ifHighSpeed in Mbit/s, then ifSpeed in bit/s). */
  speed: z.array(z.strictObject({ oid: Oid, mib: MibName, bitsPerUnit: z.number().positive() })).max(2).optional(),
  intervalSec: z.number().int().min(10).max(86_400).optional(),
  columns: z.array(TemplateItem).min(1).max(64),
  derived: z.array(DerivedItem).max(16).default([]),
});
export type TableItem = z.infer<typeof TableItem>;

export const MatchRules = z.strictObject({
  /** The device's sysObjectID starts with one of these (longest prefix wins among templates). */
  sysObjectIdPrefixes: z.array(Oid).max(64).default([]),
  /** Regular expressions (case-insensitive) tested against sysDescr. */
  sysDescrPatterns: z.array(RegexSource).max(32).default([]),
  /** The classifier's OS family id (resources/classification/os-families.json: "dsm", "junos", "routeros"). */
  osFamilies: z.array(z.string().min(1).max(64)).max(64).optional(),
  /** The classifier's OS name, compared without case ("RouterOS", "DSM"). */
  os: z.array(z.string().min(1).max(64)).max(32).optional(),
  /** The classifier's vendor, compared without case ("Synology", "APC"). */
  vendors: z.array(z.string().min(1).max(64)).max(32).optional(),
  /** The classifier's device type ("ups", "printer", "nas"). */
  types: z.array(DeviceType).max(16).optional(),
  /** Among matching templates the highest priority wins. */
  priority: z.number().int().min(0).max(1000).default(0),
});
export type MatchRules = z.infer<typeof MatchRules>;
const NO_MATCH = { sysObjectIdPrefixes: [], sysDescrPatterns: [], priority: 0 };

/**
 * A default alert rule a template brings: installed (once, enabled, scoped to the devices the
 * template is applied to) when the template is applied; a user may then edit or disable it like any
 * rule. The condition is the alert rule model's (main/api/alerts.ts); its metric must be a key of
 * the template (after includes are merged). Thresholds are in the item's unit after transforms.
 */
export const TemplateAlert = z.strictObject({
  /** Stable within the template: the installed rule is found again by template id + key. */
  key: ItemKey,
  name: Name,
  /** In words, as the rules page shows it ("Battery charge below 20 % (recovers above 30 %)"); default: from the condition. */
  description: z.string().max(2000).optional(),
  severity: Severity,
  condition: RuleCondition,
});
export type TemplateAlert = z.infer<typeof TemplateAlert>;

const templateFields = {
  name: Name,
  description: z.string().max(2000).default(''),
  vendor: z.string().max(64).optional(),
  match: MatchRules.default(NO_MATCH),
  /** Templates merged into this one (standard parts: "host-resources", "if-mib"), in order; no cycles. */
  includes: z.array(TemplateId).max(16).default([]),
  items: z.array(TemplateItem).max(200).default([]),
  derived: z.array(DerivedItem).max(32).default([]),
  tables: z.array(TableItem).max(32).default([]),
  alerts: z.array(TemplateAlert).max(64).default([]),
};

/**
 * Keys unique, derived items naming known items. With includes, names that only the included
 * templates define are checked once they are merged (templates/resolve.ts), with the same rules.
 */
export function checkKeys(t: { includes?: string[]; items: TemplateItem[]; derived: DerivedItem[]; tables: TableItem[]; alerts?: TemplateAlert[] }, ctx: z.RefinementCtx): void {
  const partial = (t.includes?.length ?? 0) > 0;
  const seen = new Set<string>();
  const unique = (key: string, path: (string | number)[]) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `Key ${key} is used twice in this template` });
    seen.add(key);
  };
  const checkDerived = (derived: DerivedItem[], known: Set<string>, base: (string | number)[]) =>
    derived.forEach((d, i) => {
      for (const k of [...d.percent.part, ...d.percent.whole, ...(d.onlyWhen ? [d.onlyWhen.key] : [])]) {
        if (!known.has(k)) ctx.addIssue({ code: 'custom', path: [...base, i, 'percent'], message: `Derived ${d.key} refers to unknown item ${k}` });
      }
    });
  t.items.forEach((it, i) => unique(it.key, ['items', i, 'key']));
  t.derived.forEach((d, i) => unique(d.key, ['derived', i, 'key']));
  if (!partial) checkDerived(t.derived, new Set(t.items.map((i) => i.key)), ['derived']);
  t.tables.forEach((table, ti) => {
    unique(table.key, ['tables', ti, 'key']);
    table.columns.forEach((c, ci) => unique(c.key, ['tables', ti, 'columns', ci, 'key']));
    table.derived.forEach((d, di) => unique(d.key, ['tables', ti, 'derived', di, 'key']));
    checkDerived(table.derived, new Set(table.columns.map((c) => c.key)), ['tables', ti, 'derived']);
  });
  const alertKeys = new Set<string>();
  t.alerts?.forEach((a, i) => {
    if (alertKeys.has(a.key)) ctx.addIssue({ code: 'custom', path: ['alerts', i, 'key'], message: `Alert ${a.key} is defined twice in this template` });
    alertKeys.add(a.key);
    const metric = 'metric' in a.condition ? a.condition.metric : undefined;
    if (!partial && metric !== undefined && !seen.has(metric)) ctx.addIssue({ code: 'custom', path: ['alerts', i, 'condition', 'metric'], message: `Alert ${a.key} watches ${metric}, which is not a key of this template` });
  });
}

/** A template as written (JSON file, or create input). */
export const TemplateBody = z.strictObject({ ...templateFields, id: TemplateId.optional() }).superRefine(checkKeys);
export type TemplateBody = z.infer<typeof TemplateBody>;

export const Template = z.object({
  id: TemplateId,
  ...templateFields,
  /** Shipped with WARD FLUX: read-only. */
  builtIn: z.boolean(),
  createdAt: Timestamp.nullable(),
  updatedAt: Timestamp.nullable(),
});
export type Template = z.infer<typeof Template>;

export const TemplateSummary = z.object({
  id: TemplateId,
  name: Name,
  description: z.string(),
  vendor: z.string().optional(),
  builtIn: z.boolean(),
  match: MatchRules,
  /** Templates it includes (as written). */
  includes: z.array(TemplateId),
  /** With the included templates merged. */
  itemCount: z.number().int(),
  tableCount: z.number().int(),
  alertCount: z.number().int(),
  /** Devices it is applied to. */
  deviceCount: z.number().int(),
});

export const TemplatePick = z.object({
  templateId: TemplateId,
  name: Name,
  /** Why: which rule matched (or that nothing did and the generic template is the fallback). */
  reason: z.string(),
  /** Other templates that matched too, best first. */
  alternatives: z.array(z.object({ templateId: TemplateId, name: Name, reason: z.string() })),
});

export const templatesProcedures = {
  'templates.list': { summary: 'All templates (built-in and user), summarised', input: z.strictObject({}).default({}), output: z.array(TemplateSummary) },
  'templates.get': { summary: 'One template in full', input: z.strictObject({ id: TemplateId }), output: Template },
  'templates.create': { summary: 'Store a new user template', input: TemplateBody, output: Template },
  'templates.update': {
    summary: 'Replace a user template (built-ins are read-only); devices using it are re-synced',
    input: z.strictObject({ id: TemplateId, template: TemplateBody }),
    output: Template,
  },
  'templates.delete': { summary: 'Delete a user template no device uses', input: z.strictObject({ id: TemplateId }), output: z.object({ id: TemplateId }) },
  'templates.duplicate': {
    summary: 'Copy a template (e.g. a built-in one) into a new, editable user template',
    input: z.strictObject({ id: TemplateId, name: Name.optional() }),
    output: Template,
  },
  'templates.apply': {
    summary: 'Apply a template to devices: creates their monitoring items (table items expand per row at poll time)',
    input: z.strictObject({ templateId: TemplateId, deviceIds: z.array(Id).min(1).max(10_000) }),
    output: z.object({ devices: z.number().int(), items: z.number().int() }),
  },
  'templates.unapply': {
    summary: 'Remove a template and its monitoring items from devices',
    input: z.strictObject({ templateId: TemplateId, deviceIds: z.array(Id).min(1).max(10_000) }),
    output: z.object({ devices: z.number().int() }),
  },
  'templates.pick': {
    summary: "The best template for a device, from its sysObjectID and sysDescr and the classifier's identity (OS family, OS, vendor, type)",
    input: z.strictObject({
      sysObjectId: z.string().max(300).default(''),
      sysDescr: z.string().max(2000).default(''),
      osFamily: z.string().max(64).nullish(),
      os: z.string().max(128).nullish(),
      vendor: z.string().max(128).nullish(),
      type: DeviceType.nullish(),
    }),
    output: TemplatePick,
  },
} as const;
