/**
 * The alert engine: feeds samples, availability changes and a periodic tick to the evaluator,
 * and turns its transitions into stored alert changes. Each batch of changes is one transaction
 * (committed with synchronous = FULL) that also queues the notifications, so an alert that was
 * recorded is always notified, exactly once per channel, even across a crash.
 *
 * Before a firing is notified it is checked against, in order: dependencies (an ancestor device
 * is down: the alert is marked caused-by the parent's alert and not notified), maintenance
 * windows (recorded, not notified) and flapping (recorded, held until the series calms down).
 * A resolution is notified only when the firing was.
 */
import type { z } from 'zod';
import type { Alert, AlertEvent, AlertListInput, AvailabilityChange, Rule, RuleCreateInput, RuleUpdateInput } from '../api/alerts.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { durableTransaction } from '../notifications/durable.ts';
import type { AlertNotice } from '../notifications/render.ts';
import { createSampleReader } from '../metrics/sample-store.ts';
import type { Db } from '../store/database.ts';
import { type AlertRow, assertAcknowledgeable, createAlertsRepo } from './alerts-repo.ts';
import { type AlertDevices, createDeviceDirectory } from './device-directory.ts';
import { type Calmed, createEvaluator, type EvalSample, type Transition } from './evaluator.ts';
import { createMaintenance } from './maintenance.ts';
import { createMetricCatalog } from './metric-catalog.ts';
import { createRulesRepo } from './rules-repo.ts';
import { installTemplateRules, type TemplateAlerts } from './template-rules.ts';

/** Where notices go: the notifier's dispatch (queues into the outbox in the current transaction). */
export interface NoticeSink {
  dispatch(notice: AlertNotice): number;
}

export interface AlertEngineOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  notices: NoticeSink;
  /** The devices area's lookups (main/devices/): names and tags for scopes and notices, existence for rules. */
  devices: AlertDevices;
  /** Called after a commit that queued notifications (wakes the outbox worker). */
  afterQueued?: () => void;
  /** Absence and flap checks run this often (default 15 s). */
  tickMs?: number;
  /** The metrics the templates define (key, unit, the item's name): rules may watch them before a first sample, and alerts name them in words. */
  templateMetrics?: () => readonly { name: string; unit: string; description: string; states?: Record<string, string> | undefined }[];
}

type Suppression = Alert['suppressedBy'];

