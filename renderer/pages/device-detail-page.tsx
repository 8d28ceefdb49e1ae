import { useCallback, useEffect, useMemo, useState } from 'react';
import { SeverityBadge, SourceBadge, StateBadge } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { DeviceTypeBadge } from '../components/device-type-badge.tsx';
import { DiagnosticsIcon, EditIcon } from '../components/icons.tsx';
import { InventoryRows } from '../components/inventory-rows.tsx';
import { TimeChart, type ChartSeries } from '../components/time-chart.tsx';
import { formatAgo, formatBps, formatDuration, formatPct, formatTime } from '../lib/format.ts';
import { shownUtilisation } from '../lib/interface-utilisation.ts';
import { statusOrigin } from '../lib/zabbix-view.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { useDeviceDetailStore, type ChartMetric, type SeriesSummary } from '../stores/device-detail-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { DeviceDialog } from './device-dialog.tsx';
import { RangePicker } from './range-picker.tsx';
import { ZabbixHostCard, ZabbixItemsCard } from './zabbix-device-section.tsx';
import { EngineGraphs } from './engine-graphs.tsx';

const MAX_INTERFACE_CHARTS = 8;

function labelOf(labels: Record<string, string>, keys: string[]): string {
  for (const k of keys) if (labels[k]) return labels[k];
  const rest = Object.entries(labels).filter(([k]) => k !== 'device' && k !== 'item');
  return rest.length > 0 ? rest.map(([, v]) => v).join(' ') : 'total';
}

interface InterfaceRow {
  name: string;
  alias?: string;
  oper?: number;
  inBps?: number;
  outBps?: number;
  inErr?: number;
  outErr?: number;
  /** Link speed (ifHighSpeed, else ifSpeed) in bit/s. */
  speedBps?: number;
  inUtil?: number;
  outUtil?: number;
  lastTs?: number;
}


