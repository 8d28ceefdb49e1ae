/** A job's results as CSV (one row per host, spreadsheet-safe) or JSON (the job and every host). */
import type { DiscoveryHost, DiscoveryJob } from '../../api/discovery.ts';

const COLUMNS: [string, (h: DiscoveryHost) => unknown][] = [
  ['address', (h) => h.address],
  ['name', (h) => h.name],
  ['type', (h) => h.type],
  ['vendor', (h) => h.vendor],
  ['model', (h) => h.model],
  ['os', (h) => h.os],
  ['os_version', (h) => h.osVersion],
  ['confidence', (h) => h.confidence],
  ['found_by', (h) => h.foundBy.join(' ')],
  ['mac', (h) => h.mac],
  ['mac_vendor', (h) => h.macVendor],
  ['hostnames', (h) => h.hostnames.join(' ')],
  ['open_ports', (h) => h.openPorts.join(' ')],
  ['rtt_ms', (h) => h.rttMs],
  ['sys_name', (h) => h.sysName],
  ['sys_descr', (h) => h.sysDescr],
  ['sys_object_id', (h) => h.sysObjectID],
  ['sys_uptime_sec', (h) => h.sysUpTimeSec],
  ['sys_contact', (h) => h.sysContact],
  ['sys_location', (h) => h.sysLocation],
  ['sys_services', (h) => h.sysServices],
  ['snmp_version', (h) => h.snmpVersion],
  ['credential', (h) => h.credentialLabel],
  ['template', (h) => h.templateId],
  ['reasons', (h) => h.reasons.join('; ')],
];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @) gets a leading quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function resultsToCsv(hosts: readonly DiscoveryHost[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const h of hosts) lines.push(COLUMNS.map(([, get]) => csvCell(get(h))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function resultsToJson(job: DiscoveryJob, hosts: readonly DiscoveryHost[]): string {
  return `${JSON.stringify({ job, results: hosts }, null, 2)}\n`;
}
