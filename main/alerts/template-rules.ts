/**
 * The default alert rules a template brings (its `alerts`, main/api/templates.ts): installed once
 * per template, enabled, scoped to the devices the template is applied to (scope `template`), when
 * the template is applied. A rule the user edited or disabled is left as it is: applying again does
 * not reset it (the rule's id is derived from the template id and the alert's key); a deleted one
 * comes back when the template is applied again (disable it to silence it). A user rule already
 * holding the name is left alone, and the template's rule is then not installed.
 */
import crypto from 'node:crypto';
import type { RuleCondition, Severity } from '../api/alerts.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';
import { formatNumber } from './alert-sentence.ts';

/** A template's default alerts and the words of its metrics, as the templates area gives them. */
export interface TemplateAlerts {
  id: string;
  name: string;
  alerts: readonly { key: string; name: string; description?: string | undefined; severity: Severity; condition: RuleCondition }[];
  /** Metric key → the item's name, unit and state names, for the rule's description in words. */
  metrics: ReadonlyMap<string, { name: string; unit?: string | undefined; states?: Readonly<Record<string, string>> | undefined }>;
}

/** The installed rule's id: a UUID (version 8) derived from the template id and the alert key. */
export function templateRuleId(templateId: string, key: string): string {
  const h = crypto.createHash('sha256').update(`template-rule\0${templateId}\0${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const amount = (v: number, unit: string | undefined): string => (unit ? `${formatNumber(v)} ${unit}` : formatNumber(v));

function duration(sec: number): string {
  if (sec % 3600 === 0 && sec >= 3600) return `${sec / 3600} h`;
  if (sec % 60 === 0 && sec >= 60) return `${sec / 60} min`;
  return `${sec} s`;
}

/** "degrade (11) or crashed (12)" (in), "not up (1)", "none of up (1), notPresent (6)" (notIn): states by their names where the item gives them. */
function stateList(op: 'in' | 'notIn', values: readonly number[], states: Readonly<Record<string, string>> | undefined): string {
  const words = values.map((v) => (states?.[String(v)] ? `${states[String(v)] as string} (${v})` : String(v)));
  if (op === 'notIn') return words.length > 1 ? `none of ${words.join(', ')}` : `not ${words[0] as string}`;
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1) as string}` : (words[0] as string);
}

/** "Battery charge below 20 % for 2 min (recovers above 30 %)": a condition in words, with the item's name and unit. */
export function describeCondition(c: RuleCondition, metric?: { name: string; unit?: string | undefined; states?: Readonly<Record<string, string>> | undefined }): string {
  switch (c.kind) {
    case 'threshold':
    case 'rate': {
      const what = `${c.kind === 'rate' ? 'Change per second of ' : ''}${metric ? (c.kind === 'rate' ? metric.name.toLowerCase() : metric.name) : c.metric}`;
      const unit = c.kind === 'rate' ? undefined : metric?.unit;
      const back = c.recovery !== undefined && c.recovery !== c.value ? ` (recovers ${c.op === 'above' ? 'below' : 'above'} ${amount(c.recovery, unit)})` : '';
      return `${what} ${c.op} ${amount(c.value, unit)}${c.forSec > 0 ? ` for ${duration(c.forSec)}` : ''}${back}`;
    }
    case 'absence':
      return `No value of ${metric?.name ?? c.metric} for ${duration(c.forSec)}`;
    case 'oper_status':
      return `${metric?.name ?? c.metric} leaves the up state`;
    case 'state':
      return `${metric?.name ?? c.metric} is ${stateList(c.op, c.values, metric?.states)}${c.forSec > 0 ? ` for ${duration(c.forSec)}` : ''}`;
    case 'availability':
      return c.source === 'icmp' ? 'The device does not answer ping' : 'The device does not answer SNMP';
  }
}

/** Inserts the template's rules that do not exist yet; returns how many were added. */
export function installTemplateRules(db: Db, clock: Clock, t: TemplateAlerts): number {
  if (t.alerts.length === 0) return 0;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO alert_rules (id, name, description, enabled, severity, scope, condition, flap, builtin, created_at, updated_at)
     VALUES (@id, @name, @description, 1, @severity, @scope, @condition, '{"windowSec":900,"changes":6}', 1, @now, @now)`,
  );
  let added = 0;
  db.transaction(() => {
    for (const a of t.alerts) {
      const metric = 'metric' in a.condition ? t.metrics.get(a.condition.metric) : undefined;
      const r = insert.run({
        id: templateRuleId(t.id, a.key),
        name: `${a.name} (${t.name})`.slice(0, 128),
        description: a.description ?? describeCondition(a.condition, metric),
        severity: a.severity,
        scope: JSON.stringify({ type: 'template', templateId: t.id }),
        condition: JSON.stringify(a.condition),
        now: clock.now(),
      });
      added += r.changes;
    }
  })();
  return added;
}
