import { TemplateBody } from '../api/templates.ts';
import { AppError } from '../errors.ts';
import { resolveTemplate } from './resolve.ts';
import ciscoIos from '../../resources/templates/cisco-ios.json' with { type: 'json' };
import genericSnmp from '../../resources/templates/generic-snmp.json' with { type: 'json' };
import linuxNetSnmp from '../../resources/templates/linux-net-snmp.json' with { type: 'json' };
import printer from '../../resources/templates/printer.json' with { type: 'json' };
import windows from '../../resources/templates/windows.json' with { type: 'json' };
import entitySensor from '../../resources/templates/entity-sensor.json' with { type: 'json' };
import hostResources from '../../resources/templates/host-resources.json' with { type: 'json' };
import ifMib from '../../resources/templates/if-mib.json' with { type: 'json' };
import powerEthernet from '../../resources/templates/power-ethernet.json' with { type: 'json' };
import printerMib from '../../resources/templates/printer-mib.json' with { type: 'json' };
import upsMib from '../../resources/templates/ups-mib.json' with { type: 'json' };
import akcpSensorprobe from '../../resources/templates/akcp-sensorprobe.json' with { type: 'json' };
import apcRpdu from '../../resources/templates/apc-rpdu.json' with { type: 'json' };
import apcUps from '../../resources/templates/apc-ups.json' with { type: 'json' };
import cyberpowerUps from '../../resources/templates/cyberpower-ups.json' with { type: 'json' };
import eatonUps from '../../resources/templates/eaton-ups.json' with { type: 'json' };
import qnap from '../../resources/templates/qnap.json' with { type: 'json' };
import raritanPdu2 from '../../resources/templates/raritan-pdu2.json' with { type: 'json' };
import sentry4Pdu from '../../resources/templates/sentry4-pdu.json' with { type: 'json' };
import synologyDsm from '../../resources/templates/synology-dsm.json' with { type: 'json' };
import vmwareEsxi from '../../resources/templates/vmware-esxi.json' with { type: 'json' };
import ciscoEnvmon from '../../resources/templates/cisco-envmon.json' with { type: 'json' };
import ciscoNxos from '../../resources/templates/cisco-nxos.json' with { type: 'json' };
import ciscoAsa from '../../resources/templates/cisco-asa.json' with { type: 'json' };
import ciscoWlc from '../../resources/templates/cisco-wlc.json' with { type: 'json' };
import juniperJunos from '../../resources/templates/juniper-junos.json' with { type: 'json' };
import aristaEos from '../../resources/templates/arista-eos.json' with { type: 'json' };
import hpeProcurve from '../../resources/templates/hpe-procurve.json' with { type: 'json' };
import arubaCx from '../../resources/templates/aruba-cx.json' with { type: 'json' };
import arubaController from '../../resources/templates/aruba-controller.json' with { type: 'json' };
import fortinetFortigate from '../../resources/templates/fortinet-fortigate.json' with { type: 'json' };
import paloaltoPanos from '../../resources/templates/paloalto-panos.json' with { type: 'json' };
import mikrotikRouteros from '../../resources/templates/mikrotik-routeros.json' with { type: 'json' };
import ubiquitiAiros from '../../resources/templates/ubiquiti-airos.json' with { type: 'json' };
import ubiquitiUnifi from '../../resources/templates/ubiquiti-unifi.json' with { type: 'json' };
import huaweiVrp from '../../resources/templates/huawei-vrp.json' with { type: 'json' };
import dellOs10 from '../../resources/templates/dell-os10.json' with { type: 'json' };
import dellNSeries from '../../resources/templates/dell-n-series.json' with { type: 'json' };

/**
 * The templates shipped in resources/templates/, imported statically so every runtime (plain
 * Node, the Electron bundle, the CLI) has them without looking for files. A new file there needs
 * a line here; a unit test fails when one is missing.
 */
export const BUILTIN_TEMPLATE_SOURCES: Record<string, unknown> = {
  'generic-snmp': genericSnmp,
  'cisco-ios': ciscoIos,
  'linux-net-snmp': linuxNetSnmp,
  windows,
  printer,
  // Standard parts (included by the others; ups-mib also matches UPSes of its own).
  'if-mib': ifMib,
  'host-resources': hostResources,
  'ups-mib': upsMib,
  'printer-mib': printerMib,
  'entity-sensor': entitySensor,
  'power-ethernet': powerEthernet,
  // Storage, servers, power and sensors.
  'akcp-sensorprobe': akcpSensorprobe,
  'apc-rpdu': apcRpdu,
  'apc-ups': apcUps,
  'cyberpower-ups': cyberpowerUps,
  'eaton-ups': eatonUps,
  qnap,
  'raritan-pdu2': raritanPdu2,
  'sentry4-pdu': sentry4Pdu,
  'synology-dsm': synologyDsm,
  'vmware-esxi': vmwareEsxi,
  // Network gear (cisco-envmon is a part, included by cisco-ios).
  'cisco-envmon': ciscoEnvmon,
  'cisco-nxos': ciscoNxos,
  'cisco-asa': ciscoAsa,
  'cisco-wlc': ciscoWlc,
  'juniper-junos': juniperJunos,
  'arista-eos': aristaEos,
  'hpe-procurve': hpeProcurve,
  'aruba-cx': arubaCx,
  'aruba-controller': arubaController,
  'fortinet-fortigate': fortinetFortigate,
  'paloalto-panos': paloaltoPanos,
  'mikrotik-routeros': mikrotikRouteros,
  'ubiquiti-airos': ubiquitiAiros,
  'ubiquiti-unifi': ubiquitiUnifi,
  'huawei-vrp': huaweiVrp,
  'dell-os10': dellOs10,
  'dell-n-series': dellNSeries,
};

/** The id of the template used when no other matches. */
export const FALLBACK_TEMPLATE_ID = 'generic-snmp';

export type BuiltinTemplate = TemplateBody & { id: string };

/**
 * Parses every built-in template and resolves its includes (each must name a built-in template,
 * without cycles); a broken one is a bug in this build, reported with its file.
 */
export function loadBuiltinTemplates(sources: Record<string, unknown> = BUILTIN_TEMPLATE_SOURCES): BuiltinTemplate[] {
  const parsed = parseBuiltins(sources);
  const byId = new Map(parsed.map((t) => [t.id, t]));
  for (const t of parsed) {
    try {
      resolveTemplate(t.id, (id) => byId.get(id));
    } catch (err) {
      throw new AppError('internal', `Built-in template resources/templates/${t.id}.json: ${(err as Error).message}`, { cause: err });
    }
  }
  return parsed;
}

function parseBuiltins(sources: Record<string, unknown>): BuiltinTemplate[] {
  return Object.entries(sources).map(([file, source]) => {
    const parsed = TemplateBody.safeParse(source);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('internal', `Built-in template resources/templates/${file}.json is invalid: ${issues}`);
    }
    if (parsed.data.id !== file) throw new AppError('internal', `Built-in template ${file}.json has id ${String(parsed.data.id)}; it must match the file name`);
    return { ...parsed.data, id: file };
  });
}
