/** Alert rows and their history in SQLite: reads for the contract, writes for the alert engine. */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Alert, AlertEvent, AlertListInput } from '../api/alerts.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { DeviceDirectory } from './scope.ts';

export interface AlertRow {
  id: string;
  rule_id: string | null;
  rule_name: string;
  kind: Alert['kind'];
  source: Alert['source'];
  zabbix_event_id: string | null;
  severity: Alert['severity'];
  state: Alert['state'];
  series_key: string;
  device_id: string | null;
  metric: string | null;
  labels: string;
  value: number | null;
  summary: string;
  started_at: number;
  last_change_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  ack_comment: string | null;
  flapping: number;
  suppressed_by: Alert['suppressedBy'];
  caused_by: string | null;
  notified: number;
}

interface EventRow {
  id: string;
  alert_id: string;
  type: AlertEvent['type'];
  at: number;
  actor: string | null;
  comment: string | null;
  value: number | null;
  notified: number;
  suppressed_by: AlertEvent['suppressedBy'];
}

const toEvent = (r: EventRow): AlertEvent => ({
  id: r.id,
  alertId: r.alert_id,
  type: r.type,
  at: r.at,
  actor: r.actor,
  comment: r.comment,
  value: r.value,
  notified: r.notified === 1,
  suppressedBy: r.suppressed_by,
});

/** A new alert; `source` defaults to `wardflux` (the alert engine's own). */
export type NewAlert = Omit<AlertRow, 'id' | 'resolved_at' | 'acknowledged_at' | 'acknowledged_by' | 'ack_comment' | 'source' | 'zabbix_event_id'> &
  Partial<Pick<AlertRow, 'source' | 'zabbix_event_id'>>;
export type NewEvent = Omit<EventRow, 'id' | 'notified'> & { notified: boolean };

/** Refuses to acknowledge an alert that is resolved or already acknowledged (own alerts and Zabbix problems alike). */
export function assertAcknowledgeable(row: AlertRow): void {
  if (row.state === 'resolved') throw new ConflictError('This alert is already resolved; there is nothing to acknowledge.');
  if (row.state === 'acknowledged') throw new ConflictError(`This alert was already acknowledged by ${row.acknowledged_by ?? 'someone'}.`);
}

