import type { Severity } from '../../main/api/alerts.ts';
import type { DeviceSource } from '../../main/api/devices.ts';
import { STATE_LABELS, type DeviceState } from '../lib/device-state.ts';
import { SOURCE_HINTS, SOURCE_LABELS } from '../lib/zabbix-view.ts';

const STATE_CLASS: Record<DeviceState, string> = { up: 'badge-ok', down: 'badge-down', degraded: 'badge-warn', unknown: 'badge-muted' };

/**
 * A device's state, in colour and in words (never colour alone). `origin` (hybrid mode) says
 * whose verdict it is: a tooltip, and "via Zabbix" in the badge when Zabbix's.
 */
export function StateBadge({ state, origin }: { state: DeviceState; origin?: { via: 'wardflux' | 'zabbix'; hint: string } }) {
  return (
    <span className={`badge ${STATE_CLASS[state]}`} title={origin?.hint}>
      <span className="badge-dot" aria-hidden="true" />
      {STATE_LABELS[state]}
      {origin?.via === 'zabbix' ? <span className="badge-via"> via Zabbix</span> : null}
    </span>
  );
}

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', major: 'Major', minor: 'Minor', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-sev-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** Where a device (or an alert) comes from: WARD FLUX, Zabbix, or both. */
export function SourceBadge({ source }: { source: DeviceSource }) {
  return (
    <span className={`badge badge-source badge-source-${source}`} title={SOURCE_HINTS[source]}>
      {SOURCE_LABELS[source]}
    </span>
  );
}
