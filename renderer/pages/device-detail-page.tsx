import { useCallback, useEffect, useMemo, useState } from 'react';
import { SeverityBadge, SourceBadge, StateBadge } from '../components/badges.tsx';
import { Banner } from '../components/banner.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { DeviceTypeBadge } from '../components/device-type-badge.tsx';
import { DiagnosticsIcon, EditIcon } from '../components/icons.tsx';
import { InventoryRows } from '../components/inventory-rows.tsx';
import { TimeChart, type ChartSeries } from '../components/time-chart.tsx';
import { formatAgo, formatBps, formatDuration, formatPct, formatTime } from '../lib/format.ts';
import { hashWith } from '../lib/hash-query.ts';
import { interfacesOf } from '../lib/interface-table.ts';
import { statusOrigin } from '../lib/zabbix-view.ts';
import { useCredentialsStore } from '../stores/credentials-store.ts';
import { MAX_GRAPHED, useDeviceDetailStore, type ChartMetric } from '../stores/device-detail-store.ts';
import { useDevicesStore } from '../stores/devices-store.ts';
import { useCan } from '../stores/session-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { DeviceDialog } from './device-dialog.tsx';
import { InterfacePicker } from './interface-picker.tsx';
import { InterfaceTable } from './interface-table.tsx';
import { RangePicker } from './range-picker.tsx';
import { ZabbixHostCard, ZabbixItemsCard } from './zabbix-device-section.tsx';
import { EngineGraphs } from './engine-graphs.tsx';
import { PluggedInRow } from '../components/plugged-in-row.tsx';

/** A series' name in its chart's legend and tooltip: the label that tells it apart, else the chart's own name. */
function labelOf(labels: Record<string, string>, keys: string[], fallback: string): string {
  for (const k of keys) if (labels[k]) return labels[k];
  const rest = Object.entries(labels).filter(([k]) => k !== 'device' && k !== 'item');
  return rest.length > 0 ? rest.map(([, v]) => v).join(' ') : fallback;
}

/** Series names that come from SNMP polling (everything but ICMP's). */
const isSnmpSeries = (name: string): boolean => !name.startsWith('ping_') && !name.startsWith('self_') && name !== 'availability';

/** One device: identity, interfaces, graphs for a time range (live for relative ranges), its alerts. */
export function DeviceDetailPage({ deviceId }: { deviceId: string }) {
  const { device: record, deviceError, series, seriesLoaded, range, data, dataLoading, dataError, alerts, graphed, graphedPicked, open, close, setMaxPoints, setGraphed } = useDeviceDetailStore();
  const credentials = useCredentialsStore((s) => s.items);
  // The list carries the live status (refreshed on availability, alert and Zabbix sync events).
  const listed = useDevicesStore((s) => s.items.find((d) => d.id === deviceId));
  const mode = useSettingsStore((s) => s.settings?.monitoringMode);
  const device = record && listed ? { ...record, ...listed } : record;
  const [editing, setEditing] = useState(false);
  const mayDiagnose = useCan('diagnostics.start');
  const mayEdit = useCan('devices.update');

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

  const chart = (name: ChartMetric, keys: string[], fallback: string): ChartSeries[] => (data[name] ?? []).map((s) => ({ key: `s${s.id}`, label: labelOf(s.labels, keys, fallback), points: s.points }));
  const has = (name: ChartMetric): boolean => series.some((s) => s.name === name);
  const graphedRows = graphed.map((name) => interfaces.find((r) => r.name === name)).filter((r) => r !== undefined);
  const toggleGraph = (name: string) => setGraphed(graphed.includes(name) ? graphed.filter((n) => n !== name) : [...graphed, name]);
  // Polled over SNMP yet no interface: the agent returned none (an empty or unserved ifTable).
  const noInterfaces = seriesLoaded && interfaces.length === 0 && series.some((s) => isSnmpSeries(s.name));
  const ifCharts = graphedRows.map((row) => {
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
        {device.builtin ? null : mayDiagnose.allowed ? (
          <a className="btn" href={hashWith('diagnostics', { target: device.address })}>
            <DiagnosticsIcon /> Diagnose
          </a>
        ) : (
          <button type="button" className="btn" disabled title={mayDiagnose.reason}>
            <DiagnosticsIcon /> Diagnose
          </button>
        )}
        <button type="button" className="btn" onClick={() => setEditing(true)} disabled={!mayEdit.allowed} title={mayEdit.reason}>
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
          <PluggedInRow deviceId={device.id} address={device.address} />
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
        <>
        {interfaces.length > 0 ? <InterfacePicker rows={interfaces} graphed={graphed} picked={graphedPicked} max={MAX_GRAPHED} onChange={setGraphed} /> : null}
        <div className="grid-2">
          {device.builtin ? <EngineGraphs deviceId={device.id} onWidth={onWidth} /> : null}
          {has('ping_rtt_ms') || !seriesLoaded ? (
            <TimeChart title="Latency" unit="ms" series={chart('ping_rtt_ms', [], 'Latency')} from={range.from} to={range.to} onWidth={onWidth} band />
          ) : null}
          {has('ping_loss_pct_5m') ? <TimeChart title="Loss (5 min)" unit="%" series={chart('ping_loss_pct_5m', [], 'Loss')} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
          {has('cpu_util_pct') ? <TimeChart title="CPU" unit="%" series={chart('cpu_util_pct', ['cpu'], 'CPU')} from={range.from} to={range.to} onWidth={onWidth} percent band={(data.cpu_util_pct?.length ?? 0) === 1} /> : null}
          {has('mem_used_pct') ? <TimeChart title="Memory used" unit="%" series={chart('mem_used_pct', ['memory', 'pool'], 'Memory')} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
          {has('disk_used_pct') ? <TimeChart title="Disks used" unit="%" series={chart('disk_used_pct', ['storage'], 'Disk')} from={range.from} to={range.to} onWidth={onWidth} percent /> : null}
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
        </>
      )}
      </>
      ) : null}

      {device.zabbix ? <ZabbixItemsCard deviceId={device.id} /> : null}

      {interfaces.length > 0 ? <InterfaceTable rows={interfaces} graphed={graphed} onToggleGraph={toggleGraph} canGraphMore={graphed.length < MAX_GRAPHED} /> : null}
      {noInterfaces ? (
        <section className="card card-compact" aria-labelledby="if-title">
          <div className="card-header">
            <h3 id="if-title" className="card-title">
              Interfaces
            </h3>
          </div>
          <p className="card-empty">The agent answers SNMP but returned no interfaces (its IF-MIB interface table is empty or not served to this credential).</p>
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