function interfacesOf(series: SeriesSummary[]): InterfaceRow[] {
  const rows = new Map<string, InterfaceRow>();
  for (const s of series) {
    const name = s.labels.interface;
    if (!name) continue;
    let row = rows.get(name);
    if (!row) rows.set(name, (row = { name }));
    if (s.labels.alias) row.alias = s.labels.alias;
    const v = s.lastValue ?? undefined;
    if (s.lastTs) row.lastTs = Math.max(row.lastTs ?? 0, s.lastTs);
    if (s.name === 'if_oper_status') row.oper = v;
    else if (s.name === 'if_in_bps') row.inBps = v;
    else if (s.name === 'if_out_bps') row.outBps = v;
    else if (s.name === 'if_in_errors') row.inErr = v;
    else if (s.name === 'if_out_errors') row.outErr = v;
    else if (s.name === 'if_speed_bps') row.speedBps = v;
    else if (s.name === 'if_in_util_pct') row.inUtil = v;
    else if (s.name === 'if_out_util_pct') row.outUtil = v;
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** "42 % / 3.1 %", or — for a port that is down or has no known speed. */
function utilisationText(row: InterfaceRow): string {
  const u = shownUtilisation(row);
  if (u.inUtil === undefined && u.outUtil === undefined) return '—';
  return `${u.inUtil === undefined ? '—' : formatPct(u.inUtil)} / ${u.outUtil === undefined ? '—' : formatPct(u.outUtil)}`;
}

const OPER: Record<number, { label: string; cls: string }> = {
  1: { label: 'Up', cls: 'badge-ok' },
  2: { label: 'Down', cls: 'badge-down' },
  3: { label: 'Testing', cls: 'badge-warn' },
  5: { label: 'Dormant', cls: 'badge-muted' },
  6: { label: 'Not present', cls: 'badge-muted' },
  7: { label: 'Lower layer down', cls: 'badge-down' },
};

/** One device: identity, interfaces, graphs for a time range (live for relative ranges), its alerts. */
export function DeviceDetailPage({ deviceId }: { deviceId: string }) {
  const { device: record, deviceError, series, seriesLoaded, range, data, dataLoading, dataError, alerts, open, close, setMaxPoints } = useDeviceDetailStore();
  const credentials = useCredentialsStore((s) => s.items);
  // The list carries the live status (refreshed on availability, alert and Zabbix sync events).
  const listed = useDevicesStore((s) => s.items.find((d) => d.id === deviceId));
  const mode = useSettingsStore((s) => s.settings?.monitoringMode);
  const device = record && listed ? { ...record, ...listed } : record;
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    void open(deviceId);
    return () => close();
  }, [deviceId, open, close]);

  const interfaces = useMemo(() => interfacesOf(series), [series]);
  const uptime = series.find((s) => s.name === 'uptime_sec' && s.lastValue !== null);
  const loss = series.find((s) => s.name === 'ping_loss_pct_5m' && s.lastValue !== null);
  const onWidth = useCallback((w: number) => setMaxPoints(w - 70), [setMaxPoints]);

  if (deviceError) {
    return (
      <div className="page">
        <a className="back-link" href="#/devices">
          ← Devices
        </a>
        <Banner tone="error">{deviceError}</Banner>
      </div>
    );
  }
  if (!device) {
    return (
      <div className="page">
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the device…
        </div>
      </div>
    );
  }

  const chart = (name: ChartMetric, keys: string[]): ChartSeries[] => (data[name] ?? []).map((s) => ({ key: `s${s.id}`, label: labelOf(s.labels, keys), points: s.points }));
  const has = (name: ChartMetric): boolean => series.some((s) => s.name === name);
  const ifCharts = interfaces.slice(0, MAX_INTERFACE_CHARTS).map((row) => {
    const pick = (name: 'if_in_bps' | 'if_out_bps', label: string): ChartSeries[] =>
      (data[name] ?? []).filter((s) => s.labels.interface === row.name).map((s) => ({ key: `s${s.id}`, label, points: s.points }));
    const pickUtil = (name: 'if_in_util_pct' | 'if_out_util_pct', label: string): ChartSeries[] =>
      (data[name] ?? []).filter((s) => s.labels.interface === row.name).map((s) => ({ key: `s${s.id}`, label, points: s.points }));
    return { row, series: [...pick('if_in_bps', 'In'), ...pick('if_out_bps', 'Out')], util: [...pickUtil('if_in_util_pct', 'In'), ...pickUtil('if_out_util_pct', 'Out')] };
  });
  const credentialNames = device.credentialIds.map((id) => credentials.find((c) => c.id === id)?.name ?? 'unknown');
  const noSeries = seriesLoaded && series.length === 0;
  // A Zabbix-only device is not polled by WARD FLUX: its graphs are Zabbix's (the items below).
  const ownGraphs = device.source !== 'zabbix' || series.length > 0;

  return (
    <div className="page">
      <div className="page-head">
        <a className="back-link" href="#/devices">
          ← Devices
        </a>
        <h2>{device.name}</h2>
        {device.enabled ? <StateBadge state={device.status} origin={statusOrigin(device, mode)} /> : <span className="badge badge-muted">Disabled</span>}
        <SourceBadge source={device.source} />
        <span className="mono muted">{device.address}</span>
        <div className="toolbar-spacer" />
        {device.builtin ? null : (
          <a className="btn" href="#/diagnostics">
            <DiagnosticsIcon /> Diagnose
          </a>
        )}
        <button type="button" className="btn" onClick={() => setEditing(true)}>
          <EditIcon /> Edit device
        </button>
      </div>

      <section className="card" aria-labelledby="identity-title">
        <div className="card-header">
          <h3 id="identity-title" className="card-title">
            Identity
          </h3>
        </div>
        <dl className="identity">
          <div>
            <dt>Address</dt>
            <dd className="mono">{device.address}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>
              <DeviceTypeBadge type={device.type} />
            </dd>
          </div>
          <div>
            <dt>Vendor</dt>
            <dd>{device.vendor ?? '—'}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{device.model ?? '—'}</dd>
          </div>
          <InventoryRows facts={device} />
          <div>
            <dt>OS</dt>
            <dd>{device.os ? [device.os, device.osVersion].filter(Boolean).join(' ') : '—'}</dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd>{device.location ?? '—'}</dd>
          </div>
          <div>
            <dt>sysName</dt>
            <dd className={device.sysName ? 'mono' : undefined}>{device.sysName ?? '—'}</dd>
          </div>
          <div>
            <dt>Monitoring</dt>
            <dd>{device.enabled ? 'Enabled' : 'Disabled'}</dd>
          </div>
          <div>
            <dt>Uptime</dt>
            <dd>{uptime ? formatDuration(uptime.lastValue) : '—'}</dd>
          </div>
          <div>
            <dt>Loss (5 min)</dt>
            <dd>{loss ? formatPct(loss.lastValue) : '—'}</dd>
          </div>
          <div>
            <dt>SNMP credentials</dt>
            <dd>{credentialNames.length > 0 ? credentialNames.join(', ') : 'None'}</dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>{device.tags.length > 0 ? device.tags.join(', ') : '—'}</dd>
          </div>
          <div>
            <dt>Added</dt>
            <dd>{formatTime(device.createdAt)}</dd>
          </div>
          {device.sysObjectID ? (
            <div>
              <dt>sysObjectID</dt>
              <dd className="mono">{device.sysObjectID}</dd>
            </div>
          ) : null}
          {device.notes ? (
            <div style={{ gridColumn: '1 / -1' }}>
              <dt>Notes</dt>
              <dd>{device.notes}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {device.zabbix ? <ZabbixHostCard view={device.zabbix} /> : null}

      {ownGraphs ? (
      <>
      <div className="toolbar toolbar-wrap">
        <h3 className="section-title">Graphs</h3>
        <div className="toolbar-spacer" />
        {dataLoading ? (
          <span className="muted" role="status">
            Loading…
          </span>
        ) : null}
        <RangePicker />
      </div>
      {dataError ? <Banner tone="error">Could not load the graphs: {dataError}</Banner> : null}
      {noSeries ? (
        <div className="card">
          <EmptyState icon={<DiagnosticsIcon />} title="No measurements yet">
            <p>
              Graphs appear once WARD FLUX has polled this device. Make sure it is enabled and apply a monitoring template to it from the Devices page (select it, pick a template,
              Apply template).
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className="grid-2">
          {device.builtin ? <EngineGraphs deviceId={device.id} onWidth={onWidth} /> : null}
          {has('ping_rtt_ms') || !seriesLoaded ? (
            <TimeChart title="Latency" unit="ms" series={chart('ping_rtt_ms', [])} from={range.from} to={range.to} onWidth={onWidth} band />
          ) : null}
          {has('ping_loss_pct_5m') ? <TimeChart title="Loss (5 min)" unit="%" series={chart('ping_loss_pct_5m', [])} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
          {has('cpu_util_pct') ? <TimeChart title="CPU" unit="%" series={chart('cpu_util_pct', ['cpu'])} from={range.from} to={range.to} onWidth={onWidth} percent band={(data.cpu_util_pct?.length ?? 0) === 1} /> : null}
          {has('mem_used_pct') ? <TimeChart title="Memory used" unit="%" series={chart('mem_used_pct', ['memory', 'pool'])} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
          {has('disk_used_pct') ? <TimeChart title="Disks used" unit="%" series={chart('disk_used_pct', ['storage'])} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
          {ifCharts.flatMap(({ row, series: s, util }) => {
            const title = `${row.name}${row.alias ? ` (${row.alias})` : ''}`;
            const speed = row.speedBps ? ` · ${formatBps(row.speedBps)} link` : '';
            return [
              <TimeChart key={row.name} title={`${title} traffic${speed}`} unit="bit/s" series={s} from={range.from} to={range.to} onWidth={onWidth} />,
              // A port that was down all along the range has no utilisation to draw: no empty chart.
              util.some((u) => u.points.length > 0) ? <TimeChart key={`${row.name}-util`} title={`${title} utilisation${speed}`} unit="%" series={util} from={range.from} to={range.to} onWidth={onWidth} percent /> : null,
            ];
          })}
        </div>
      )}
      </>
      ) : null}

      {device.zabbix ? <ZabbixItemsCard deviceId={device.id} /> : null}

      {interfaces.length > 0 ? (
        <section className="card card-compact" aria-labelledby="if-title">
          <div className="card-header">
            <h3 id="if-title" className="card-title">
              Interfaces
            </h3>
            <span className="muted">{interfaces.length > MAX_INTERFACE_CHARTS ? `Graphs for the first ${MAX_INTERFACE_CHARTS}` : ''}</span>
          </div>
          <div className="card-table table-wrap-plain">
            <table className="table" aria-label="Interfaces">
              <thead>
                <tr>
                  <th scope="col">Interface</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Speed
                  </th>
                  <th scope="col" className="num">
                    In
                  </th>
                  <th scope="col" className="num">
                    Out
                  </th>
                  <th scope="col" className="num">
                    Utilisation in/out
                  </th>
                  <th scope="col" className="num">
                    Errors in/out
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {interfaces.map((row) => (
                  <tr key={row.name}>
                    <td className="cell-strong">
                      {row.name}
                      {row.alias ? <span className="muted"> · {row.alias}</span> : null}
                    </td>
                    <td>{row.oper !== undefined ? <span className={`badge ${OPER[row.oper]?.cls ?? 'badge-muted'}`}>{OPER[row.oper]?.label ?? `State ${row.oper}`}</span> : '—'}</td>
                    <td className="num">{row.speedBps ? formatBps(row.speedBps) : '—'}</td>
                    <td className="num">{formatBps(row.inBps)}</td>
                    <td className="num">{formatBps(row.outBps)}</td>
                    <td className="num">{utilisationText(row)}</td>
                    <td className="num">
                      {row.inErr !== undefined || row.outErr !== undefined ? `${(row.inErr ?? 0).toFixed(1)} / ${(row.outErr ?? 0).toFixed(1)} /s` : '—'}
                    </td>
                    <td className="cell-muted">{formatAgo(row.lastTs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="card card-compact" aria-labelledby="dev-alerts-title">
        <div className="card-header">
          <h3 id="dev-alerts-title" className="card-title">
            Alerts for this device
          </h3>
          <a href="#/alerts">All alerts</a>
        </div>
        {alerts.length === 0 ? (
          <p className="card-empty">No alerts for this device.</p>
        ) : (
          <div className="card-table">
            <table className="table" aria-label="Alerts for this device">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Alert</th>
                  <th scope="col">State</th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <SeverityBadge severity={a.severity} />
                    </td>
                    <td>{a.summary || a.ruleName}</td>
                    <td className="cell-muted">{a.state === 'firing' ? 'Firing' : a.state === 'acknowledged' ? 'Acknowledged' : 'Resolved'}</td>
                    <td className="cell-muted">{formatAgo(a.startedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing ? <DeviceDialog device={device} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
