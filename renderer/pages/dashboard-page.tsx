import { FirstRunGuide } from '../components/first-run-guide.tsx';
import { useEffect, useMemo } from 'react';
import type { Severity } from '../../main/api/alerts.ts';
import type { DeviceSource } from '../../main/api/devices.ts';
import { SEVERITY_LABELS, SeverityBadge, SourceBadge } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { ZabbixMirrorStatus } from '../components/zabbix-mirror-status.tsx';
import { DEVICE_STATES, STATE_LABELS, type DeviceState } from '../lib/device-state.ts';
import { formatAgo, formatBps, formatMs, formatPct, plural } from '../lib/format.ts';
import { SEVERITIES, useAlertsStore } from '../stores/alerts-store.ts';
import { busiestInterfaces, devicesInState, followDashboardSamples, lossRanking, useDashboardStore, type Latest } from '../stores/dashboard-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useDiscoveryStore } from '../stores/discovery-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { RecentScans } from './recent-scans.tsx';

const STATE_TONES: Record<DeviceState, string> = { up: 'tone-ok', down: 'tone-down', degraded: 'tone-warn', unknown: 'tone-muted' };
const SEVERITY_TONES: Record<Severity, string> = { critical: 'tone-critical', major: 'tone-major', minor: 'tone-minor', warning: 'tone-warn', info: 'tone-info' };
const TOP = 5;
const SOURCES: DeviceSource[] = ['wardflux', 'zabbix', 'both'];

function top(latest: ReadonlyMap<number, Latest>, name: Latest['name']): Latest[] {
  return [...latest.values()]
    .filter((l) => l.name === name)
    .sort((a, b) => b.value - a.value)
    .slice(0, TOP);
}

