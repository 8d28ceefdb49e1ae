/**
 * The alerts area's entry point for problems raised elsewhere (Zabbix today): the only way an
 * integration puts an alert into the alerts table, changes it, or records what happened to it.
 * Writes run in one transaction per batch and publish `alert.changed` for each change after the
 * commit; a batch that changes nothing publishes nothing. The alert engine never evaluates or
 * notifies these alerts (the external system notifies its own problems).
 */
import type { Alert, AlertEvent } from '../api/alerts.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Db } from '../store/database.ts';
import { type AlertRow, assertAcknowledgeable, createAlertsRepo } from './alerts-repo.ts';
import type { DeviceDirectory } from './scope.ts';

/** A stored change, published once its transaction committed. */
export interface AlertChange {
  alertId: string;
  event: AlertEvent;
}

/** An external problem as an alert: the fields a later read of the external system may change. */
export interface ExternalFields {
  severity: AlertRow['severity'];
  summary: string;
  device_id: string | null;
  labels: string;
  suppressed_by: AlertRow['suppressed_by'];
}

/** A problem seen for the first time. */
export interface ExternalProblem extends ExternalFields {
  /** The external system's id of the problem (Zabbix: the problem event id). */
  externalId: string;
  ruleName: string;
  /** When the problem started (the external system's own clock). */
  startedAt: number;
}

/** Who did what, when (an alert_events row). */
export interface ExternalNote {
  at: number;
  actor: string;
  comment: string | null;
}

/** The writes of one batch. */
export interface ExternalWriter {
  /** A new firing alert (its event at the problem's start). */
  open(p: ExternalProblem, actor: string): AlertRow;
  /** New fields, with a comment event saying what changed. */
  update(alertId: string, fields: ExternalFields, note: ExternalNote): void;
  resolve(alertId: string, note: ExternalNote): void;
  /** Acknowledged (`lastChangeAt` defaults to the note's time). */
  acknowledge(alertId: string, note: ExternalNote, lastChangeAt?: number): void;
  /** Unacknowledged: firing again, with a comment. */
  reopen(alertId: string, note: ExternalNote, lastChangeAt: number): void;
  /** A comment on the alert's history. */
  note(alertId: string, note: ExternalNote): void;
}

export interface ExternalProblemsOptions {
  db: Db;
  clock: Clock;
  events: Pick<EventBus, 'emit'>;
  /** The alert engine's device directory (one in-memory index of devices). */
  devices: DeviceDirectory;
}

export function createExternalProblems(o: ExternalProblemsOptions) {
  const { db, events } = o;
  const alerts = createAlertsRepo(db, o.devices);
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM alerts WHERE id = ?');
  const moveDevice = db.prepare<[string, string]>("UPDATE alerts SET device_id = ? WHERE device_id = ? AND source = 'zabbix'");

  const event = (alertId: string, type: AlertEvent['type'], n: ExternalNote, suppressedBy: AlertRow['suppressed_by'] = null): AlertEvent =>
    alerts.addEvent({ alert_id: alertId, type, at: n.at, actor: n.actor, comment: n.comment, value: null, notified: false, suppressed_by: suppressedBy });

  function writer(changes: AlertChange[]): ExternalWriter {
    const push = (alertId: string, e: AlertEvent) => changes.push({ alertId, event: e });
    return {
      open(p, actor) {
        const row = alerts.insert({
          rule_id: null,
          rule_name: p.ruleName,
          kind: 'zabbix',
          source: 'zabbix',
          zabbix_event_id: p.externalId,
          severity: p.severity,
          state: 'firing',
          series_key: `zabbix:${p.externalId}`,
          device_id: p.device_id,
          metric: null,
          labels: p.labels,
          value: null,
          summary: p.summary,
          started_at: p.startedAt,
          last_change_at: p.startedAt,
          flapping: 0,
          suppressed_by: p.suppressed_by,
          caused_by: null,
          notified: 0,
        });
        push(row.id, event(row.id, 'firing', { at: p.startedAt, actor, comment: null }, p.suppressed_by));
        return row;
      },
      update(alertId, fields, n) {
        alerts.update(alertId, { ...fields, last_change_at: n.at });
        push(alertId, event(alertId, 'comment', n));
      },
      resolve(alertId, n) {
        alerts.update(alertId, { state: 'resolved', resolved_at: n.at, last_change_at: n.at });
        push(alertId, event(alertId, 'resolved', n));
      },
      acknowledge(alertId, n, lastChangeAt = n.at) {
        alerts.update(alertId, { state: 'acknowledged', acknowledged_at: n.at, acknowledged_by: n.actor, ack_comment: n.comment, last_change_at: lastChangeAt });
        push(alertId, event(alertId, 'acknowledged', n));
      },
      reopen(alertId, n, lastChangeAt) {
        alerts.update(alertId, { state: 'firing', acknowledged_at: null, acknowledged_by: null, ack_comment: null, last_change_at: lastChangeAt });
        push(alertId, event(alertId, 'comment', n));
      },
      note(alertId, n) {
        push(alertId, event(alertId, 'comment', n));
      },
    };
  }

  function publish(changes: readonly AlertChange[]): void {
    for (const c of changes) events.emit('alert.changed', { alert: alerts.toAlert(alerts.row(c.alertId)), event: c.event });
  }

  return {
    /** Runs `fn` in one transaction; its changes are published after the commit (none when it throws). */
    batch<T>(fn: (w: ExternalWriter) => T): T {
      const changes: AlertChange[] = [];
      const result = db.transaction(() => fn(writer(changes)))();
      publish(changes);
      return result;
    },
    /** The open alerts of Zabbix problems, oldest first. */
    open: (): AlertRow[] => alerts.openZabbix(),
    openCount: (): number => alerts.openZabbixCount(),
    row: (alertId: string): AlertRow => alerts.row(alertId),
    exists: (alertId: string): boolean => exists.get(alertId) !== undefined,
    toAlert: (row: AlertRow): Alert => alerts.toAlert(row),
    /** Refuses a resolved or already acknowledged alert (ConflictError). */
    assertAcknowledgeable,
    /** A device's name (for the comments), undefined when there is no such device. */
    deviceName: (deviceId: string): string | undefined => o.devices.get(deviceId)?.name,
    deviceExists: (deviceId: string): boolean => o.devices.get(deviceId) !== undefined,
    /** A host's problems follow it to another device (the mirror linked it to an own device), with their history. */
    moveDevice(toDeviceId: string, fromDeviceId: string): void {
      moveDevice.run(toDeviceId, fromDeviceId);
    },
  };
}

export type ExternalProblems = ReturnType<typeof createExternalProblems>;
