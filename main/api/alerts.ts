/**
 * Alerts: rules (what to watch), alerts (what fired, with their history), maintenance windows
 * (when not to notify) and device dependencies (parent devices whose outage explains a child's).
 * Imports nothing but zod and the contract's own modules.
 */
import { z } from 'zod';
import { Id, Name, Tag, Timestamp } from './common.ts';
import { MetricName } from './metrics.ts';

export const Severity = z.enum(['info', 'warning', 'minor', 'major', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** Which devices a rule (or a maintenance window) covers. */
export const Scope = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('device'), deviceId: Id }),
  z.strictObject({ type: z.literal('tag'), tag: Tag }),
  /** Every device the template is applied to; with itemKey, only that item's series (label `item`). */
  z.strictObject({ type: z.literal('template'), templateId: z.string().trim().min(1).max(128), itemKey: z.string().trim().min(1).max(128).optional() }),
]);
export type Scope = z.infer<typeof Scope>;

const Seconds = (what: string, min: number, max: number) =>
  z
    .number({ message: `${what} must be a number of seconds` })
    .int(`${what} must be a whole number of seconds`)
    .min(min, `${what} must be at least ${min} s`)
    .max(max, `${what} must be at most ${max} s`);
const WEEK_SEC = 7 * 86_400;
const Op = z.enum(['above', 'below']);
const Finite = z.number({ message: 'Must be a number' }).refine(Number.isFinite, 'Must be a finite number');
/** The states a `state` rule lists: whole numbers (a state item's values), each once. */
const StateValues = z
  .array(z.number({ message: 'States are numbers' }).int('States are whole numbers'))
  .min(1, 'List at least one state')
  .max(32, 'At most 32 states')
  .refine((v) => new Set(v).size === v.length, 'A state is listed twice');

/**
 * What a rule watches. threshold: a metric above/below a value for a duration, resolved only once
 * it crosses `recovery` (defaults to `value`); rate: the same on the change per second of a
 * metric; availability: a device down (ICMP) or SNMP unreachable; absence: no sample of a metric
 * for `forSec`; oper_status: an interface that was up (1) leaving the up state; state: a state
 * item's value `in` (or `notIn`) a set of states for `forSec`, resolved once it is not (a RAID
 * degraded or crashed, not rebuilding; a PSU failed, not an empty slot).
 */