function RankCard({
  title,
  rows,
  format,
  names,
  empty,
}: {
  title: string;
  rows: (Latest & { utilPct?: number })[];
  format(v: number): string;
  names: ReadonlyMap<string, string>;
  empty: string;
}) {
  const max = Math.max(...rows.map((r) => r.value), 0);
  // Interfaces with a known link speed: the bar is their utilisation (% of the link), not a share of the busiest.
  const width = (r: Latest & { utilPct?: number }) => (r.utilPct !== undefined ? Math.min(100, Math.max(2, r.utilPct)) : max > 0 ? Math.max(2, (r.value / max) * 100) : 0);
  return (
    <section className="card card-compact" aria-label={title}>
      <div className="card-header">
        <h3 className="card-title">{title}</h3>
      </div>
      {rows.length === 0 ? (
        <p className="card-empty">{empty}</p>
      ) : (
        <div className="card-table">
          <table className="table" aria-label={title}>
            <tbody>
              {rows.map((r) => {
                const device = r.labels.device;
                return (
                  <tr key={r.seriesId}>
                    <td className="cell-strong">
                      {device ? (
                        <a className="row-link" href={`#/devices/${device}`}>
                          {names.get(device) ?? 'Unknown device'}
                        </a>
                      ) : (
                        '—'
                      )}
                      {r.labels.interface ? <span className="muted"> · {r.labels.interface}</span> : null}
                    </td>
                    <td style={{ width: '35%' }}>
                      <div className="bar" aria-hidden="true">
                        <span style={{ width: `${width(r)}%` }} />
                      </div>
                    </td>
                    <td className="num">
                      {format(r.value)}
                      {r.utilPct !== undefined ? <span className="muted"> · {formatPct(r.utilPct)}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** States whose tile names its devices (a technician wants to know which ones are down or degraded). */
const NAMED_STATES: readonly DeviceState[] = ['down', 'degraded'];

/** A state tile with the devices in it under the count: up to 3 names linking to their pages, then "+N more" to the filtered list. */
function StateTileWithDevices({ state, count, devices }: { state: DeviceState; count: number; devices: Parameters<typeof devicesInState>[0] }) {
  const { shown, more, all } = devicesInState(devices, state);
  const filter = () => useDevicesStore.getState().setFilter('state', state);
  return (
    <div role="listitem" className={`tile tile-named ${STATE_TONES[state]}`} title={all.join(', ')}>
      <a className="tile-main" href="#/devices" onClick={filter}>
        <span className="tile-value">{count.toLocaleString()}</span>
        <span className="tile-label">{STATE_LABELS[state]}</span>
      </a>
      <span className="tile-devices" aria-label={`${STATE_LABELS[state]} devices`}>
        {shown.map((d, i) => (
          <span key={d.id}>
            {i > 0 ? ', ' : null}
            <a href={`#/devices/${d.id}`}>{d.name}</a>
          </span>
        ))}
        {more > 0 ? (
          <>
            {' '}
            <a href="#/devices" onClick={filter}>
              +{more} more
            </a>
          </>
        ) : null}
      </span>
    </div>
  );
}

/** The site at a glance: devices by state, active alerts by severity, worst latency and loss, busiest interfaces. */
export function DashboardPage() {
  const devices = useDevicesStore((s) => s.items);
  const devicesLoaded = useDevicesStore((s) => s.loaded);
  const mode = useSettingsStore((s) => s.settings?.monitoringMode);
  const active = useAlertsStore((s) => s.active);
  const alertsError = useAlertsStore((s) => s.error);
  const { latest, latestAt, loaded, error, load, recentJobs, recentJobsError } = useDashboardStore();

  useEffect(() => {
    void load();
  }, [load]);
  // The samples of the ranked metrics, only while this page is shown.
  useEffect(() => followDashboardSamples(), []);

  const byState = useMemo(() => {
    const counts: Record<DeviceState, number> = { up: 0, down: 0, degraded: 0, unknown: 0 };
    for (const d of devices) if (d.enabled) counts[d.status]++;
    return counts;
  }, [devices]);
  const bySource = useMemo(() => {
    const counts: Record<DeviceSource, number> = { wardflux: 0, zabbix: 0, both: 0 };
    for (const d of devices) counts[d.source]++;
    return counts;
  }, [devices]);
  const disabled = devices.filter((d) => !d.enabled).length;
  const bySeverity = useMemo(() => {
    const counts: Record<Severity, number> = { critical: 0, major: 0, minor: 0, warning: 0, info: 0 };
    for (const a of active) counts[a.severity]++;
    return counts;
  }, [active]);
  const names = useMemo(() => new Map(devices.map((d) => [d.id, d.name])), [devices]);
  const noMetrics = loaded && latest.size === 0;
  const loss = useMemo(() => lossRanking(latest, latestAt), [latest, latestAt]);
  const busiest = useMemo(() => busiestInterfaces(latest, TOP), [latest]);

  return (
    <div className="page">
      {error ? <Banner tone="error">Could not load the latest measurements: {error}</Banner> : null}
      {alertsError ? <Banner tone="error">Could not load the alerts: {alertsError}</Banner> : null}
      <ZabbixMirrorStatus />
      <FirstRunGuide where="dashboard" />
      <h2 className="section-title">Devices</h2>
      <div className="tiles" role="list" aria-label="Devices by state">
        {DEVICE_STATES.map((s) =>
          NAMED_STATES.includes(s) && devicesLoaded && byState[s] > 0 ? (
            <StateTileWithDevices key={s} state={s} count={byState[s]} devices={devices} />
          ) : (
            <a key={s} role="listitem" className={`tile ${STATE_TONES[s]}`} href="#/devices" onClick={() => useDevicesStore.getState().setFilter('state', s)}>
              <span className="tile-value">{devicesLoaded ? byState[s].toLocaleString() : '…'}</span>
              <span className="tile-label">{STATE_LABELS[s]}</span>
            </a>
          ),
        )}
        <a role="listitem" className="tile tone-muted" href="#/devices" onClick={() => useDevicesStore.getState().setFilter('enabled', 'disabled')}>
          <span className="tile-value">{devicesLoaded ? disabled.toLocaleString() : '…'}</span>
          <span className="tile-label">Disabled</span>
        </a>
      </div>
      {mode && mode !== 'standalone' && devicesLoaded ? (
        <div className="source-breakdown" role="list" aria-label="Devices by source">
          {SOURCES.map((source) => (
            <a key={source} role="listitem" className="row-link" href="#/devices" onClick={() => useDevicesStore.getState().setFilter('source', source)}>
              <SourceBadge source={source} /> {plural(bySource[source], 'device')}
            </a>
          ))}
        </div>
      ) : null}
      <h2 className="section-title">Active alerts</h2>
      <div className="tiles" role="list" aria-label="Active alerts by severity">
        {SEVERITIES.map((s) => (
          <a key={s} role="listitem" className={`tile ${bySeverity[s] > 0 ? SEVERITY_TONES[s] : ''}`} href="#/alerts">
            <span className="tile-value">{bySeverity[s]}</span>
            <span className="tile-label">{SEVERITY_LABELS[s]}</span>
          </a>
        ))}
      </div>
      <div className="grid-2">
        <section className="card card-compact" aria-labelledby="dash-alerts-title">
          <div className="card-header">
            <h3 id="dash-alerts-title" className="card-title">
              Latest alerts
            </h3>
            <a href="#/alerts">All alerts</a>
          </div>
          {active.length === 0 ? (
            <p className="card-empty">No active alerts. All quiet.</p>
          ) : (
            <div className="card-table">
              <table className="table" aria-label="Latest alerts">
                <tbody>
                  {[...active]
                    .sort((a, b) => b.startedAt - a.startedAt)
                    .slice(0, 8)
                    .map((a) => (
                      <tr key={a.id}>
                        <td>
                          <SeverityBadge severity={a.severity} />
                        </td>
                        <td className="cell-strong">{a.deviceName ?? '—'}</td>
                        <td className="cell-notes">
                          {a.source === 'zabbix' ? (
                            <>
                              <SourceBadge source="zabbix" />{' '}
                            </>
                          ) : null}
                          {a.summary || a.ruleName}
                        </td>
                        <td className="cell-muted">{a.state === 'acknowledged' ? 'Acknowledged' : formatAgo(a.startedAt)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <RankCard title="Worst latency" rows={top(latest, 'ping_rtt_ms')} format={formatMs} names={names} empty={noMetrics ? 'No ping measurements yet.' : 'No latency measured in the last 15 minutes.'} />
        <RankCard title="Worst packet loss (5 min)" rows={loss.rows} format={formatPct} names={names} empty={loss.empty} />
        <RankCard title="Busiest interfaces" rows={busiest.rows} format={formatBps} names={names} empty={busiest.empty} />
        <RecentScans jobs={recentJobs} loaded={loaded} error={recentJobsError} onOpen={(id) => void useDiscoveryStore.getState().open(id)} />
      </div>
    </div>
  );
}