export function createAlertEngine(o: AlertEngineOptions) {
  const { db, clock, logger, events } = o;
  const catalog = createMetricCatalog(db, o.templateMetrics);
  const devices = createDeviceDirectory(db, o.devices);
  const rules = createRulesRepo(db, clock, catalog, (id) => o.devices.exists(id));
  const maintenance = createMaintenance(db, clock, devices);
  const alerts = createAlertsRepo(db, devices);
  const evaluator = createEvaluator(devices, (metric) => catalog.words(metric));
  const stored = createSampleReader(db);
  /** Devices reported down by the ICMP monitor (for dependencies even when no rule watches them). */
  const down = new Set<string>();

  function reloadRules(): void {
    const list = rules.list();
    evaluator.setRules(list);
    const absenceMetrics = [...new Set(list.filter((r) => r.enabled && r.condition.kind === 'absence').map((r) => (r.condition as { metric: string }).metric))];
    if (absenceMetrics.length) {
      const rows = db
        .prepare<string[], { id: number; name: string; labels: string }>(`SELECT s.id, s.name, s.labels FROM metric_series s WHERE s.name IN (${absenceMetrics.map(() => '?').join(', ')})`)
        .all(...absenceMetrics);
      for (const r of rows) {
        const ts = stored.last(r.id)?.ts;
        if (ts !== undefined) evaluator.seedLastSeen({ seriesId: r.id, name: r.name, labels: JSON.parse(r.labels) as Record<string, string>, ts });
      }
    }
  }

  reloadRules();
  evaluator.restore(alerts.open().filter((a) => a.rule_id !== null).map((a) => ({ ruleId: a.rule_id as string, seriesKey: a.series_key, flapping: a.flapping === 1 })));

  function notice(row: AlertRow, event: AlertEvent, summary = row.summary): AlertNotice {
    const d = row.device_id === null ? undefined : devices.get(row.device_id);
    return {
      eventId: event.id,
      type: event.type === 'comment' ? 'acknowledged' : event.type,
      at: event.at,
      summary,
      alert: alerts.toAlert(row),
      device: d ? { id: d.id, name: d.name, tags: [...d.tags] } : null,
      actor: event.actor,
      comment: event.comment,
    };
  }

  /**
   * A parent (or further ancestor) that is down explains this device's alerts. The cause named is
   * the farthest ancestor that is down (the root cause: router, not the switch behind it).
   */
  function dependencyCause(deviceId: string | null): { causedBy: string | null } | null {
    if (deviceId === null) return null;
    let cause: { causedBy: string | null } | null = null;
    for (const ancestor of devices.ancestors(deviceId)) {
      const ancestorAlert = alerts.openAvailabilityOf(ancestor);
      if (ancestorAlert) cause = { causedBy: ancestorAlert };
      else if (down.has(ancestor)) cause = { causedBy: null };
    }
    return cause;
  }

  interface Change {
    row: AlertRow;
    event: AlertEvent;
  }

  function fire(t: Transition, changes: Change[]): boolean {
    if (alerts.openByKey(t.rule.id, t.seriesKey)) return false; // one open alert per rule+series
    let suppressedBy: Suppression = null;
    let causedBy: string | null = null;
    const dep = dependencyCause(t.deviceId);
    if (dep) {
      suppressedBy = 'dependency';
      causedBy = dep.causedBy;
    } else if (maintenance.covering(t.deviceId, t.labels, t.at)) suppressedBy = 'maintenance';
    else if (t.flapping) suppressedBy = 'flapping';
    const row = alerts.insert({
      rule_id: t.rule.id,
      rule_name: t.rule.name,
      kind: t.rule.condition.kind,
      severity: t.rule.severity,
      state: 'firing',
      series_key: t.seriesKey,
      device_id: t.deviceId,
      metric: t.metric,
      labels: JSON.stringify(t.labels),
      value: t.value,
      summary: t.summary,
      started_at: t.at,
      last_change_at: t.at,
      flapping: t.flapping ? 1 : 0,
      suppressed_by: suppressedBy,
      caused_by: causedBy,
      notified: suppressedBy ? 0 : 1,
    });
    const event = alerts.addEvent({ alert_id: row.id, type: 'firing', at: t.at, actor: null, comment: null, value: t.value, notified: !suppressedBy, suppressed_by: suppressedBy });
    changes.push({ row, event });
    return !suppressedBy && o.notices.dispatch(notice(row, event)) > 0;
  }

  function resolve(open: AlertRow, at: number, value: number | null, flapping: boolean, comment: string | null, changes: Change[], summary?: string): boolean {
    let suppressedBy: Suppression = null;
    if (open.notified !== 1) suppressedBy = open.suppressed_by ?? 'flapping';
    else if (maintenance.covering(open.device_id, JSON.parse(open.labels) as Record<string, string>, at)) suppressedBy = 'maintenance';
    else if (flapping) suppressedBy = 'flapping';
    const row = alerts.update(open.id, { state: 'resolved', resolved_at: at, last_change_at: at, flapping: flapping ? 1 : 0, ...(value === null ? {} : { value }) });
    const event = alerts.addEvent({ alert_id: row.id, type: 'resolved', at, actor: comment ? 'system' : null, comment, value, notified: !suppressedBy, suppressed_by: suppressedBy });
    changes.push({ row, event });
    return !suppressedBy && o.notices.dispatch(notice(row, event, summary ?? `${row.rule_name}: resolved (${comment ?? 'condition cleared'})`)) > 0;
  }

  function calm(c: Calmed, changes: Change[]): boolean {
    const open = alerts.openByKey(c.rule.id, c.seriesKey);
    if (!open) return false;
    if (open.notified === 1 || open.suppressed_by !== 'flapping') {
      alerts.update(open.id, { flapping: 0 });
      return false;
    }
    // Held while flapping, still firing now that it calmed down: notify it now, unless another reason holds it.
    const dep = dependencyCause(open.device_id);
    const inMaintenance = maintenance.covering(open.device_id, JSON.parse(open.labels) as Record<string, string>, c.at) !== null;
    const suppressedBy: Suppression = dep ? 'dependency' : inMaintenance ? 'maintenance' : null;
    const row = alerts.update(open.id, { flapping: 0, suppressed_by: suppressedBy, notified: suppressedBy ? 0 : 1, last_change_at: c.at });
    const event = alerts.addEvent({ alert_id: row.id, type: 'firing', at: c.at, actor: 'system', comment: 'No longer flapping; still firing', value: row.value, notified: !suppressedBy, suppressed_by: suppressedBy });
    changes.push({ row, event });
    return !suppressedBy && o.notices.dispatch(notice(row, event)) > 0;
  }

  /** Applies transitions in one durable transaction, then emits alert.changed for each change. */
  function apply(transitions: readonly Transition[], calmed: readonly Calmed[] = []): Change[] {
    if (!transitions.length && !calmed.length) return [];
    const changes: Change[] = [];
    let queued = false;
    durableTransaction(db, () => {
      for (const t of transitions) {
        if (t.type === 'fire') queued = fire(t, changes) || queued;
        else {
          const open = alerts.openByKey(t.rule.id, t.seriesKey);
          if (open) queued = resolve(open, t.at, t.value, t.flapping, null, changes, t.summary) || queued;
        }
      }
      for (const c of calmed) queued = calm(c, changes) || queued;
    });
    publish(changes, queued);
    return changes;
  }

  function publish(changes: readonly Change[], queued: boolean): void {
    if (queued) o.afterQueued?.();
    for (const c of changes) events.emit('alert.changed', { alert: alerts.toAlert(c.row), event: c.event });
  }

  /** Resolves a rule's open alerts (rule deleted, disabled or changed). */
  function closeRuleAlerts(ruleId: string, why: string): void {
    const open = alerts.openOfRule(ruleId);
    if (!open.length) return;
    const changes: Change[] = [];
    let queued = false;
    durableTransaction(db, () => {
      for (const a of open) {
        queued = resolve(a, clock.now(), null, false, why, changes) || queued;
        evaluator.forget(ruleId, a.series_key);
      }
    });
    publish(changes, queued);
  }

  /**
   * Devices changed (wired in engine.ts from the devices change hook): the directory reloads; a
   * deleted device is no longer down and its open alerts close.
   */
  function devicesChanged(deleted: readonly string[]): void {
    devices.invalidate();
    for (const id of deleted) {
      down.delete(id);
      try {
        closeDeviceAlerts(id);
      } catch (err) {
        logger.error({ err, deviceId: id }, 'closing the alerts of a deleted device failed');
      }
    }
  }

  /** A deleted device's open alerts are closed quietly (nobody needs a "resolved" mail for it). */
  function closeDeviceAlerts(deviceId: string): void {
    const open = alerts.open().filter((a) => a.device_id === deviceId);
    if (!open.length) return;
    const changes: Change[] = [];
    const at = clock.now();
    durableTransaction(db, () => {
      for (const a of open) {
        const row = alerts.update(a.id, { state: 'resolved', resolved_at: at, last_change_at: at });
        const event = alerts.addEvent({ alert_id: a.id, type: 'resolved', at, actor: 'system', comment: 'Device deleted', value: null, notified: false, suppressed_by: null });
        changes.push({ row, event });
        if (a.rule_id) evaluator.forget(a.rule_id, a.series_key);
      }
    });
    publish(changes, false);
  }

  function ingestSamples(samples: readonly EvalSample[]): Change[] {
    return apply(evaluator.samples(samples));
  }

  function ingestAvailability(change: AvailabilityChange): Change[] {
    if (change.source === 'icmp') {
      if (change.status === 'down') down.add(change.deviceId);
      else down.delete(change.deviceId);
    }
    return apply(evaluator.availability(change));
  }

  function tick(now = clock.now()): Change[] {
    devices.invalidate(); // templates applied or parents set from discovery since the last tick
    const { transitions, calmed } = evaluator.tick(now);
    return apply(transitions, calmed);
  }

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  /**
   * The pipeline's entry points (wired in engine.ts: the metrics writer's flush, the availability
   * state machine). Only while the service runs; a failure is logged, never thrown at the caller.
   */
  const ingest = {
    samples(batch: readonly EvalSample[]): void {
      if (!running || batch.length === 0) return;
      try {
        ingestSamples(batch);
      } catch (err) {
        logger.error({ err, samples: batch.length }, 'alert evaluation failed');
      }
    },
    availability(change: AvailabilityChange): void {
      if (!running) return;
      try {
        ingestAvailability(change);
      } catch (err) {
        logger.error({ err, deviceId: change.deviceId }, 'alert evaluation failed');
      }
    },
  };
  const service: Service = {
    name: 'alerts',
    start() {
      running = true;
      const loop = () => {
        try {
          tick();
        } catch (err) {
          logger.error({ err }, 'alert tick failed');
        }
        timer = setTimeout(loop, o.tickMs ?? 15_000);
        timer.unref();
      };
      timer = setTimeout(loop, o.tickMs ?? 15_000);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      running = false;
    },
  };

  return {
    service,
    ingest,
    ingestSamples,
    ingestAvailability,
    tick,
    closeDeviceAlerts,
    devicesChanged,
    devices,
    maintenance,
    catalog,

    rules: {
      list: (): Rule[] => rules.list(),
      create(input: z.output<typeof RuleCreateInput>): Rule {
        const rule = rules.create(input);
        reloadRules();
        return rule;
      },
      update(input: z.output<typeof RuleUpdateInput>): Rule {
        const before = rules.get(input.id);
        const rule = rules.update(input);
        const changed = JSON.stringify([before.condition, before.scope]) !== JSON.stringify([rule.condition, rule.scope]);
        if (!rule.enabled && before.enabled) closeRuleAlerts(rule.id, 'Rule disabled');
        else if (changed) closeRuleAlerts(rule.id, 'Rule changed; re-evaluating');
        else if (before.severity !== rule.severity || before.name !== rule.name) {
          db.prepare("UPDATE alerts SET severity = ?, rule_name = ? WHERE rule_id = ? AND state != 'resolved'").run(rule.severity, rule.name, rule.id);
        }
        reloadRules();
        return rule;
      },
      delete(id: string): void {
        rules.get(id);
        closeRuleAlerts(id, 'Rule deleted');
        rules.delete(id);
        reloadRules();
      },
      /** A template was applied: its default alert rules that do not exist yet are installed (template-rules.ts). */
      installForTemplate(t: TemplateAlerts): number {
        const added = installTemplateRules(db, clock, t);
        if (added) reloadRules();
        return added;
      },
    },

    list: (filter: z.output<typeof AlertListInput>) => alerts.list(filter),
    get: (id: string) => ({ alert: alerts.toAlert(alerts.row(id)), events: alerts.events(id) }),

    acknowledge(id: string, by: string, comment?: string): Alert {
      assertAcknowledgeable(alerts.row(id));
      const changes: Change[] = [];
      let queued = false;
      durableTransaction(db, () => {
        const at = clock.now();
        const row = alerts.update(id, { state: 'acknowledged', acknowledged_at: at, acknowledged_by: by, ack_comment: comment ?? null, last_change_at: at });
        const event = alerts.addEvent({ alert_id: id, type: 'acknowledged', at, actor: by, comment: comment ?? null, value: null, notified: row.notified === 1, suppressed_by: null });
        changes.push({ row, event });
        if (row.notified === 1) queued = o.notices.dispatch(notice(row, event)) > 0;
      });
      publish(changes, queued);
      return alerts.toAlert(alerts.row(id));
    },

    comment(id: string, by: string, comment: string): AlertEvent {
      const row = alerts.row(id);
      const event = alerts.addEvent({ alert_id: id, type: 'comment', at: clock.now(), actor: by, comment, value: null, notified: false, suppressed_by: null });
      publish([{ row, event }], false);
      return event;
    },
  };
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;
