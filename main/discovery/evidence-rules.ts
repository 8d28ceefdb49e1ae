/**
 * What the extra GET round's findings (device-evidence.ts) say about a device, as weighted hints
 * with a reason each, for the classifier to add up. The MIBs are standard, so the hints are
 * general: a host that implements the Printer-MIB prints, an agent with UPS-MIB identity is a UPS,
 * a bridge with many ports switches, LLDP says what the device claims to be.
 */
import type { TypeWeights } from './classification-rules.ts';
import type { DeviceEvidence, LldpCapability } from './device-evidence.ts';

export interface EvidenceHint {
  source: 'entity' | 'lldp' | 'bridge' | 'ip' | 'host-resources' | 'printer' | 'ups';
  types?: TypeWeights;
  vendor?: string | null;
  model?: string | null;
  reason: string;
}

const LLDP_TYPES: Partial<Record<LldpCapability, TypeWeights>> = {
  router: { router: 1, 'l3-switch': 0.5 },
  bridge: { switch: 1, 'l3-switch': 0.5 },
  wlanAccessPoint: { 'wireless-ap': 1.5 },
  telephone: { 'ip-phone': 1.5 },
  docsisCableDevice: { router: 0.5 },
  stationOnly: { server: 0.5, workstation: 0.5 },
};

// HOST-RESOURCES-MIB hrDeviceTypes arcs.
const HR_PRINTER = 5;

/** A name an agent fills in when it has nothing better ("", "N/A", "0", "Unknown"). */
function meaningful(v: string | null | undefined): string | null {
  const t = v?.replace(/\s+/g, ' ').trim();
  if (!t || t.length < 2 || /^(n\/?a|none|unknown|not (?:available|specified)|default|0+|-+|\.+)$/i.test(t)) return null;
  return t;
}

export function weighEvidence(ev: DeviceEvidence): EvidenceHint[] {
  const out: EvidenceHint[] = [];
  const e = ev.entity;
  if (e) {
    const model = meaningful(e.model);
    const maker = meaningful(e.mfgName);
    if (model || maker) out.push({ source: 'entity', model, vendor: maker, reason: `ENTITY-MIB chassis${model ? ` model ${model}` : ''}${maker ? ` made by ${maker}` : ''}` });
  }
  const caps = (ev.lldpCapabilities ?? []).filter((c) => LLDP_TYPES[c]);
  if (caps.length) {
    const types: TypeWeights = {};
    for (const c of caps) for (const [t, w] of Object.entries(LLDP_TYPES[c] ?? {})) types[t as keyof TypeWeights] = (types[t as keyof TypeWeights] ?? 0) + (w ?? 0) / caps.length;
    out.push({ source: 'lldp', types, reason: `LLDP capabilities enabled: ${caps.join(', ')}` });
  }
  if (typeof ev.bridgePorts === 'number' && ev.bridgePorts >= 8) {
    out.push({ source: 'bridge', types: { switch: 0.8, 'l3-switch': 0.4 }, reason: `BRIDGE-MIB: a bridge with ${ev.bridgePorts} ports` });
  }
  if (ev.ipForwarding === true && !(typeof ev.bridgePorts === 'number' && ev.bridgePorts >= 8)) {
    out.push({ source: 'ip', types: { router: 0.4 }, reason: 'IP-MIB: forwards IP packets' });
  }
  const printer = ev.printerMib === true || (ev.hrDeviceTypes ?? []).includes(HR_PRINTER);
  if (printer) out.push({ source: 'printer', types: { printer: 2 }, reason: ev.printerMib ? 'Printer-MIB answers' : 'HOST-RESOURCES lists a printer device' });
  const ups = ev.ups;
  if (ups && (meaningful(ups.manufacturer) || meaningful(ups.model))) {
    out.push({ source: 'ups', types: { ups: 2.5 }, vendor: meaningful(ups.manufacturer), model: meaningful(ups.model), reason: `UPS-MIB identity${meaningful(ups.model) ? ` ${meaningful(ups.model)}` : ''}` });
  }
  return out;
}
