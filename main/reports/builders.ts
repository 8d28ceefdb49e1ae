/**
 * Report builders: pure functions from a snapshot to a ReportDocument (sections of key figures,
 * charts and tables). No I/O, no clock: everything comes in the snapshot.
 */
import { deviceTypeLabel } from '../api/device-type-labels.ts';
import { REPORT_KIND_TITLES } from '../api/reports.ts';
import { coverageText, formatDuration, formatPct, formatTime } from './format.ts';
import { availabilityFromAlerts, availabilityFromSamples, coverageOf, mean, percentile, percentileSorted, topN } from './stats.ts';
import type {
  AlertsSnapshot,
  AvailabilitySnapshot,
  DiscoveryDiffSnapshot,
  InterfacesSnapshot,
  InventoryDevice,
  InventorySnapshot,
  ReportDocument,
  ReportSnapshot,
  Section,
  SnapshotBase,
  Table,
} from './types.ts';

function base(s: SnapshotBase & { kind: ReportDocument['kind'] }): Pick<ReportDocument, 'kind' | 'title' | 'site' | 'from' | 'to' | 'generatedAt'> {
  return { kind: s.kind, title: `${REPORT_KIND_TITLES[s.kind]} report`, site: s.site, from: s.from, to: s.to, generatedAt: s.generatedAt };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Array<{ label: string; value: number }> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

const METHOD_LABELS: Record<string, string> = { icmp: 'ICMP', tcp: 'TCP', arp: 'ARP', snmp: 'SNMP', manual: 'added by hand' };
const STATUS_LABELS: Record<string, string> = { up: 'Up', down: 'Down', degraded: 'Degraded', unknown: 'Unknown' };

/** The ports of one device as a table: name, status, speed, alias. */
function portTable(d: InventoryDevice): Table {
  return {
    id: `ports-${d.id}`,
    title: 'Ports',
    empty: 'No interfaces polled.',
    list: true,
    columns: [
      { key: 'port', label: 'Port' },
      { key: 'status', label: 'Status' },
      { key: 'speedBps', label: 'Speed', format: 'bps' },
      { key: 'alias', label: 'Alias' },
    ],
    rows: d.ports.map((p) => ({ port: p.name, status: p.status, speedBps: p.speedBps, alias: p.alias })),
  };
}

export function buildInventory(s: InventorySnapshot): ReportDocument {
  const devices = [...s.devices].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const table: Table = {
    id: 'devices',
    title: 'Devices',
    empty: 'No devices at this site.',
    columns: [
      { key: 'name', label: 'Name' },
      { key: 'address', label: 'Address' },
      { key: 'type', label: 'Type' },
      { key: 'vendor', label: 'Vendor' },
      { key: 'model', label: 'Model' },
      { key: 'serial', label: 'Serial' },
      { key: 'firmware', label: 'Firmware' },
      { key: 'hardwareRev', label: 'HW rev' },
      { key: 'os', label: 'OS' },
      { key: 'mac', label: 'MAC' },
      { key: 'location', label: 'Location' },
      { key: 'ports', label: 'Ports', format: 'int' },
      { key: 'portsUp', label: 'Up', format: 'int' },
      { key: 'foundBy', label: 'Found by', format: 'list' },
      { key: 'status', label: 'Status' },
    ],
    rows: devices.map((d) => ({
      name: d.name,
      address: d.address,
      type: deviceTypeLabel(d.type),
      vendor: d.vendor,
      model: d.model,
      serial: d.serial,
      firmware: d.firmware,
      hardwareRev: d.hardwareRev,
      os: d.os ? (d.osVersion ? `${d.os} ${d.osVersion}` : d.os) : null,
      mac: d.mac,
      location: d.location,
      ports: d.ports.length ? d.ports.length : null,
      portsUp: d.ports.length ? d.ports.filter((p) => p.status === 'up').length : null,
      foundBy: d.foundBy.map((m) => METHOD_LABELS[m] ?? m),
      status: STATUS_LABELS[d.status] ?? d.status,
    })),
  };
  const byType = countBy(devices, (d) => deviceTypeLabel(d.type));
  const withPorts = devices.filter((d) => d.ports.length > 0);
  const sections: Section[] = [
    {
      heading: 'Summary',
      kpis: [
        { label: 'Devices', value: String(devices.length) },
        { label: 'Classified', value: String(devices.filter((d) => d.type !== 'unknown').length) },
        { label: 'Vendors', value: String(new Set(devices.map((d) => d.vendor).filter(Boolean)).size) },
        { label: 'Found by discovery', value: String(devices.filter((d) => !d.foundBy.includes('manual')).length) },
      ],
      chart: { kind: 'bars', title: 'Devices by type', unit: '', bars: byType },
    },
    { heading: 'Devices', table },
    ...(s.siteMap ? [{ heading: 'Site map', text: 'How the devices are cabled, as their LLDP/CDP neighbours and forwarding tables say (dashed: inferred from forwarding tables).', chart: { kind: 'svg', title: 'Site map', svg: s.siteMap } } satisfies Section] : []),
    // The port lists after the table, one section per device that has polled interfaces.
    ...withPorts.map((d): Section => ({
      heading: `Ports of ${d.name} (${d.address})`,
      text: `${d.ports.length} ${d.ports.length === 1 ? 'port' : 'ports'}, ${d.ports.filter((p) => p.status === 'up').length} up.`,
      table: portTable(d),
    })),
  ];
  return { ...base(s), sections, mainTable: 'devices', data: { devices } };
}

export function buildAvailability(s: AvailabilitySnapshot): ReportDocument {
  const rows = s.devices.map((d) => {
    const avail = d.availability.length ? availabilityFromSamples(d.availability, s.from, s.to) : availabilityFromAlerts(d.downAlerts, s.from, s.to);
    const source = d.availability.length ? 'checks' : d.downAlerts.length ? 'alerts' : 'none';
    const rtt = [...d.rttMs].sort((a, b) => a - b);
    return {
      device: d,
      avail: source === 'none' ? { ...avail, uptimePct: null, monitoredMs: 0, coveragePct: 0 } : avail,
      source,
      rttP50: percentileSorted(rtt, 50),
      rttP95: percentileSorted(rtt, 95),
      rttP99: percentileSorted(rtt, 99),
      rttMax: rtt.length ? rtt[rtt.length - 1]! : null,
      lossAvg: mean(d.lossPct),
      lossP95: percentile(d.lossPct, 95),
    };
  });
  rows.sort((a, b) => (a.avail.uptimePct ?? 101) - (b.avail.uptimePct ?? 101) || a.device.name.localeCompare(b.device.name));
  const table: Table = {
    id: 'availability',
    title: 'Availability per device',
    empty: 'No devices in scope.',
    columns: [
      { key: 'device', label: 'Device' },
      { key: 'address', label: 'Address' },
      { key: 'uptimePct', label: 'Uptime (monitored time)', format: 'pct' },
      { key: 'monitoredMs', label: 'Monitored', format: 'duration' },
      { key: 'coveragePct', label: 'Coverage', format: 'pct' },
      { key: 'outages', label: 'Outages', format: 'int' },
      { key: 'downtimeMs', label: 'Downtime', format: 'duration' },
      { key: 'rttP50', label: 'RTT p50', format: 'ms' },
      { key: 'rttP95', label: 'RTT p95', format: 'ms' },
      { key: 'rttP99', label: 'RTT p99', format: 'ms' },
      { key: 'lossAvg', label: 'Loss avg', format: 'pct' },
      { key: 'lossP95', label: 'Loss p95', format: 'pct' },
      { key: 'source', label: 'Based on' },
    ],
    rows: rows.map((r) => ({
      device: r.device.name,
      address: r.device.address,
      uptimePct: r.avail.uptimePct,
      monitoredMs: r.avail.monitoredMs,
      coveragePct: r.avail.coveragePct,
      outages: r.avail.outages.length,
      downtimeMs: r.avail.downMs,
      rttP50: r.rttP50,
      rttP95: r.rttP95,
      rttP99: r.rttP99,
      lossAvg: r.lossAvg,
      lossP95: r.lossP95,
      source: r.source,
    })),
  };
  const outages = rows.flatMap((r) => r.avail.outages.map((o) => ({ device: r.device.name, ...o })));
  outages.sort((a, b) => a.start - b.start);
  const outageTable: Table = {
    id: 'outages',
    title: 'Outages',
    empty: 'No outages in this period.',
    columns: [
      { key: 'device', label: 'Device' },
      { key: 'start', label: 'Start', format: 'time' },
      { key: 'end', label: 'End', format: 'time' },
      { key: 'durationMs', label: 'Duration', format: 'duration' },
      { key: 'ongoing', label: 'Ongoing' },
    ],
    rows: outages.map((o) => ({ device: o.device, start: o.start, end: o.end, durationMs: o.durationMs, ongoing: o.ongoing })),
  };
  const measured = rows.filter((r) => r.avail.uptimePct !== null);
  // Overall uptime over the monitored time of all devices (a device watched for 5 minutes weighs 5 minutes).
  const monitoredMs = measured.reduce((sum, r) => sum + r.avail.monitoredMs, 0);
  const downMs = measured.reduce((sum, r) => sum + r.avail.downMs, 0);
  const overall = monitoredMs > 0 ? (100 * (monitoredMs - downMs)) / monitoredMs : null;
  const periodMs = s.to - s.from;
  const possibleMs = rows.length * periodMs;
  const coveragePct = coverageOf(monitoredMs, possibleMs);
  const coverage = rows.length ? coverageText(monitoredMs / rows.length, periodMs, coveragePct) : 'no devices';
  const totalDown = outages.reduce((sum, o) => sum + o.durationMs, 0);
  const sections: Section[] = [
    {
      heading: 'Summary',
      text:
        `Uptime is computed over the monitored part of the period only. Coverage: ${coverage}` +
        (rows.length > 1 ? ' per device on average.' : '.') +
        (measured.length && coveragePct < 99.5 ? ' Time without checks counts as neither up nor down.' : ''),
      kpis: [
        { label: 'Devices', value: String(rows.length) },
        { label: 'Uptime (monitored time)', value: formatPct(overall) },
        { label: 'Coverage', value: formatPct(rows.length ? coveragePct : null) },
        { label: 'Outages', value: String(outages.length) },
        { label: 'Total downtime', value: formatDuration(totalDown) },
      ],
      chart: { kind: 'bars', title: 'Uptime per device (%)', unit: '%', max: 100, bars: measured.slice(0, 30).map((r) => ({ label: r.device.name, value: Math.round(r.avail.uptimePct! * 100) / 100 })) },
    },
    { heading: 'Availability per device', table },
    {
      heading: 'Outages',
      ...(outages.length
        ? { chart: { kind: 'timeline' as const, title: 'Outages over the period', from: s.from, to: s.to, rows: rows.filter((r) => r.avail.outages.length).slice(0, 30).map((r) => ({ label: r.device.name, spans: r.avail.outages.map((o) => ({ start: o.start, end: o.end })) })) } }
        : {}),
      table: outageTable,
    },
  ];
  return {
    ...base(s),
    sections,
    mainTable: 'availability',
    data: {
      overall: { uptimePct: overall, monitoredMs, periodMs, coveragePct, coverage },
      devices: rows.map((r) => ({
        id: r.device.id,
        name: r.device.name,
        address: r.device.address,
        uptimePct: r.avail.uptimePct,
        monitoredMs: r.avail.monitoredMs,
        coveragePct: r.avail.coveragePct,
        coverage: coverageText(r.avail.monitoredMs, periodMs, r.avail.coveragePct),
        checks: r.avail.checks,
        downtimeMs: r.avail.downMs,
        basedOn: r.source,
        outages: r.avail.outages,
        rttMs: { p50: r.rttP50, p95: r.rttP95, p99: r.rttP99, max: r.rttMax },
        lossPct: { avg: r.lossAvg, p95: r.lossP95 },
      })),
    },
  };
}

export function buildAlerts(s: AlertsSnapshot): ReportDocument {
  const alerts = [...s.alerts].sort((a, b) => a.startedAt - b.startedAt);
  const tta = alerts.filter((a) => a.acknowledgedAt !== null).map((a) => a.acknowledgedAt! - a.startedAt);
  const ttr = alerts.filter((a) => a.resolvedAt !== null).map((a) => a.resolvedAt! - a.startedAt);
  const table: Table = {
    id: 'alerts',
    title: 'Alerts',
    empty: 'No alerts fired in this period.',
    columns: [
      { key: 'startedAt', label: 'Fired', format: 'time' },
      { key: 'severity', label: 'Severity' },
      { key: 'rule', label: 'Rule' },
      { key: 'device', label: 'Device' },
      { key: 'summary', label: 'Summary' },
      { key: 'acknowledgedAt', label: 'Acknowledged', format: 'time' },
      { key: 'acknowledgedBy', label: 'By' },
      { key: 'timeToAckMs', label: 'Time to ack', format: 'duration' },
      { key: 'resolvedAt', label: 'Resolved', format: 'time' },
      { key: 'durationMs', label: 'Duration', format: 'duration' },
    ],
    rows: alerts.map((a) => ({
      startedAt: a.startedAt,
      severity: a.severity,
      rule: a.ruleName,
      device: a.deviceName,
      summary: a.summary,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedBy: a.acknowledgedBy,
      timeToAckMs: a.acknowledgedAt === null ? null : a.acknowledgedAt - a.startedAt,
      resolvedAt: a.resolvedAt,
      durationMs: a.resolvedAt === null ? null : a.resolvedAt - a.startedAt,
    })),
  };
  const order = ['critical', 'major', 'minor', 'warning', 'info'];
  const bySeverity = countBy(alerts, (a) => a.severity).sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
  const byDevice = countBy(alerts, (a) => a.deviceName ?? '(no device)').slice(0, 10);
  const sections: Section[] = [
    {
      heading: 'Summary',
      kpis: [
        { label: 'Fired', value: String(alerts.length) },
        { label: 'Acknowledged', value: String(tta.length) },
        { label: 'Resolved', value: String(ttr.length) },
        { label: 'Median time to acknowledge', value: tta.length ? formatDuration(percentile(tta, 50)!) : '—' },
      ],
      chart: { kind: 'bars', title: 'Alerts by severity', unit: '', bars: bySeverity },
    },
    { heading: 'Alerts', table },
    {
      heading: 'Noisiest devices',
      table: {
        id: 'by-device',
        title: 'Alerts per device',
        empty: 'No alerts.',
        columns: [
          { key: 'device', label: 'Device' },
          { key: 'count', label: 'Alerts', format: 'int' },
        ],
        rows: byDevice.map((b) => ({ device: b.label, count: b.value })),
      },
    },
  ];
  return {
    ...base(s),
    sections,
    mainTable: 'alerts',
    data: {
      fired: alerts.length,
      acknowledged: tta.length,
      resolved: ttr.length,
      timeToAcknowledgeMs: { p50: percentile(tta, 50), p95: percentile(tta, 95), max: tta.length ? Math.max(...tta) : null },
      timeToResolveMs: { p50: percentile(ttr, 50), p95: percentile(ttr, 95) },
      bySeverity: Object.fromEntries(bySeverity.map((b) => [b.label, b.value])),
      alerts: table.rows,
    },
  };
}

export function buildInterfaces(s: InterfacesSnapshot): ReportDocument {
  const stats = s.interfaces.map((i) => {
    const inP95 = percentile(i.inBps, 95);
    const outP95 = percentile(i.outBps, 95);
    const inPeak = i.inBps.length ? Math.max(...i.inBps) : i.inPeak;
    const outPeak = i.outBps.length ? Math.max(...i.outBps) : i.outPeak;
    // Utilisation needs a known speed: an interface without one has none (not 0 %).
    const speed = i.speedBps && i.speedBps > 0 ? i.speedBps : null;
    const inUtilP95 = speed ? percentile(i.inUtil ?? [], 95) : null;
    const outUtilP95 = speed ? percentile(i.outUtil ?? [], 95) : null;
    return { i, inP95, outP95, inPeak, outPeak, speed, inUtilP95, outUtilP95, p95: Math.max(inP95 ?? -1, outP95 ?? -1), peak: Math.max(inPeak ?? -1, outPeak ?? -1) };
  });
  const withData = stats.filter((x) => x.peak >= 0);
  const byP95 = topN(withData, s.topN, (x) => (x.p95 >= 0 ? x.p95 : null));
  const byPeak = topN(withData, s.topN, (x) => x.peak);
  const columns = [
    { key: 'device', label: 'Device' },
    { key: 'interface', label: 'Interface' },
    { key: 'inP95', label: 'In p95', format: 'bps' as const },
    { key: 'outP95', label: 'Out p95', format: 'bps' as const },
    { key: 'inPeak', label: 'In peak', format: 'bps' as const },
    { key: 'outPeak', label: 'Out peak', format: 'bps' as const },
    { key: 'speed', label: 'Speed', format: 'bps' as const },
    { key: 'inUtilP95', label: 'In util p95', format: 'pct' as const },
    { key: 'outUtilP95', label: 'Out util p95', format: 'pct' as const },
  ];
  const row = (x: (typeof stats)[number]) => ({
    device: x.i.deviceName,
    interface: x.i.alias ? `${x.i.interface} (${x.i.alias})` : x.i.interface,
    inP95: x.inP95,
    outP95: x.outP95,
    inPeak: x.inPeak,
    outPeak: x.outPeak,
    speed: x.speed,
    inUtilP95: x.inUtilP95,
    outUtilP95: x.outUtilP95,
  });
  const sections: Section[] = [
    {
      heading: 'Summary',
      kpis: [
        { label: 'Interfaces with traffic data', value: String(withData.length) },
        { label: 'Listed', value: `top ${s.topN}` },
      ],
      chart: { kind: 'bars', title: 'Busiest interfaces (95th percentile, bit/s)', unit: 'bit/s', bars: byP95.slice(0, 15).map((x) => ({ label: `${x.i.deviceName} ${x.i.interface}`, value: Math.max(0, x.p95) })) },
    },
    { heading: `Top ${s.topN} by 95th percentile`, table: { id: 'top-p95', title: 'By 95th percentile', empty: 'No interface traffic in this period.', columns, rows: byP95.map(row) } },
    { heading: `Top ${s.topN} by peak`, table: { id: 'top-peak', title: 'By peak', empty: 'No interface traffic in this period.', columns, rows: byPeak.map(row) } },
  ];
  return { ...base(s), sections, mainTable: 'top-p95', data: { topN: s.topN, byP95: byP95.map(row), byPeak: byPeak.map(row) } };
}

const hostColumns = [
  { key: 'address', label: 'Address' },
  { key: 'name', label: 'Name' },
  { key: 'type', label: 'Type' },
  { key: 'vendor', label: 'Vendor' },
  { key: 'model', label: 'Model' },
  { key: 'mac', label: 'MAC' },
];

/** A changed value as text: lists joined, objects as JSON, unknown as "—". */
export function changeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as string | number | boolean);
}