export function createAlertsRepo(db: Db, devices: DeviceDirectory) {
  const byId = db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?');
  const openByKey = db.prepare<[string, string], AlertRow>("SELECT * FROM alerts WHERE rule_id = ? AND series_key = ? AND state != 'resolved'");
  const insertAlert = db.prepare(
    `INSERT INTO alerts (id, rule_id, rule_name, kind, source, zabbix_event_id, severity, state, series_key, device_id, metric, labels, value, summary, started_at,
       last_change_at, flapping, suppressed_by, caused_by, notified)
     VALUES (@id, @rule_id, @rule_name, @kind, @source, @zabbix_event_id, @severity, @state, @series_key, @device_id, @metric, @labels, @value, @summary, @started_at,
       @last_change_at, @flapping, @suppressed_by, @caused_by, @notified)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO alert_events (id, alert_id, type, at, actor, comment, value, notified, suppressed_by) VALUES (@id, @alert_id, @type, @at, @actor, @comment, @value, @notified, @suppressed_by)',
  );
  const eventById = db.prepare<[string], EventRow>('SELECT * FROM alert_events WHERE id = ?');
  const openAvailability = db.prepare<[string], { id: string }>("SELECT id FROM alerts WHERE device_id = ? AND kind = 'availability' AND state != 'resolved' ORDER BY started_at LIMIT 1");

  function toAlert(r: AlertRow): Alert {
    return {
      id: r.id,
      ruleId: r.rule_id,
      ruleName: r.rule_name,
      kind: r.kind,
      source: r.source,
      zabbixEventId: r.zabbix_event_id,
      severity: r.severity,
      state: r.state,
      seriesKey: r.series_key,
      deviceId: r.device_id,
      deviceName: r.device_id === null ? null : (devices.get(r.device_id)?.name ?? null),
      metric: r.metric,
      labels: JSON.parse(r.labels) as Record<string, string>,
      value: r.value,
      summary: r.summary,
      startedAt: r.started_at,
      lastChangeAt: r.last_change_at,
      resolvedAt: r.resolved_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
      ackComment: r.ack_comment,
      flapping: r.flapping === 1,
      suppressedBy: r.suppressed_by,
      causedBy: r.caused_by,
      notified: r.notified === 1,
    };
  }

  return {
    toAlert,
    row(id: string): AlertRow {
      const r = byId.get(id);
      if (!r) throw new NotFoundError(`No alert with id ${id}.`);
      return r;
    },
    openByKey: (ruleId: string, seriesKey: string): AlertRow | undefined => openByKey.get(ruleId, seriesKey),
    open: (): AlertRow[] => db.prepare<[], AlertRow>("SELECT * FROM alerts WHERE state != 'resolved'").all(),
    /** Open alerts mirrored from Zabbix problems. */
    openZabbix: (): AlertRow[] => db.prepare<[], AlertRow>("SELECT * FROM alerts WHERE source = 'zabbix' AND state != 'resolved' ORDER BY started_at, rowid").all(),
    openZabbixCount: (): number => (db.prepare<[], { n: number }>("SELECT count(*) AS n FROM alerts WHERE source = 'zabbix' AND state != 'resolved'").get() as { n: number }).n,
    openOfRule: (ruleId: string): AlertRow[] => db.prepare<[string], AlertRow>("SELECT * FROM alerts WHERE rule_id = ? AND state != 'resolved'").all(ruleId),
    /** The open availability alert of a device (the parent's, for dependencies). */
    openAvailabilityOf: (deviceId: string): string | null => openAvailability.get(deviceId)?.id ?? null,

    insert(a: NewAlert): AlertRow {
      const id = crypto.randomUUID();
      insertAlert.run({ source: 'wardflux', zabbix_event_id: null, ...a, id });
      return byId.get(id) as AlertRow;
    },
    update(id: string, patch: Partial<Omit<AlertRow, 'id'>>): AlertRow {
      const keys = Object.keys(patch);
      if (keys.length) db.prepare(`UPDATE alerts SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
      return byId.get(id) as AlertRow;
    },
    addEvent(e: NewEvent): AlertEvent {
      const id = crypto.randomUUID();
      insertEvent.run({ ...e, id, notified: e.notified ? 1 : 0 });
      return toEvent(eventById.get(id) as EventRow);
    },
    events: (alertId: string): AlertEvent[] => db.prepare<[string], EventRow>('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY at, rowid').all(alertId).map(toEvent),

    list(f: z.output<typeof AlertListInput>): { items: Alert[]; total: number } {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
      if (f.status === 'active') where.push("state != 'resolved'");
      else if (f.status === 'history') where.push("state = 'resolved'");
      if (f.severities?.length) {
        where.push(`severity IN (${f.severities.map((_, i) => `@sev${i}`).join(', ')})`);
        f.severities.forEach((s, i) => (params[`sev${i}`] = s));
      }
      const add = (sql: string, name: string, value: unknown) => {
        if (value === undefined) return;
        where.push(sql);
        params[name] = value;
      };
      add('device_id = @deviceId', 'deviceId', f.deviceId);
      add('rule_id = @ruleId', 'ruleId', f.ruleId);
      add('source = @source', 'source', f.source);
      add('started_at >= @since', 'since', f.since);
      add('started_at < @until', 'until', f.until);
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const { limit: _l, offset: _o, ...countParams } = params;
      const total = (db.prepare(`SELECT count(*) AS n FROM alerts ${clause}`).get(countParams) as { n: number }).n;
      const items = db
        .prepare<Record<string, unknown>, AlertRow>(`SELECT * FROM alerts ${clause} ORDER BY started_at DESC, rowid DESC LIMIT @limit OFFSET @offset`)
        .all(params)
        .map(toAlert);
      return { items, total };
    },
  };
}

export type AlertsRepo = ReturnType<typeof createAlertsRepo>;
