/**
 * Zabbix problems mirrored as alerts (Zabbix and hybrid modes): each open problem is one alert
 * (`source: 'zabbix'`, `kind: 'zabbix'`, no rule) linked to the device that stands for its host.
 * A sync brings the alerts in line with what Zabbix says now: new problems fire (at the problem's
 * own clock), gone ones resolve, acknowledgements made in Zabbix are copied. Every change is an
 * alert_events row and an `alert.changed` event; a sync that changes nothing emits nothing. The
 * alert engine never evaluates or notifies these alerts (Zabbix notifies its own problems).
 * Acknowledging one goes to Zabbix (see ack-queue.ts).
 */
import type { Alert, AlertEvent, Severity } from '../api/alerts.ts';
import { ZABBIX_SEVERITY_NAMES, type ZabbixProblem } from '../api/zabbix.ts';
import { type AlertRow, createAlertsRepo } from '../alerts/alerts-repo.ts';
import { createDeviceDirectory } from '../alerts/device-directory.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Outbox } from '../outbox/index.ts';
import type { Db } from '../store/database.ts';
import { createZabbixAck } from './ack-queue.ts';
import type { ZabbixClient } from './client.ts';

/** Zabbix severities 0-5 (not classified, information, warning, average, high, disaster) as WARD FLUX's. */
export const SEVERITY_FROM_ZABBIX: readonly Severity[] = ['info', 'info', 'warning', 'minor', 'major', 'critical'];

/** Zabbix acknowledge action bits (event.acknowledge / selectAcknowledges). */
export const ACK_ACTION = { acknowledge: 2, unacknowledge: 16 } as const;

/** Who the mirror names as the actor of what happened in Zabbix. */
export const ZABBIX_ACTOR = 'Zabbix';

export interface ProblemMirrorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  outbox: Outbox;
  client: () => ZabbixClient;
}

/** A stored change to publish once its transaction committed. */
export interface AlertChange {
  alertId: string;
  event: AlertEvent;
}

/** What an open problem's alert should look like (the fields a later read may change). */
interface Wanted {
  severity: Severity;
  summary: string;
  device_id: string | null;
  labels: string;
  suppressed_by: AlertRow['suppressed_by'];
}

function wanted(p: ZabbixProblem, server: string, hostDevice: (hostId: string) => string | undefined, deviceExists: (id: string) => boolean): Wanted {
  const linked = p.hosts.map((h) => ({ host: h, deviceId: hostDevice(h.hostId) })).find((x) => x.deviceId !== undefined && deviceExists(x.deviceId));
  const host = linked?.host ?? p.hosts[0];
  const labels: Record<string, string> = {
    // The API the problem was read from: its acknowledgement goes there and nowhere else.
    zabbixServer: server,
    zabbixEventId: p.eventId,
    zabbixTriggerId: p.triggerId,
    zabbixSeverity: ZABBIX_SEVERITY_NAMES[p.severity] ?? String(p.severity),
  };
  if (host) {
    labels.zabbixHostId = host.hostId;
    labels.zabbixHost = host.name;
  }
  // Tags as `tag:<name>`; a name used twice keeps both values.
  const tags = new Map<string, string[]>();
  for (const t of p.tags) tags.set(t.tag, [...(tags.get(t.tag) ?? []), t.value]);
  for (const name of [...tags.keys()].sort()) labels[`tag:${name}`] = tags.get(name)!.sort().join(', ');
  // Trigger names often say the host already ("Too hot on {HOST.NAME}"): it is not repeated.
  const hostNames = p.hosts.map((h) => h.name).filter((n) => !p.name.toLowerCase().includes(n.toLowerCase()));
  return {
    severity: SEVERITY_FROM_ZABBIX[p.severity] ?? 'info',
    summary: hostNames.length ? `${p.name} on ${hostNames.join(', ')}` : p.name,
    device_id: linked?.deviceId ?? null,
    labels: JSON.stringify(labels),
    suppressed_by: p.suppressed ? 'maintenance' : null,
  };
}