export function buildDiscoveryDiff(s: DiscoveryDiffSnapshot): ReportDocument {
  const changesTable: Table = {
    id: 'changes',
    title: 'All changes',
    empty: s.jobId ? 'Nothing changed.' : 'No scan in this period.',
    columns: [
      { key: 'change', label: 'Change' },
      { key: 'address', label: 'Address' },
      { key: 'name', label: 'Name' },
      { key: 'field', label: 'Field' },
      { key: 'before', label: 'Before' },
      { key: 'after', label: 'After' },
    ],
    rows: [
      ...s.newHosts.map((h) => ({ change: 'new', address: h.address, name: h.name, field: null, before: null, after: `${deviceTypeLabel(h.type)}${h.vendor ? ` ${h.vendor}` : ''}` })),
      ...s.goneHosts.map((h) => ({ change: 'gone', address: h.address, name: h.name, field: null, before: `${deviceTypeLabel(h.type)}${h.vendor ? ` ${h.vendor}` : ''}`, after: null })),
      ...s.changed.flatMap((c) =>
        c.changes.map((f) => ({ change: 'changed', address: c.address, name: c.previousAddress !== c.address ? `was ${c.previousAddress}` : null, field: f.field, before: f.field === 'type' ? deviceTypeLabel(changeValue(f.before)) : changeValue(f.before), after: f.field === 'type' ? deviceTypeLabel(changeValue(f.after)) : changeValue(f.after) })),
      ),
    ],
  };
  const hostRows = (hosts: DiscoveryDiffSnapshot['newHosts']) => hosts.map((h) => ({ ...h, type: deviceTypeLabel(h.type) }));
  const sections: Section[] = [
    {
      heading: 'Summary',
      text: s.jobId
        ? s.previousJobId
          ? `Scan of ${s.targets.join(', ')}${s.jobAt !== null ? ` at ${formatTime(s.jobAt)}` : ''} compared with the scan${s.previousAt !== null ? ` at ${formatTime(s.previousAt)}` : ''} (job ${s.previousJobId}).`
          : `Scan of ${s.targets.join(', ')}: there is no earlier scan of the same targets, so every host is new.`
        : 'No discovery scan finished in this period.',
      kpis: [
        { label: 'New', value: String(s.newHosts.length) },
        { label: 'Gone', value: String(s.goneHosts.length) },
        { label: 'Changed', value: String(s.changed.length) },
        { label: 'Unchanged', value: String(s.unchanged) },
      ],
      chart: { kind: 'bars', title: 'Hosts', unit: '', bars: [{ label: 'new', value: s.newHosts.length }, { label: 'gone', value: s.goneHosts.length }, { label: 'changed', value: s.changed.length }, { label: 'unchanged', value: s.unchanged }] },
    },
    { heading: 'New hosts', table: { id: 'new', title: 'New hosts', empty: 'No new hosts.', columns: hostColumns, rows: hostRows(s.newHosts) } },
    { heading: 'Gone hosts', table: { id: 'gone', title: 'Gone hosts', empty: 'No host disappeared.', columns: hostColumns, rows: hostRows(s.goneHosts) } },
    { heading: 'All changes', table: changesTable },
  ];
  return {
    ...base(s),
    sections,
    mainTable: 'changes',
    data: { jobId: s.jobId, jobAt: s.jobAt, previousJobId: s.previousJobId, previousAt: s.previousAt, targets: s.targets, new: s.newHosts, gone: s.goneHosts, changed: s.changed, unchanged: s.unchanged },
  };
}

/** The builder of the snapshot's kind. */
export function buildReport(s: ReportSnapshot): ReportDocument {
  switch (s.kind) {
    case 'inventory':
      return buildInventory(s);
    case 'availability':
      return buildAvailability(s);
    case 'alerts':
      return buildAlerts(s);
    case 'interfaces':
      return buildInterfaces(s);
    case 'discovery-diff':
      return buildDiscoveryDiff(s);
  }
}
