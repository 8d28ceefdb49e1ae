/**
 * "Add to monitoring": discovery results become devices. Each gets a name (sysName, else reverse
 * DNS, else the address; made unique), the stored credential that worked, and the template picked
 * from its sysObjectID / sysDescr applied (the 'templates.apply' logic), so SNMP polling starts;
 * ICMP monitoring covers every enabled device. The host's classification (type, vendor, model,
 * OS), system group (sysName, sysLocation, sysObjectID) and inventory (serial, firmware, hardware
 * revision) become the device's identity. A host
 * whose address is already a device is left as it is; the scanning machine's own address is
 * skipped unless asked for (`includeSelf`: the user ticked it on purpose).
 */
import type { z } from 'zod';
import type { AddToMonitoringOutput, DiscoveryHost } from '../../api/discovery.ts';
import type { Monitoring } from '../../monitoring/monitoring.ts';
import type { Devices } from '../../devices/devices.ts';
import type { SettingsRepo } from '../../store/settings-repo.ts';
import { FALLBACK_TEMPLATE_ID } from '../../templates/builtin.ts';
import { pickTemplate } from '../../templates/pick.ts';
import { shippedRules } from '../classification-rules.ts';
import { matchFamily } from '../os-families.ts';
import type { TemplatesRepo } from '../../templates/templates-repo.ts';

export interface AddToMonitoringDeps {
  /** The devices area: lookups (case-insensitive) and writes that report themselves (one device.created per device). */
  devices: Pick<Devices, 'byAddress' | 'byName' | 'create' | 'setIdentity' | 'transaction'>;
  templates: TemplatesRepo;
  monitoring: Monitoring;
  settings: SettingsRepo;
  /** Whether a stored credential still exists (it may have been deleted since the scan). */
  credentialExists: (id: string) => boolean;
}

type Row = z.infer<typeof AddToMonitoringOutput>['results'][number];

export function addToMonitoring(
  d: AddToMonitoringDeps,
  jobId: string,
  addresses: readonly string[],
  resultOf: (address: string) => DiscoveryHost | undefined,
  options: { includeSelf?: boolean } = {},
): z.infer<typeof AddToMonitoringOutput> {
  const nameTaken = (name: string) => d.devices.byName(name) !== undefined;
  const uniqueName = (base: string, address: string): string => {
    const candidates = [base, `${base} (${address})`];
    for (const c of candidates) if (!nameTaken(c.slice(0, 128))) return c.slice(0, 128);
    for (let i = 2; ; i++) {
      const c = `${base.slice(0, 100)} (${address}) ${i}`;
      if (!nameTaken(c)) return c;
    }
  };
  const results: Row[] = [];
  let created = 0;
  for (const address of [...new Set(addresses)]) {
    const host = resultOf(address);
    if (!host) {
      results.push({ address, outcome: 'not_found', deviceId: null, name: null, templateId: null, credentialId: null, message: `${address} is not among the results of job ${jobId}` });
      continue;
    }
    if (host.self && !options.includeSelf) {
      results.push({
        address,
        outcome: 'self',
        deviceId: null,
        name: host.name,
        templateId: null,
        credentialId: null,
        message: 'Not added: this is the computer running the scan (tick it on its own and add it to monitor it anyway)',
      });
      continue;
    }
    const existing = d.devices.byAddress(host.address);
    if (existing) {
      results.push({ address, outcome: 'existing', deviceId: existing.id, name: existing.name, templateId: null, credentialId: null, message: `Already monitored as "${existing.name}"` });
      continue;
    }
    const credentialId = host.credentialId && d.credentialExists(host.credentialId) ? host.credentialId : null;
    const what = [host.type !== 'unknown' ? host.type : null, host.vendor, host.model].filter(Boolean).join(', ');
    // One transaction: the device.created event (emitted by devices/ after the commit) carries the identity.
    const device = d.devices.transaction(() => {
      const created0 = d.devices.create({
        name: uniqueName(host.name, host.address),
        address: host.address,
        tags: ['discovered'],
        notes: `Added from discovery job ${jobId}${what ? ` (${what})` : ''}.`,
        credentialIds: credentialId ? [credentialId] : [],
        enabled: true,
      });
      // What the scan learned the host is: its classification and system group.
      return (
        d.devices.setIdentity(created0.id, {
          type: host.type,
          vendor: host.vendor,
          model: host.model,
          os: host.os,
          osVersion: host.osVersion,
          sysName: host.sysName,
          location: host.sysLocation,
          sysObjectID: host.sysObjectID,
          // Inventory (the evidence round): absent in results stored before it, and null never erases.
          serial: host.serial ?? null,
          firmware: host.firmware ?? null,
          hardwareRev: host.hardwareRev ?? null,
        }) ?? created0
      );
    });
    created++;
    let templateId: string | null = null;
    let message = 'Device created; ICMP monitoring only';
    if (credentialId) {
      // The scan stored the classifier's words; its OS family is read again from the system group.
      const osFamily = matchFamily(shippedRules().families, host.sysObjectID ?? '', host.sysDescr ?? '')?.family.id ?? null;
      const pick = pickTemplate(d.templates.all(), host.sysObjectID ?? '', host.sysDescr ?? '', FALLBACK_TEMPLATE_ID, { osFamily, os: host.os, vendor: host.vendor, type: host.type });
      d.monitoring.items.apply(d.templates.resolved(pick.templateId), [device.id], d.settings.get().snmpIntervalSec);
      templateId = pick.templateId;
      message = `Device created with template "${pick.name}" (${pick.reason})`;
    } else if (host.snmpVersion) {
      message = 'Device created; SNMP answered with a credential given for that run only (not stored): add a stored credential to poll it';
    }
    results.push({ address, outcome: 'created', deviceId: device.id, name: device.name, templateId, credentialId, message });
  }
  if (created) d.monitoring.reload();
  return { results, created };
}