/** The latest acknowledge (or unacknowledge) Zabbix recorded on a problem. */
function latest(p: ZabbixProblem, bit: number): { clock: number; message: string } | undefined {
  return p.acknowledges.filter((a) => (a.action & bit) !== 0).sort((a, b) => b.clock - a.clock)[0];
}

export function createProblemMirror(deps: ProblemMirrorDeps) {
  const { db, clock, events } = deps;
  const log = deps.logger.child({ area: 'zabbix-problems' });
  const devices = createDeviceDirectory(db);
  const alerts = createAlertsRepo(db, devices);

  /** Emits `alert.changed` for committed changes, with each alert as it is now. */
  function publish(changes: readonly AlertChange[]): void {
    for (const c of changes) events.emit('alert.changed', { alert: alerts.toAlert(alerts.row(c.alertId)), event: c.event });
  }

  const ack = createZabbixAck({ ...deps, alerts, publish, log });

  function resolve(row: AlertRow, at: number, actor: string, comment: string, changes: AlertChange[]): void {
    alerts.update(row.id, { state: 'resolved', resolved_at: at, last_change_at: at });
    const event = alerts.addEvent({ alert_id: row.id, type: 'resolved', at, actor, comment, value: null, notified: false, suppressed_by: null });
    changes.push({ alertId: row.id, event });
  }

  function acknowledgeFromZabbix(row: AlertRow, p: ZabbixProblem, changes: AlertChange[]): void {
    const a = latest(p, ACK_ACTION.acknowledge);
    const at = a?.clock ?? clock.now();
    const message = a?.message || null;
    alerts.update(row.id, { state: 'acknowledged', acknowledged_at: at, acknowledged_by: ZABBIX_ACTOR, ack_comment: message, last_change_at: Math.max(row.last_change_at, at) });
    const event = alerts.addEvent({ alert_id: row.id, type: 'acknowledged', at, actor: ZABBIX_ACTOR, comment: message, value: null, notified: false, suppressed_by: null });
    changes.push({ alertId: row.id, event });
  }

  /** Zabbix recorded an unacknowledge after the local acknowledgement: the alert fires again. */
  function unacknowledgedInZabbix(row: AlertRow, p: ZabbixProblem): { clock: number; message: string } | undefined {
    if (p.acknowledged || row.state !== 'acknowledged' || row.acknowledged_at === null) return undefined;
    const u = latest(p, ACK_ACTION.unacknowledge);
    // Zabbix keeps seconds: compare at that precision.
    return u && u.clock >= Math.floor(row.acknowledged_at / 1000) * 1000 ? u : undefined;
  }

  function describe(row: AlertRow, w: Wanted): string[] {
    const what: string[] = [];
    if (row.severity !== w.severity) what.push(`severity ${row.severity} → ${w.severity}`);
    if (row.summary !== w.summary) what.push(`now "${w.summary}"`);
    if (row.device_id !== w.device_id) what.push(w.device_id === null ? 'no longer linked to a device' : `linked to device ${devices.get(w.device_id)?.name ?? w.device_id}`);
    if (row.suppressed_by !== w.suppressed_by) what.push(w.suppressed_by ? 'suppressed in Zabbix (maintenance)' : 'no longer suppressed in Zabbix');
    if (row.labels !== w.labels && !what.length) what.push('tags changed');
    return what;
  }

  function update(row: AlertRow, p: ZabbixProblem, w: Wanted, changes: AlertChange[]): void {
    const what = describe(row, w);
    if (what.length) {
      const at = clock.now();
      alerts.update(row.id, { ...w, last_change_at: at });
      const event = alerts.addEvent({ alert_id: row.id, type: 'comment', at, actor: ZABBIX_ACTOR, comment: `Updated from Zabbix: ${what.join('; ')}`, value: null, notified: false, suppressed_by: null });
      changes.push({ alertId: row.id, event });
    }
    if (p.acknowledged && row.state === 'firing') acknowledgeFromZabbix(row, p, changes);
    const unack = unacknowledgedInZabbix(row, p);
    if (unack) {
      alerts.update(row.id, { state: 'firing', acknowledged_at: null, acknowledged_by: null, ack_comment: null, last_change_at: Math.max(row.last_change_at, unack.clock) });
      const comment = unack.message ? `Unacknowledged in Zabbix: ${unack.message}` : 'Unacknowledged in Zabbix';
      const event = alerts.addEvent({ alert_id: row.id, type: 'comment', at: unack.clock, actor: ZABBIX_ACTOR, comment, value: null, notified: false, suppressed_by: null });
      changes.push({ alertId: row.id, event });
    }
  }

  function open(p: ZabbixProblem, w: Wanted, changes: AlertChange[]): void {
    const row = alerts.insert({
      rule_id: null,
      rule_name: 'Zabbix',
      kind: 'zabbix',
      source: 'zabbix',
      zabbix_event_id: p.eventId,
      severity: w.severity,
      state: 'firing',
      series_key: `zabbix:${p.eventId}`,
      device_id: w.device_id,
      metric: null,
      labels: w.labels,
      value: null,
      summary: w.summary,
      started_at: p.clock,
      last_change_at: p.clock,
      flapping: 0,
      suppressed_by: w.suppressed_by,
      caused_by: null,
      notified: 0,
    });
    const event = alerts.addEvent({ alert_id: row.id, type: 'firing', at: p.clock, actor: ZABBIX_ACTOR, comment: null, value: null, notified: false, suppressed_by: w.suppressed_by });
    changes.push({ alertId: row.id, event });
    if (p.acknowledged) acknowledgeFromZabbix(row, p, changes);
  }

  return {
    /**
     * `complete: false` (the read hit its limit, so a problem missing from it may still be open):
     * nothing is resolved for being absent; only problems the read says are resolved are.
     */
    sync(problems: ZabbixProblem[], hostDevice: (hostId: string) => string | undefined, opts: { complete?: boolean } = {}): { opened: number; resolved: number; open: number } {
      const complete = opts.complete ?? true;
      devices.invalidate(); // devices imported or renamed by the host mirror just before
      const server = deps.client().apiUrl;
      const deviceExists = (id: string) => devices.get(id) !== undefined;
      const current = new Map<string, ZabbixProblem>();
      const closedInZabbix = new Map<string, number>();
      for (const p of problems) {
        if (p.resolvedAt === null) current.set(p.eventId, p);
        else closedInZabbix.set(p.eventId, p.resolvedAt);
      }
      const changes: AlertChange[] = [];
      let opened = 0;
      let resolved = 0;
      db.transaction(() => {
        const mirrored = new Set<string>();
        for (const row of alerts.openZabbix()) {
          const eventId = row.zabbix_event_id ?? '';
          const p = current.get(eventId);
          if (p) {
            mirrored.add(eventId);
            update(row, p, wanted(p, server, hostDevice, deviceExists), changes);
          } else if (complete || closedInZabbix.has(eventId)) {
            const at = closedInZabbix.get(eventId) ?? clock.now();
            resolve(row, at, ZABBIX_ACTOR, 'Resolved in Zabbix', changes);
            resolved++;
          }
        }
        for (const p of current.values()) {
          if (mirrored.has(p.eventId)) continue;
          open(p, wanted(p, server, hostDevice, deviceExists), changes);
          opened++;
        }
      })();
      publish(changes);
      // A fresh read means the server answers: acknowledgements queued while it was away are due now.
      ack.retryQueued(server);
      const openNow = alerts.openZabbixCount();
      if (opened || resolved) log.info({ opened, resolved, open: openNow }, 'zabbix problems mirrored');
      return { opened, resolved, open: openNow };
    },

    closeAll(why: string): void {
      const changes: AlertChange[] = [];
      const at = clock.now();
      db.transaction(() => {
        for (const row of alerts.openZabbix()) resolve(row, at, 'system', why, changes);
      })();
      publish(changes);
      if (changes.length) log.info({ resolved: changes.length, why }, 'mirrored zabbix problems closed');
    },

    acknowledge: (alertId: string, by: string, comment: string | undefined): Promise<Alert> => ack.acknowledge(alertId, by, comment),

    openCount: (): number => alerts.openZabbixCount(),
  };
}

export type ProblemMirror = ReturnType<typeof createProblemMirror>;