export const RuleCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('threshold'), metric: MetricName, op: Op, value: Finite, recovery: Finite.optional(), forSec: Seconds('Duration', 0, WEEK_SEC).default(0) }),
  z.strictObject({ kind: z.literal('rate'), metric: MetricName, op: Op, value: Finite, recovery: Finite.optional(), forSec: Seconds('Duration', 0, WEEK_SEC).default(0) }),
  z.strictObject({ kind: z.literal('availability'), source: z.enum(['icmp', 'snmp']).default('icmp') }),
  z.strictObject({ kind: z.literal('absence'), metric: MetricName, forSec: Seconds('Absence period', 60, WEEK_SEC) }),
  z.strictObject({ kind: z.literal('oper_status'), metric: MetricName.default('if_oper_status') }),
  z.strictObject({ kind: z.literal('state'), metric: MetricName, op: z.enum(['in', 'notIn']), values: StateValues, forSec: Seconds('Duration', 0, WEEK_SEC).default(0) }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;
export type RuleKind = RuleCondition['kind'];

/** Flap detection: `changes` state changes within `windowSec` mark an alert flapping (notifications held). */
export const FlapSettings = z.strictObject({
  windowSec: Seconds('Flap window', 60, 86_400).default(900),
  changes: z.number().int().min(2, 'A flap threshold is at least 2 changes').max(100).default(6),
});

function recoveryProblem(c: RuleCondition): string | undefined {
  if ((c.kind !== 'threshold' && c.kind !== 'rate') || c.recovery === undefined) return undefined;
  if (c.op === 'above' && c.recovery > c.value) return `The recovery threshold (${c.recovery}) must be at or below the threshold (${c.value}) for an "above" rule`;
  if (c.op === 'below' && c.recovery < c.value) return `The recovery threshold (${c.recovery}) must be at or above the threshold (${c.value}) for a "below" rule`;
  return undefined;
}

const ruleFields = {
  name: Name,
  description: z.string().max(2000).default(''),
  enabled: z.boolean().default(true),
  severity: Severity,
  scope: Scope.default({ type: 'all' }),
  condition: RuleCondition,
  flap: FlapSettings.default({ windowSec: 900, changes: 6 }),
};

export const RuleCreateInput = z.strictObject(ruleFields).superRefine((r, ctx) => {
  const problem = recoveryProblem(r.condition);
  if (problem) ctx.addIssue({ code: 'custom', path: ['condition', 'recovery'], message: problem });
});

export const RuleUpdateInput = z.strictObject({
  id: Id,
  name: Name.optional(),
  description: z.string().max(2000).optional(),
  enabled: z.boolean().optional(),
  severity: Severity.optional(),
  scope: Scope.optional(),
  condition: RuleCondition.optional(),
  flap: FlapSettings.optional(),
});

export const Rule = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  severity: Severity,
  scope: Scope,
  condition: RuleCondition,
  flap: FlapSettings,
  /** Shipped with WARD FLUX (editable, can be disabled). */
  builtin: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Rule = z.infer<typeof Rule>;

export const AlertState = z.enum(['firing', 'acknowledged', 'resolved']);
/** Why an alert (or one of its events) was not notified. */
export const SuppressedBy = z.enum(['maintenance', 'dependency', 'flapping']);

export const Alert = z.object({
  id: Id,
  ruleId: Id.nullable(),
  ruleName: z.string(),
  /** `zabbix`: a Zabbix problem mirrored in Zabbix or hybrid mode (no rule; acknowledging it acknowledges the Zabbix event). */
  kind: z.enum(['threshold', 'rate', 'availability', 'absence', 'oper_status', 'state', 'zabbix']),
  /** Who raised it: WARD FLUX's own alert engine, or the Zabbix server. */
  source: z.enum(['wardflux', 'zabbix']),
  /** The Zabbix problem event (source `zabbix` only). */
  zabbixEventId: z.string().nullable(),
  severity: Severity,
  state: AlertState,
  /** What the alert is about: a series (`s:<seriesId>`) or a device's availability (`avail:<source>:<deviceId>`). */
  seriesKey: z.string(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  metric: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** The value that fired it (the latest value while firing); null for availability and absence. */
  value: z.number().nullable(),
  summary: z.string(),
  startedAt: Timestamp,
  lastChangeAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  acknowledgedAt: Timestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  ackComment: z.string().nullable(),
  flapping: z.boolean(),
  suppressedBy: SuppressedBy.nullable(),
  /** With suppressedBy 'dependency': the parent's alert that explains this one. */
  causedBy: Id.nullable(),
  /** True when the firing was sent to at least one channel (or would have been, had one matched). */
  notified: z.boolean(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertEventType = z.enum(['firing', 'acknowledged', 'resolved', 'comment']);
export const AlertEvent = z.object({
  id: Id,
  alertId: Id,
  type: AlertEventType,
  at: Timestamp,
  actor: z.string().nullable(),
  comment: z.string().nullable(),
  value: z.number().nullable(),
  /** Queued to channels (outbox) as part of this event. */
  notified: z.boolean(),
  suppressedBy: SuppressedBy.nullable(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const AlertListInput = z
  .strictObject({
    /** active = firing or acknowledged; history = resolved. */
    status: z.enum(['active', 'history', 'all']).default('active'),
    severities: z.array(Severity).max(5).optional(),
    deviceId: Id.optional(),
    ruleId: Id.optional(),
    /** Only alerts raised by WARD FLUX or only Zabbix problems. */
    source: z.enum(['wardflux', 'zabbix']).optional(),
    /** Started at or after / before (ms). */
    since: Timestamp.optional(),
    until: Timestamp.optional(),
    limit: z.number().int().min(1).max(5000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .default({ status: 'active', limit: 200, offset: 0 });

const Actor = z.string().trim().min(1, 'Say who is acting (a name)').max(128);
const Comment = z.string().trim().min(1, 'A comment cannot be empty').max(4000, 'Comments are at most 4000 characters');

/** One maintenance window: notifications for its scope are suppressed while it is active. */
const windowFields = {
  name: Name,
  enabled: z.boolean().default(true),
  scope: Scope.default({ type: 'all' }),
  /** once: from startsAt to endsAt. recurring: every time `cron` (5 fields, in `timezone`) matches, for durationMin. */
  schedule: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('once'), startsAt: Timestamp, endsAt: Timestamp }),
    z.strictObject({
      kind: z.literal('recurring'),
      cron: z.string().trim().min(9).max(200),
      durationMin: z.number().int().min(1, 'A window lasts at least a minute').max(7 * 24 * 60, 'A recurring window lasts at most 7 days'),
      /** IANA time zone the cron expression is read in; default UTC. */
      timezone: z.string().trim().min(1).max(64).default('UTC'),
    }),
  ]),
};
export const MaintenanceCreateInput = z.strictObject(windowFields);
export const MaintenanceUpdateInput = z.strictObject({ id: Id, name: Name.optional(), enabled: z.boolean().optional(), scope: Scope.optional(), schedule: windowFields.schedule.optional() });
export const MaintenanceWindow = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  scope: Scope,
  schedule: windowFields.schedule,
  /** Whether it is in force right now. */
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const DeviceParent = z.object({ deviceId: Id, parentId: Id, source: z.enum(['manual', 'discovery']) });

/** What an availability monitor reports when a device's state changes (ICMP monitor, SNMP poller). */
export const AvailabilityChange = z.object({
  deviceId: z.string(),
  source: z.enum(['icmp', 'snmp']),
  status: z.enum(['up', 'down']),
  atMs: Timestamp,
  /** Failed checks in a row when it went down. */
  consecutiveFailures: z.number().int().nonnegative(),
});
export type AvailabilityChange = z.infer<typeof AvailabilityChange>;

export const KnownMetric = z.object({
  name: z.string(),
  unit: z.string(),
  description: z.string(),
  source: z.enum(['catalog', 'store']),
  /** A template's state item: value → state name (what a `state` rule lists). */
  states: z.record(z.string(), z.string()).optional(),
});

const Empty = z.strictObject({}).default({});
const IdInput = z.strictObject({ id: Id });

export const alertsProcedures = {
  'alerts.listRules': { summary: 'Every alert rule', input: Empty, output: z.array(Rule) },
  'alerts.createRule': { summary: 'Add an alert rule (its metric must be one WARD FLUX knows)', input: RuleCreateInput, output: Rule },
  'alerts.updateRule': { summary: 'Change an alert rule; its open alerts are re-evaluated', input: RuleUpdateInput, output: Rule },
  'alerts.deleteRule': { summary: 'Delete a rule; its open alerts are resolved', input: IdInput, output: z.object({ id: Id }) },
  'alerts.metrics': { summary: 'Metric names a rule may watch', input: Empty, output: z.array(KnownMetric) },
  'alerts.list': { summary: 'Alerts, active or history, filtered', input: AlertListInput, output: z.object({ items: z.array(Alert), total: z.number().int() }) },
  'alerts.get': { summary: 'One alert with its history', input: IdInput, output: z.object({ alert: Alert, events: z.array(AlertEvent) }) },
  'alerts.acknowledge': {
    summary: 'Acknowledge a firing alert (who, optional comment); a Zabbix problem is acknowledged in Zabbix (queued while it is unreachable)',
    input: z.strictObject({ id: Id, by: Actor, comment: Comment.optional() }),
    output: Alert,
  },
  'alerts.comment': { summary: 'Add a comment to an alert', input: z.strictObject({ id: Id, by: Actor, comment: Comment }), output: AlertEvent },
  'alerts.setParent': {
    summary: "Set (or clear, with parentId null) a device's parent: its alerts are not notified while the parent is down",
    input: z.strictObject({ deviceId: Id, parentId: Id.nullable() }),
    output: z.object({ deviceId: Id, parentId: Id.nullable() }),
  },
  'alerts.listParents': { summary: 'Device dependencies (child -> parent)', input: Empty, output: z.array(DeviceParent) },
  'maintenance.list': { summary: 'Maintenance windows', input: Empty, output: z.array(MaintenanceWindow) },
  'maintenance.create': { summary: 'Add a maintenance window (one-off or recurring cron)', input: MaintenanceCreateInput, output: MaintenanceWindow },
  'maintenance.update': { summary: 'Change a maintenance window', input: MaintenanceUpdateInput, output: MaintenanceWindow },
  'maintenance.delete': { summary: 'Delete a maintenance window', input: IdInput, output: z.object({ id: Id }) },
} as const;

export const alertsEvents = {
  /** An alert fired, was acknowledged, commented or resolved. */
  'alert.changed': z.object({ alert: Alert, event: AlertEvent }),
  /** A device's availability changed (emitted by the ICMP monitor and the SNMP poller; consumed by the alert engine). */
  'device.availability': AvailabilityChange,
} as const;
