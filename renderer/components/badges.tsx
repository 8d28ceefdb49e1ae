import type { Severity } from '../../main/api/alerts.ts';
import { STATE_LABELS, type DeviceState } from '../lib/device-state.ts';

const STATE_CLASS: Record<DeviceState, string> = { up: 'badge-ok', down: 'badge-down', degraded: 'badge-warn', unknown: 'badge-muted' };

/** A device's state, in colour and in words (never colour alone). */
export function StateBadge({ state }: { state: DeviceState }) {
  return (
    <span className={`badge ${STATE_CLASS[state]}`}>
      <span className="badge-dot" aria-hidden="true" />
      {STATE_LABELS[state]}
    </span>
  );
}

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', major: 'Major', minor: 'Minor', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-sev-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}
