/** A job's results as CSV (one row per host, spreadsheet-safe) or JSON (the job and every host). */
import type { DiscoveryHost, DiscoveryJob } from '../../api/discovery.ts';
import { type CsvValue, toCsv } from '../../lib/csv.ts';

const COLUMNS: [string, (h: DiscoveryHost) => CsvValue][] = [
  ['address', (h) => h.address],
  ['name', (h) => h.name],
  ['type', (h) => h.type],
  ['vendor', (h) => h.vendor],
  ['model', (h) => h.model],
  ['serial', (h) => h.serial ?? null],
  ['firmware', (h) => h.firmware ?? null],
  ['hardware_rev', (h) => h.hardwareRev ?? null],
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
  ['snmp_status', (h) => h.snmpStatus?.state ?? null],
  ['snmp_message', (h) => h.snmpStatus?.message ?? null],
  ['this_computer', (h) => (h.self ? 'yes' : null)],
  ['credential', (h) => h.credentialLabel],
  ['template', (h) => h.templateId],
  ['reasons', (h) => h.reasons.join('; ')],
];

/**
 * The results as CSV through the product's one CSV writer (formula-escaped: sysName and the other
 * SNMP strings come from the network). "\r\n" line ends for files, "\n" for a terminal.
 */
export function resultsToCsv(hosts: readonly DiscoveryHost[], eol: '\r\n' | '\n' = '\r\n'): string {
  return toCsv(
    COLUMNS.map(([header, value]) => ({ header, value })),
    hosts,
    { eol },
  );
}

export function resultsToJson(job: DiscoveryJob, hosts: readonly DiscoveryHost[]): string {
  return `${JSON.stringify({ job, results: hosts }, null, 2)}\n`;
}
