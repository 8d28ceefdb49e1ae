/**
 * Zabbix problems mirrored as alerts (Zabbix and hybrid modes): each open problem is one alert
 * (`source: 'zabbix'`, `kind: 'zabbix'`, no rule) linked to the device that stands for its host.
 * A sync brings the alerts in line with what Zabbix says now: new problems fire (at the problem's
 * own clock), gone ones resolve, acknowledgements made in Zabbix are copied. The alerts table is
 * written through the alerts area's entry point for external problems
 * (main/alerts/external-problems.ts), which stores every change as an alert_events row and
 * publishes it as `alert.changed`; a sync that changes nothing emits nothing. The alert engine
 * never evaluates or notifies these alerts (Zabbix notifies its own problems). Acknowledging one
 * goes to Zabbix (see ack-queue.ts).
 */
import type { Alert, Severity } from '../../api/alerts.ts';
import { ZABBIX_SEVERITY_NAMES, type ZabbixProblem } from '../../api/zabbix.ts';
import type { AlertRow } from '../../alerts/alerts-repo.ts';
import type { ExternalFields, ExternalProblems, ExternalWriter } from '../../alerts/external-problems.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Outbox } from '../../outbox/index.ts';
import { createZabbixAck } from './ack-queue.ts';
import type { ZabbixClient } from '../api/client.ts';

/** Zabbix severities 0-5 (not classified, information, warning, average, high, disaster) as WARD FLUX's. */
export const SEVERITY_FROM_ZABBIX: readonly Severity[] = ['info', 'info', 'warning', 'minor', 'major', 'critical'];

/** Zabbix acknowledge action bits (event.acknowledge / selectAcknowledges). */
export const ACK_ACTION = { acknowledge: 2, unacknowledge: 16 } as const;

/** Who the mirror names as the actor of what happened in Zabbix. */
export const ZABBIX_ACTOR = 'Zabbix';

export interface ProblemMirrorDeps {
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  client: () => ZabbixClient;
  /** The alerts area's entry point for external problems: the only writer of these alerts. */
  external: ExternalProblems;
}

/** What an open problem's alert should look like (the fields a later read may change). */
type Wanted = ExternalFields;

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
  const { clock, external } = deps;
  const log = deps.logger.child({ area: 'zabbix-problems' });
  const ack = createZabbixAck({ ...deps, log });

  function acknowledgeFromZabbix(row: AlertRow, p: ZabbixProblem, w: ExternalWriter): void {
    const a = latest(p, ACK_ACTION.acknowledge);
    const at = a?.clock ?? clock.now();
    w.acknowledge(row.id, { at, actor: ZABBIX_ACTOR, comment: a?.message || null }, Math.max(row.last_change_at, at));
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
    if (row.device_id !== w.device_id) what.push(w.device_id === null ? 'no longer linked to a device' : `linked to device ${external.deviceName(w.device_id) ?? w.device_id}`);
    if (row.suppressed_by !== w.suppressed_by) what.push(w.suppressed_by ? 'suppressed in Zabbix (maintenance)' : 'no longer suppressed in Zabbix');
    if (row.labels !== w.labels && !what.length) what.push('tags changed');
    return what;
  }

  function update(row: AlertRow, p: ZabbixProblem, want: Wanted, w: ExternalWriter): void {
    const what = describe(row, want);
    if (what.length) w.update(row.id, want, { at: clock.now(), actor: ZABBIX_ACTOR, comment: `Updated from Zabbix: ${what.join('; ')}` });
    if (p.acknowledged && row.state === 'firing') acknowledgeFromZabbix(row, p, w);
    const unack = unacknowledgedInZabbix(row, p);
    if (unack) {
      const comment = unack.message ? `Unacknowledged in Zabbix: ${unack.message}` : 'Unacknowledged in Zabbix';
      w.reopen(row.id, { at: unack.clock, actor: ZABBIX_ACTOR, comment }, Math.max(row.last_change_at, unack.clock));
    }
  }

  function open(p: ZabbixProblem, want: Wanted, w: ExternalWriter): void {
    const row = w.open({ ...want, externalId: p.eventId, ruleName: 'Zabbix', startedAt: p.clock }, ZABBIX_ACTOR);
    if (p.acknowledged) acknowledgeFromZabbix(row, p, w);
  }

  return {
    /**
     * `complete: false` (the read hit its limit, so a problem missing from it may still be open):
     * nothing is resolved for being absent; only problems the read says are resolved are.
     */
    sync(problems: ZabbixProblem[], hostDevice: (hostId: string) => string | undefined, opts: { complete?: boolean } = {}): { opened: number; resolved: number; open: number } {
      const complete = opts.complete ?? true;
      // The device directory follows device changes (the devices change hook, wired in engine.ts).
      const server = deps.client().apiUrl;
      const deviceExists = (id: string) => external.deviceExists(id);
      const current = new Map<string, ZabbixProblem>();
      const closedInZabbix = new Map<string, number>();
      for (const p of problems) {
        if (p.resolvedAt === null) current.set(p.eventId, p);
        else closedInZabbix.set(p.eventId, p.resolvedAt);
      }
      let opened = 0;
      let resolved = 0;
      external.batch((w) => {
        const mirrored = new Set<string>();
        for (const row of external.open()) {
          const eventId = row.zabbix_event_id ?? '';
          const p = current.get(eventId);
          if (p) {
            mirrored.add(eventId);
            update(row, p, wanted(p, server, hostDevice, deviceExists), w);
          } else if (complete || closedInZabbix.has(eventId)) {
            const at = closedInZabbix.get(eventId) ?? clock.now();
            w.resolve(row.id, { at, actor: ZABBIX_ACTOR, comment: 'Resolved in Zabbix' });
            resolved++;
          }
        }
        for (const p of current.values()) {
          if (mirrored.has(p.eventId)) continue;
          open(p, wanted(p, server, hostDevice, deviceExists), w);
          opened++;
        }
      });
      // A fresh read means the server answers: acknowledgements queued while it was away are due now.
      ack.retryQueued(server);
      const openNow = external.openCount();
      if (opened || resolved) log.info({ opened, resolved, open: openNow }, 'zabbix problems mirrored');
      return { opened, resolved, open: openNow };
    },

    closeAll(why: string): void {
      const at = clock.now();
      const resolved = external.batch((w) => {
        const rows = external.open();
        for (const row of rows) w.resolve(row.id, { at, actor: 'system', comment: why });
        return rows.length;
      });
      if (resolved) log.info({ resolved, why }, 'mirrored zabbix problems closed');
    },

    acknowledge: (alertId: string, by: string, comment: string | undefined): Promise<Alert> => ack.acknowledge(alertId, by, comment),

    openCount: (): number => external.openCount(),
  };
}

export type ProblemMirror = ReturnType<typeof createProblemMirror>;
